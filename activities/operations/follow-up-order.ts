// A sales order that follows up on an earlier sale (a ticket's replacement, a return's replacement or
// send-back): for the same customer, from MAIN, free of charge or at list price. Its delivery is the
// order-to-delivery process, started by the ticket or return as a child.
import type { OperationsTx } from '../../db/clients';
import { nextNumber } from '../../db/sequence';
import { AppError, AppErrorCode, type FieldIssue } from '../../domain/errors';
import { documentTotals, lineAmounts } from '../../domain/money';
import { audit } from './ledger';

const DELIVERY_LEAD_MS = 3 * 86_400_000;

export interface FollowUpOrder {
  customerId: number;
  lines: { sku: string; quantity: number }[];
  /** No charge (warranty, a return's goods); otherwise at list price. */
  free: boolean;
  at: string;
  by: string;
  /** What the order follows up on, for its audit row (e.g. `{ ticket: 'TCK-00001' }`). */
  source: Record<string, string>;
}

/** Writes the order in the caller's transaction; a line naming no deliverable product is refused by its field. */
export async function createFollowUpOrder(tx: OperationsTx, input: FollowUpOrder): Promise<string> {
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
      unitPriceCents: input.free ? 0 : p.listPriceCents,
      taxRateBp: p.taxRateBp,
    };
  });
  const totals = documentTotals(lines.map((l) => ({ ...l, ...lineAmounts(l) })));
  const orderNumber = await nextNumber(tx, 'sales-order', 'SO');
  await tx.salesOrder.create({
    data: {
      number: orderNumber,
      customerId: input.customerId,
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
  await audit(tx, input.by, 'order.received', 'SalesOrder', orderNumber, { ...input.source, lines: input.lines });
  return orderNumber;
}
