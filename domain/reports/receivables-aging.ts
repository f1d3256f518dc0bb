// What customers owe on a given day, by how long it has been due: the figures a manager charts to
// see whether collections keep up. Reconstructed as of the day from dated payments, credit notes
// and refunds, so a past day shows what was open then.
import type { OperationsDb } from '../../db/clients';
import { fromCents } from '../money';
import { dayStart, daysBetween, isoDay } from './period';

export const AGING_BUCKETS = ['current', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const;
type AgingBucket = (typeof AGING_BUCKETS)[number];

/** The bucket of an amount due on `dueDay`, seen on `asOf`: current until the due day has passed. */
export function agingBucket(dueDay: string, asOf: string): AgingBucket {
  const late = daysBetween(dueDay, asOf);
  if (late <= 0) return 'current';
  if (late <= 30) return 'days1to30';
  if (late <= 60) return 'days31to60';
  if (late <= 90) return 'days61to90';
  return 'over90';
}

const emptyBuckets = () => Object.fromEntries(AGING_BUCKETS.map((b) => [b, 0])) as Record<AgingBucket, number>;
const amounts = (cents: Record<AgingBucket, number>) => {
  const out = Object.fromEntries(AGING_BUCKETS.map((b) => [b, fromCents(cents[b])])) as Record<AgingBucket, number>;
  return { ...out, total: fromCents(AGING_BUCKETS.reduce((s, b) => s + cents[b], 0)) };
};

const sumBy = (rows: { key: number | null; cents: number | null }[]) => new Map(rows.map((r) => [r.key, r.cents ?? 0]));

export async function receivablesAging(db: OperationsDb, q: { asOf?: string; top: number }) {
  const asOf = q.asOf ?? isoDay(new Date());
  const cutoff = new Date(dayStart(asOf).getTime() + 86_400_000); // end of the day
  const invoices = await db.invoice.findMany({
    where: {
      kind: 'invoice',
      issuedAt: { lt: cutoff },
      // Written-off invoices carry no date of the write-off, so they are left out on every day.
      status: { not: 'written_off' },
      OR: [{ voidedAt: null }, { voidedAt: { gte: cutoff } }],
    },
    include: { customer: true },
  });
  const ids = invoices.map((i) => i.id);
  const [payments, credits, refunds] = await Promise.all([
    db.payment.groupBy({ by: ['invoiceId'], where: { invoiceId: { in: ids }, receivedAt: { lt: cutoff } }, _sum: { amountCents: true } }),
    db.invoice.groupBy({
      by: ['creditsInvoiceId'],
      where: { kind: 'credit_note', creditsInvoiceId: { in: ids }, issuedAt: { lt: cutoff }, status: { not: 'void' } },
      _sum: { totalCents: true },
    }),
    db.customerRefund.groupBy({
      by: ['invoiceId'],
      where: { invoiceId: { in: ids }, paidAt: { lt: cutoff } },
      _sum: { amountCents: true },
    }),
  ]);
  const paid = sumBy(payments.map((p) => ({ key: p.invoiceId, cents: p._sum.amountCents })));
  const credited = sumBy(credits.map((c) => ({ key: c.creditsInvoiceId, cents: c._sum.totalCents })));
  const refunded = sumBy(refunds.map((r) => ({ key: r.invoiceId, cents: r._sum.amountCents })));

  const totals = emptyBuckets();
  const customers = new Map<string, { name: string; invoices: number; cents: Record<AgingBucket, number> }>();
  let open = 0;
  for (const i of invoices) {
    // A refund pays back what a credit note left overpaid: payments less refunds plus credits never exceed the total.
    const outstanding = i.totalCents - (paid.get(i.id) ?? 0) + (refunded.get(i.id) ?? 0) - (credited.get(i.id) ?? 0);
    if (outstanding <= 0) continue;
    open++;
    const bucket = agingBucket(isoDay(i.dueAt), asOf);
    totals[bucket] += outstanding;
    const c = customers.get(i.customer.code) ?? { name: i.customer.name, invoices: 0, cents: emptyBuckets() };
    c.invoices++;
    c.cents[bucket] += outstanding;
    customers.set(i.customer.code, c);
  }
  const ranked = [...customers.entries()]
    .map(([code, c]) => ({ code, name: c.name, invoices: c.invoices, ...amounts(c.cents) }))
    .sort((a, b) => b.total - a.total || a.code.localeCompare(b.code));
  return {
    asOf,
    basis:
      'Customer invoices issued by the end of asOf and not voided by then (written-off ones left out); outstanding = total − payments ' +
      'received + refunds paid − credit notes issued, each by the end of asOf. Days past due = asOf − due date (UTC days): current ' +
      '(not yet past due), 1–30, 31–60, 61–90, over 90. Customers ranked by total outstanding.',
    openInvoices: open,
    totals: amounts(totals),
    customerCount: customers.size,
    topCustomers: ranked.slice(0, q.top),
  };
}
