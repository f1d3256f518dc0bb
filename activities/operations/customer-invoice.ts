// Posting a customer invoice: the document and its journal entry (receivables against revenue
// and sales tax) in the caller's transaction, so neither ever exists without the other.
import type { OperationsDb, OperationsTx } from '../../db/clients';
import { once } from '../../db/idempotency';
import { nextNumber } from '../../db/sequence';
import { illegal } from '../../domain/errors';
import { documentTotals, lineAmounts } from '../../domain/money';
import { ACCOUNTS, audit, postJournal } from './ledger';

const DAY_MS = 86_400_000;

export interface CustomerInvoiceLine {
  orderLineId?: number | null;
  productId: number;
  description: string;
  quantity: number;
  unitPriceCents: number;
  taxRateBp: number;
}

export async function postCustomerInvoice(
  tx: OperationsTx,
  input: {
    key: string;
    customer: { id: number; code: string; paymentTermDays: number };
    orderId?: number | null;
    source: string;
    issuedAt: Date;
    lines: CustomerInvoiceLine[];
  },
): Promise<{ number: string; totalCents: number }> {
  const lines = input.lines.map((l) => ({ ...l, ...lineAmounts(l) }));
  const totals = documentTotals(lines);
  const number = await nextNumber(tx, 'invoice', 'INV');
  const journalEntryId = await postJournal(tx, {
    key: `invoice:${number}`,
    memo: `Invoice ${number} for ${input.source}`,
    sourceType: 'Invoice',
    sourceRef: number,
    postedAt: input.issuedAt,
    lines: [
      { account: ACCOUNTS.receivables, debitCents: totals.totalCents, partnerRef: input.customer.code },
      { account: ACCOUNTS.revenue, creditCents: totals.netCents },
      { account: ACCOUNTS.taxPayable, creditCents: totals.taxCents },
    ],
  });
  await tx.invoice.create({
    data: {
      number,
      key: input.key,
      kind: 'invoice',
      orderId: input.orderId ?? null,
      customerId: input.customer.id,
      status: 'posted',
      ...totals,
      issuedAt: input.issuedAt,
      dueAt: new Date(input.issuedAt.getTime() + input.customer.paymentTermDays * DAY_MS),
      journalEntryId,
      lines: { create: lines },
    },
  });
  await audit(tx, 'process', 'invoice.posted', 'Invoice', number, { source: input.source, totalCents: totals.totalCents });
  return { number, totalCents: totals.totalCents };
}

export function settledStatus(total: number, paid: number, credited: number): string {
  if (paid + credited >= total) return 'paid';
  return paid > 0 ? 'partially_paid' : 'posted';
}

const OPEN = ['posted', 'partially_paid'];
const money = (cents: number) => (cents / 100).toFixed(2);

interface PaymentInput {
  reference: string;
  amountCents: number;
  method: string;
  recordedBy: string;
  at: Date;
}

/**
 * Applies a customer payment to an open invoice: the payment, cash against receivables, the new status.
 * The paid amount grows by one conditional update that only succeeds while the payment still fits, so
 * two payments deciding on the same stale outstanding amount can never both be applied.
 */
async function applyPayment(tx: OperationsTx, invoiceId: number, input: PaymentInput): Promise<void> {
  const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { customer: true } });
  const closed = (i: { number: string; status: string }) => illegal(`Invoice ${i.number} is ${i.status}; it takes no payment`);
  if (invoice.kind !== 'invoice' || !OPEN.includes(invoice.status)) throw closed(invoice);
  const room = invoice.totalCents - invoice.creditedCents - input.amountCents;
  const fitted = await tx.invoice.updateMany({
    where: {
      id: invoice.id,
      status: { in: OPEN },
      totalCents: invoice.totalCents,
      creditedCents: invoice.creditedCents,
      paidCents: { lte: room },
    },
    data: { paidCents: { increment: input.amountCents } },
  });
  if (fitted.count !== 1) {
    const now = await tx.invoice.findUniqueOrThrow({ where: { id: invoice.id } });
    if (!OPEN.includes(now.status)) throw closed(now);
    const outstanding = now.totalCents - now.paidCents - now.creditedCents;
    throw illegal(`Payment of ${money(input.amountCents)} exceeds the outstanding ${money(outstanding)} on ${now.number}`);
  }
  // The row is ours until commit, so its figures are current.
  const paid = await tx.invoice.findUniqueOrThrow({ where: { id: invoice.id } });
  await tx.invoice.update({
    where: { id: invoice.id },
    data: { status: settledStatus(paid.totalCents, paid.paidCents, paid.creditedCents) },
  });
  await tx.payment.create({
    data: {
      reference: input.reference,
      invoiceId: invoice.id,
      amountCents: input.amountCents,
      method: input.method,
      receivedAt: input.at,
      recordedBy: input.recordedBy,
    },
  });
  await postJournal(tx, {
    key: `payment:${invoice.number}:${input.reference}`,
    memo: `Payment ${input.reference} on ${invoice.number}`,
    sourceType: 'Payment',
    sourceRef: invoice.number,
    postedAt: input.at,
    lines: [
      { account: ACCOUNTS.cash, debitCents: input.amountCents },
      { account: ACCOUNTS.receivables, creditCents: input.amountCents, partnerRef: invoice.customer.code },
    ],
  });
  await audit(tx, input.recordedBy, 'payment.received', 'Invoice', invoice.number, {
    reference: input.reference,
    amountCents: input.amountCents,
  });
}

/** `applied`: this request put the payment on the invoice (a retry of it included); `duplicate`: another request did. */
export type PaymentOutcome = 'applied' | 'duplicate';

/**
 * Applies a payment at most once per invoice and bank reference. `requestId` names the request
 * (the same on every retry of it), which tells a retried application from a second request with the
 * same reference. The same reference with another amount is refused: it is not the same payment.
 */
export async function recordPaymentOnce(
  db: OperationsDb,
  invoice: { id: number; number: string },
  input: PaymentInput & { requestId: string },
): Promise<PaymentOutcome> {
  const key = `payment:${invoice.number}:${input.reference}`;
  const judge = (first: { amountCents: number; requestId: string }): PaymentOutcome => {
    if (first.amountCents !== input.amountCents) {
      throw illegal(
        `Payment reference ${input.reference} was already used on ${invoice.number} for ${money(first.amountCents)}; ` +
          'a different payment needs its own reference',
      );
    }
    return first.requestId === input.requestId ? 'applied' : 'duplicate';
  };
  try {
    return judge(
      await once(db, key, async (tx) => {
        await applyPayment(tx, invoice.id, input);
        return { amountCents: input.amountCents, requestId: input.requestId };
      }),
    );
  } catch (e) {
    // A twin of this request may have won the race and left no room for this one: that is a repeat, not a refusal.
    const first = await db.processedOperation.findUnique({ where: { key } });
    if (first) return judge(JSON.parse(first.result));
    throw e;
  }
}
