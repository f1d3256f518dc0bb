// A replacement sent to the customer from a ticket: a sales order for the ticket's customer,
// free of charge under warranty, at list price otherwise. Its delivery is the order-to-delivery
// process, started by the ticket as a child.
import type { OperationsDb } from '../../db/clients';
import { once } from '../../db/idempotency';
import { nextNumber } from '../../db/sequence';
import { AppError, AppErrorCode, type FieldIssue } from '../../domain/errors';
import { documentTotals, lineAmounts } from '../../domain/money';
import { audit } from './ledger';
import { addTicketEvent, ticketByNumber } from './tickets-core';

const DELIVERY_LEAD_MS = 3 * 86_400_000;

export function createTicketReplacementActivities(db: OperationsDb) {
  return {
    async createReplacementOrder(input: {
      ticketNumber: string;
      key: string;
      at: string;
      lines: { sku: string; quantity: number }[];
      by: string;
    }): Promise<{ orderNumber: string; free: boolean }> {
      return once(db, input.key, async (tx) => {
        const t = await ticketByNumber(tx, input.ticketNumber);
        const products = await tx.product.findMany({ where: { sku: { in: input.lines.map((l) => l.sku) } } });
        const issues: FieldIssue[] = [];
        input.lines.forEach((l, i) => {
          const p = products.find((x) => x.sku === l.sku);
          if (!p || !p.active || p.kind === 'service')
            issues.push({ field: `lines.${i}.sku`, message: `no deliverable product with SKU ${l.sku}` });
        });
        if (issues.length)
          throw new AppError(AppErrorCode.INVALID_INPUT, {
            message: `Invalid replacement: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
            details: issues,
          });
        const main = await tx.warehouse.findUniqueOrThrow({ where: { code: 'MAIN' } });
        const lines = input.lines.map((l, i) => {
          const p = products.find((x) => x.sku === l.sku)!;
          return {
            lineNo: i + 1,
            productId: p.id,
            quantity: l.quantity,
            unitPriceCents: t.underWarranty ? 0 : p.listPriceCents,
            taxRateBp: p.taxRateBp,
          };
        });
        const totals = documentTotals(lines.map((l) => ({ ...l, ...lineAmounts(l) })));
        const orderNumber = await nextNumber(tx, 'sales-order', 'SO');
        await tx.salesOrder.create({
          data: {
            number: orderNumber,
            customerId: t.customerId,
            warehouseId: main.id,
            status: 'received',
            requestedDate: new Date(Date.parse(input.at) + DELIVERY_LEAD_MS),
            deliverySteps: 1,
            netCents: totals.netCents,
            taxCents: totals.taxCents,
            createdBy: input.by,
            lines: { create: lines },
          },
        });
        await addTicketEvent(tx, t.id, {
          key: input.key,
          at: input.at,
          kind: 'replacement_ordered',
          actor: input.by,
          data: { order: orderNumber, lines: input.lines, free: t.underWarranty },
        });
        await audit(tx, input.by, 'order.received', 'SalesOrder', orderNumber, { ticket: t.number, lines: input.lines });
        return { orderNumber, free: t.underWarranty };
      });
    },
  };
}
