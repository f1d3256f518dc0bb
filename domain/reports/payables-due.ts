// What the company must pay its suppliers soon: approved supplier invoices not yet paid, by when
// they fall due, and the early-payment discounts still to be had by paying in time.
import type { OperationsDb } from '../../db/clients';
import { fromCents } from '../money';
import { addDays, dayStart, daysBetween, isoDay } from './period';

/** The bucket of an invoice due on `dueDay`, seen today: overdue, or the week (1 = today and the six days after) it falls in. */
export function dueBucket(dueDay: string, today: string): string {
  const days = daysBetween(today, dueDay);
  return days < 0 ? 'overdue' : `week${Math.floor(days / 7) + 1}`;
}

export async function payablesDue(db: OperationsDb, q: { within: number }, today = isoDay(new Date())) {
  const horizon = addDays(today, q.within - 1);
  const invoices = await db.supplierInvoice.findMany({
    where: { kind: 'invoice', status: 'approved', dueAt: { lt: dayStart(addDays(horizon, 1)) } },
    orderBy: [{ dueAt: 'asc' }, { number: 'asc' }],
  });
  // What is owed is the invoice less the credit notes on its purchase order, as payment settles it.
  const [credits, suppliers] = await Promise.all([
    db.supplierInvoice.groupBy({
      by: ['purchaseOrderId'],
      where: { kind: 'credit_note', purchaseOrderId: { in: invoices.map((i) => i.purchaseOrderId) } },
      _sum: { totalCents: true },
    }),
    db.supplier.findMany({ where: { id: { in: invoices.map((i) => i.supplierId) } } }),
  ]);
  const credited = new Map(credits.map((c) => [c.purchaseOrderId, c._sum.totalCents ?? 0]));
  const supplierOf = new Map(suppliers.map((s) => [s.id, s]));

  const weeks = Math.ceil(q.within / 7);
  const buckets = [
    { key: 'overdue', from: null as string | null, to: addDays(today, -1) },
    ...Array.from({ length: weeks }, (_, w) => ({
      key: `week${w + 1}`,
      from: addDays(today, w * 7),
      to: w === weeks - 1 ? horizon : addDays(today, w * 7 + 6),
    })),
  ].map((b) => ({ ...b, invoices: 0, owedCents: 0, discountCents: 0 }));

  const rows = invoices.map((i) => {
    const owedCents = i.totalCents - (credited.get(i.purchaseOrderId) ?? 0);
    // Still available when the discount's last day is today or later; never more than is owed.
    const discountCents = i.discountDueAt && isoDay(i.discountDueAt) >= today ? Math.min(i.discountCents, owedCents) : 0;
    const bucket = buckets.find((b) => b.key === dueBucket(isoDay(i.dueAt), today))!;
    bucket.invoices++;
    bucket.owedCents += owedCents;
    bucket.discountCents += discountCents;
    const supplier = supplierOf.get(i.supplierId);
    return {
      number: i.number,
      supplierRef: i.supplierRef,
      supplier: supplier?.code,
      dueAt: isoDay(i.dueAt),
      bucket: bucket.key,
      owed: fromCents(owedCents),
      discount: discountCents
        ? { amount: fromCents(discountCents), payBy: isoDay(i.discountDueAt!), payIfEarly: fromCents(owedCents - discountCents) }
        : null,
    };
  });
  const sum = (k: 'owedCents' | 'discountCents') => buckets.reduce((s, b) => s + b[k], 0);
  return {
    asOf: today,
    within: q.within,
    basis:
      'Approved supplier invoices not yet paid and due by asOf + within − 1 days (overdue ones always included); owed = invoice total ' +
      'less the credit notes on its purchase order. Buckets: overdue (due before asOf), then weeks of seven days from asOf. A discount ' +
      'is available while its last day is asOf or later, and never exceeds what is owed.',
    totals: { invoices: rows.length, owed: fromCents(sum('owedCents')), discountsAvailable: fromCents(sum('discountCents')) },
    buckets: buckets.map((b) => ({
      key: b.key,
      from: b.from,
      to: b.to,
      invoices: b.invoices,
      owed: fromCents(b.owedCents),
      discountsAvailable: fromCents(b.discountCents),
    })),
    invoices: rows,
  };
}
