// A customer's credit position: what posted invoices still owe (the same figure the order's credit
// check uses), what open orders will add once invoiced, and how much of it is past due.
import type { OperationsDb } from '../../db/clients';
import { creditDecision } from '../credit';

/** Invoices that still owe money; credit notes, paid, void and written-off ones owe nothing. */
const OPEN_INVOICE_STATUSES = ['posted', 'partially_paid'];
/** Orders whose process has ended: they add no further exposure. */
const ENDED_ORDER_STATUSES = ['cancelled', 'closed', 'paid', 'written_off'];

export async function openReceivables(db: OperationsDb, customerId: number, now = new Date()) {
  const open = await db.invoice.findMany({
    where: { customerId, status: { in: OPEN_INVOICE_STATUSES } },
    select: { totalCents: true, paidCents: true, creditedCents: true, dueAt: true },
  });
  const owed = (i: (typeof open)[number]) => i.totalCents - i.paidCents - i.creditedCents;
  return {
    openReceivablesCents: open.reduce((s, i) => s + owed(i), 0),
    overdueCents: open.filter((i) => i.dueAt < now).reduce((s, i) => s + owed(i), 0),
  };
}

/** The value of orders still running that have no invoice yet (an invoiced order is counted by its invoice). */
async function uninvoicedOrdersCents(db: OperationsDb, customerId: number) {
  const orders = await db.salesOrder.findMany({
    where: { customerId, status: { notIn: ENDED_ORDER_STATUSES }, invoices: { none: { kind: 'invoice', status: { not: 'void' } } } },
    select: { netCents: true, taxCents: true },
  });
  return orders.reduce((s, o) => s + o.netCents + o.taxCents, 0);
}

export async function creditPositionOf(db: OperationsDb, customer: { id: number; creditLimitCents: number }, now = new Date()) {
  const [receivables, openOrdersCents] = await Promise.all([openReceivables(db, customer.id, now), uninvoicedOrdersCents(db, customer.id)]);
  // The order check's rule with every open order in place of the one being checked.
  const d = creditDecision({
    creditLimitCents: customer.creditLimitCents,
    openReceivablesCents: receivables.openReceivablesCents,
    orderTotalCents: openOrdersCents,
  });
  return {
    ...receivables,
    openOrdersCents,
    exposureCents: d.exposureCents,
    overLimitByCents: d.overByCents,
    availableCents: Math.max(0, customer.creditLimitCents - d.exposureCents),
  };
}
