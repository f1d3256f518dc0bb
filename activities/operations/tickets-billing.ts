// Billable service: time and parts of a ticket that is not under warranty, invoiced once when the
// ticket closes. The invoice and its journal entry are written in one transaction.
import type { OperationsDb } from '../../db/clients';
import { once } from '../../db/idempotency';
import { LABOUR_SKU } from '../../db/service-reference-data';
import { postCustomerInvoice } from './customer-invoice';
import { addTicketEvent, ticketByNumber } from './tickets-core';

const QUARTER_HOUR = 15;

export function createTicketBillingActivities(db: OperationsDb) {
  return {
    /** The ticket's invoice number and total, or null when there is nothing to bill. */
    async invoiceTicket(input: { ticketNumber: string; at: string }): Promise<{ number: string; totalCents: number } | null> {
      return once(db, `ticket:${input.ticketNumber}:invoice`, async (tx) => {
        const t = await ticketByNumber(tx, input.ticketNumber);
        if (t.underWarranty) return null;
        const visits = await tx.fieldVisit.findMany({ where: { ticketId: t.id, reportedAt: { not: null } }, include: { parts: true } });
        const minutes = visits.reduce((s, v) => s + (v.minutesSpent ?? 0), 0);
        const usedByProduct = new Map<number, number>();
        for (const p of visits.flatMap((v) => v.parts))
          if (p.usedQty > 0) usedByProduct.set(p.productId, (usedByProduct.get(p.productId) ?? 0) + p.usedQty);
        const labour = await tx.product.findUniqueOrThrow({ where: { sku: LABOUR_SKU } });
        const products = new Map((await tx.product.findMany({ where: { id: { in: [...usedByProduct.keys()] } } })).map((p) => [p.id, p]));
        const items = [
          ...(minutes > 0
            ? [{ product: labour, quantity: Math.ceil(minutes / QUARTER_HOUR), description: `${labour.name}: ${minutes} min` }]
            : []),
          ...[...usedByProduct].map(([id, quantity]) => ({ product: products.get(id)!, quantity, description: products.get(id)!.name })),
        ];
        if (items.length === 0) return null;
        const lines = items.map((i) => ({
          productId: i.product.id,
          description: i.description,
          quantity: i.quantity,
          unitPriceCents: i.product.listPriceCents,
          taxRateBp: i.product.taxRateBp,
        }));
        const { number, totalCents } = await postCustomerInvoice(tx, {
          key: `ticket:${t.number}:invoice`,
          customer: t.customer,
          source: `service ticket ${t.number}`,
          issuedAt: new Date(input.at),
          lines,
        });
        await addTicketEvent(tx, t.id, {
          key: `ticket:${t.number}:invoiced`,
          at: input.at,
          kind: 'invoiced',
          actor: 'process',
          data: { invoice: number, totalCents },
        });
        return { number, totalCents };
      });
    },
  };
}
