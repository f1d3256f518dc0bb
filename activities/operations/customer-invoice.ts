// Posting a customer invoice: the document and its journal entry (receivables against revenue
// and sales tax) in the caller's transaction, so neither ever exists without the other.
import type { OperationsTx } from '../../db/clients';
import { nextNumber } from '../../db/sequence';
import { illegal } from '../../domain/errors';
import { documentTotals, lineAmounts } from '../../domain/money';
import { ACCOUNTS, audit, postJournal } from './ledger';

const DAY_MS = 86_400_000;

export interface CustomerInvoiceLine { orderLineId?: number | null; productId: number; description: string; quantity: number; unitPriceCents: number; taxRateBp: number }

export async function postCustomerInvoice(tx: OperationsTx, input: {
  key: string; customer: { id: number; code: string; paymentTermDays: number }; orderId?: number | null;
  source: string; issuedAt: Date; lines: CustomerInvoiceLine[];
}): Promise<{ number: string; totalCents: number }> {
  const lines = input.lines.map((l) => ({ ...l, ...lineAmounts(l) }));
  const totals = documentTotals(lines);
  const number = await nextNumber(tx, 'invoice', 'INV');
  const journalEntryId = await postJournal(tx, {
    key: `invoice:${number}`, memo: `Invoice ${number} for ${input.source}`, sourceType: 'Invoice', sourceRef: number, postedAt: input.issuedAt,
    lines: [
      { account: ACCOUNTS.receivables, debitCents: totals.totalCents, partnerRef: input.customer.code },
      { account: ACCOUNTS.revenue, creditCents: totals.netCents },
      { account: ACCOUNTS.taxPayable, creditCents: totals.taxCents },
    ],
  });
  await tx.invoice.create({
    data: {
      number, key: input.key, kind: 'invoice', orderId: input.orderId ?? null, customerId: input.customer.id, status: 'posted', ...totals,
      issuedAt: input.issuedAt, dueAt: new Date(input.issuedAt.getTime() + input.customer.paymentTermDays * DAY_MS), journalEntryId, lines: { create: lines },
    },
  });
  await audit(tx, 'process', 'invoice.posted', 'Invoice', number, { source: input.source, totalCents: totals.totalCents });
  return { number, totalCents: totals.totalCents };
}

export function settledStatus(total: number, paid: number, credited: number): string {
  if (paid + credited >= total) return 'paid';
  return paid > 0 ? 'partially_paid' : 'posted';
}

/** Applies a customer payment to an open invoice: the payment, cash against receivables, the new status. */
export async function applyPayment(tx: OperationsTx, invoiceId: number, input: { reference: string; amountCents: number; method: string; recordedBy: string; at: Date }): Promise<void> {
  const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { customer: true } });
  if (invoice.kind !== 'invoice' || !['posted', 'partially_paid'].includes(invoice.status)) throw illegal(`Invoice ${invoice.number} is ${invoice.status}; it takes no payment`);
  const outstanding = invoice.totalCents - invoice.paidCents - invoice.creditedCents;
  if (input.amountCents > outstanding) throw illegal(`Payment of ${(input.amountCents / 100).toFixed(2)} exceeds the outstanding ${(outstanding / 100).toFixed(2)} on ${invoice.number}`);
  await tx.payment.create({ data: { reference: input.reference, invoiceId: invoice.id, amountCents: input.amountCents, method: input.method, receivedAt: input.at, recordedBy: input.recordedBy } });
  await postJournal(tx, {
    key: `payment:${input.reference}`, memo: `Payment ${input.reference} on ${invoice.number}`, sourceType: 'Payment', sourceRef: invoice.number, postedAt: input.at,
    lines: [
      { account: ACCOUNTS.cash, debitCents: input.amountCents },
      { account: ACCOUNTS.receivables, creditCents: input.amountCents, partnerRef: invoice.customer.code },
    ],
  });
  const paid = invoice.paidCents + input.amountCents;
  await tx.invoice.update({ where: { id: invoice.id }, data: { paidCents: paid, status: settledStatus(invoice.totalCents, paid, invoice.creditedCents) } });
  await audit(tx, input.recordedBy, 'payment.received', 'Invoice', invoice.number, { reference: input.reference, amountCents: input.amountCents });
}
