// Posting a customer invoice: the document and its journal entry (receivables against revenue
// and sales tax) in the caller's transaction, so neither ever exists without the other.
import type { OperationsTx } from '../../db/clients';
import { nextNumber } from '../../db/sequence';
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
