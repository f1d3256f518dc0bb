// Payments on invoices that no running process owns (service work, for instance). An order's
// invoice is paid through the order, so its process sees the payment and completes.
import type { OperationsDb } from '../../db/clients';
import { randomUUID } from 'node:crypto';
import { recordPaymentOnce } from '../../activities/operations/customer-invoice';
import { illegal, notFound } from '../errors';
import { fromCents, toCents } from '../money';

export async function getInvoiceView(db: OperationsDb, number: string) {
  const i = await db.invoice.findUnique({ where: { number }, include: { customer: true, payments: true, order: true, lines: true } });
  if (!i) throw notFound(`Invoice ${number}`);
  return {
    number: i.number,
    kind: i.kind,
    status: i.status,
    customer: i.customer.code,
    order: i.order?.number ?? null,
    net: fromCents(i.netCents),
    tax: fromCents(i.taxCents),
    total: fromCents(i.totalCents),
    paid: fromCents(i.paidCents),
    outstanding:
      ['void', 'written_off'].includes(i.status) || i.kind === 'credit_note' ? 0 : fromCents(i.totalCents - i.paidCents - i.creditedCents),
    issuedAt: i.issuedAt.toISOString().slice(0, 10),
    dueAt: i.dueAt.toISOString().slice(0, 10),
    lines: i.lines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unitPrice: fromCents(l.unitPriceCents),
      net: fromCents(l.netCents),
      tax: fromCents(l.taxCents),
    })),
    payments: i.payments.map((p) => ({
      reference: p.reference,
      amount: fromCents(p.amountCents),
      method: p.method,
      receivedAt: p.receivedAt,
      recordedBy: p.recordedBy,
    })),
  };
}

/** `duplicate`: the same payment (invoice, reference and amount) was already recorded by an earlier request. */
export async function payInvoice(
  db: OperationsDb,
  number: string,
  input: { reference: string; amount: number; method: string },
  by: string,
) {
  const invoice = await db.invoice.findUnique({ where: { number }, include: { order: true } });
  if (!invoice) throw notFound(`Invoice ${number}`);
  if (invoice.order)
    throw illegal(
      `Invoice ${number} belongs to order ${invoice.order.number}; record the payment on the order (POST /api/orders/${invoice.order.number}/payments) so its process sees it`,
    );
  const outcome = await recordPaymentOnce(db, invoice, {
    reference: input.reference,
    amountCents: toCents(input.amount)!,
    method: input.method,
    recordedBy: by,
    at: new Date(),
    requestId: randomUUID(),
  });
  return { duplicate: outcome === 'duplicate', invoice: await getInvoiceView(db, number) };
}
