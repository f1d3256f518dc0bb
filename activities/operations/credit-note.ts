// A credit note against a customer invoice: the document, revenue and sales tax debited against the
// customer's receivable, and the invoice's credited amount raised, all in the caller's transaction.
import type { OperationsTx } from '../../db/clients';
import { nextNumber } from '../../db/sequence';
import { illegal } from '../../domain/errors';
import { documentTotals, lineAmounts } from '../../domain/money';
import type { CustomerInvoiceLine } from './customer-invoice';
import { settledStatus } from './customer-invoice';
import { ACCOUNTS, audit, postJournal } from './ledger';

export interface CreditedInvoice {
  id: number;
  number: string;
  orderId: number | null;
  customerId: number;
  customer: { code: string };
}

/**
 * Posts the credit note and raises the invoice's credited amount by one conditional update that only
 * succeeds while the credit stays within the invoice's total. The invoice's status is left to the
 * caller: a refund of an overpayment may follow in the same transaction.
 */
export async function postCreditNote(
  tx: OperationsTx,
  input: { invoice: CreditedInvoice; key: string; reason: string; at: Date; lines: CustomerInvoiceLine[] },
): Promise<{ number: string; netCents: number; taxCents: number; totalCents: number }> {
  const { invoice } = input;
  const lines = input.lines.map((l) => ({ ...l, ...lineAmounts(l) }));
  const totals = documentTotals(lines);
  const number = await nextNumber(tx, 'credit-note', 'CN');
  const journalEntryId = await postJournal(tx, {
    key: `invoice:${number}`,
    memo: `Credit note ${number} on ${invoice.number} for ${input.reason}`,
    sourceType: 'Invoice',
    sourceRef: number,
    postedAt: input.at,
    lines: [
      { account: ACCOUNTS.revenue, debitCents: totals.netCents },
      { account: ACCOUNTS.taxPayable, debitCents: totals.taxCents },
      { account: ACCOUNTS.receivables, creditCents: totals.totalCents, partnerRef: invoice.customer.code },
    ],
  });
  await tx.invoice.create({
    data: {
      number,
      key: input.key,
      kind: 'credit_note',
      orderId: invoice.orderId,
      customerId: invoice.customerId,
      status: 'paid',
      ...totals,
      paidCents: totals.totalCents,
      issuedAt: input.at,
      dueAt: input.at,
      journalEntryId,
      creditsInvoiceId: invoice.id,
      lines: { create: lines },
    },
  });
  const credited =
    await tx.$executeRaw`UPDATE "Invoice" SET "creditedCents" = "creditedCents" + ${totals.totalCents} WHERE "id" = ${invoice.id} AND "creditedCents" + ${totals.totalCents} <= "totalCents"`;
  if (credited !== 1)
    throw illegal(`A credit of ${(totals.totalCents / 100).toFixed(2)} exceeds what is left to credit on ${invoice.number}`);
  await audit(tx, 'process', 'credit-note.posted', 'Invoice', number, {
    invoice: invoice.number,
    reason: input.reason,
    totalCents: totals.totalCents,
  });
  return { number, ...totals };
}

/**
 * The customer paid more than the invoice now asks (a credit note came after the payment): the excess
 * goes back (cash against receivables) and comes off the invoice's paid amount, in the transaction
 * that credited it. Returns the amount paid back (0 when nothing was overpaid).
 */
export async function refundOverpayment(
  tx: OperationsTx,
  input: {
    invoiceId: number;
    customerCode: string;
    at: Date;
    /** What made the credit, for the memo: "return RET-…", "goods not delivered on SO-…". */
    why: string;
    returnId?: number;
    audit: { entityType: string; entityRef: string };
  },
): Promise<number> {
  const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: input.invoiceId } });
  const excess = invoice.paidCents + invoice.creditedCents - invoice.totalCents;
  if (excess <= 0) return 0;
  const paidBack =
    await tx.$executeRaw`UPDATE "Invoice" SET "paidCents" = "paidCents" - ${excess} WHERE "id" = ${invoice.id} AND "paidCents" >= ${excess} AND "paidCents" + "creditedCents" - ${excess} = "totalCents"`;
  // The row is this transaction's since the credit, so only a defect could change it; retrying is safe.
  if (paidBack !== 1) throw new Error(`invoice ${invoice.number} changed while refunding; retrying the step`);
  const number = await nextNumber(tx, 'refund', 'RF');
  const journalEntryId = await postJournal(tx, {
    key: `refund:${number}`,
    memo: `Refund ${number} of the overpayment on ${invoice.number} after ${input.why}`,
    sourceType: 'CustomerRefund',
    sourceRef: number,
    postedAt: input.at,
    lines: [
      { account: ACCOUNTS.receivables, debitCents: excess, partnerRef: input.customerCode },
      { account: ACCOUNTS.cash, creditCents: excess },
    ],
  });
  await tx.customerRefund.create({
    data: {
      number,
      returnId: input.returnId ?? null,
      reason: input.returnId ? 'return' : 'undelivered',
      invoiceId: invoice.id,
      amountCents: excess,
      paidAt: input.at,
      journalEntryId,
    },
  });
  await audit(tx, 'process', 'refund.paid', input.audit.entityType, input.audit.entityRef, {
    refund: number,
    invoice: invoice.number,
    amountCents: excess,
  });
  return excess;
}

/** The invoice's status from its figures, read once the row is the caller's (a payment may have landed since). */
export async function settleInvoiceStatus(tx: OperationsTx, invoiceId: number): Promise<void> {
  const now = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
  await tx.invoice.update({ where: { id: invoiceId }, data: { status: settledStatus(now.totalCents, now.paidCents, now.creditedCents) } });
}
