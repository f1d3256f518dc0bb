// On time, in full: of the orders whose delivery finished in a period, how many arrived by the day
// the customer asked for and with everything that was still ordered — overall and per customer.
import type { OperationsDb } from '../../db/clients';
import { isoDay, percent, within, type Period } from './period';

/** Order statuses before delivery is over: such an order may still receive goods. */
const STILL_DELIVERING = [
  'received',
  'credit_check',
  'credit_hold',
  'manufacturing',
  'reserving',
  'picking',
  'packing',
  'shipping',
  'awaiting_delivery',
  'backordered',
];

const MAX_MISSES_LISTED = 100;

interface Tally {
  orders: number;
  onTime: number;
  inFull: number;
  otif: number;
}
const tally = (): Tally => ({ orders: 0, onTime: 0, inFull: 0, otif: 0 });
const rated = (t: Tally) => ({ ...t, otifPercent: percent(t.otif, t.orders) });

export async function otifReport(db: OperationsDb, period: Period) {
  // Candidates: any delivery in the period; the order counts when its last delivery is in it.
  const orders = await db.salesOrder.findMany({
    where: { status: { notIn: STILL_DELIVERING }, shipments: { some: { deliveredAt: within(period) } } },
    include: { customer: true, lines: true, shipments: true },
    orderBy: { number: 'asc' },
  });
  const all = tally();
  const perCustomer = new Map<string, Tally & { name: string }>();
  const misses = [];
  for (const o of orders) {
    if (o.shipments.some((s) => !s.deliveredAt)) continue;
    const lastDelivery = new Date(Math.max(...o.shipments.map((s) => s.deliveredAt!.getTime())));
    if (lastDelivery >= period.end) continue;
    const onTime = isoDay(lastDelivery) <= isoDay(o.requestedDate);
    const inFull = o.lines.every((l) => l.deliveredQty >= l.quantity - l.cancelledQty);
    const c = perCustomer.get(o.customer.code) ?? { name: o.customer.name, ...tally() };
    for (const t of [all, c]) {
      t.orders++;
      if (onTime) t.onTime++;
      if (inFull) t.inFull++;
      if (onTime && inFull) t.otif++;
    }
    perCustomer.set(o.customer.code, c);
    if (!(onTime && inFull))
      misses.push({
        number: o.number,
        customer: o.customer.code,
        requestedDate: isoDay(o.requestedDate),
        deliveredOn: isoDay(lastDelivery),
        onTime,
        inFull,
        ordered: o.lines.reduce((s, l) => s + l.quantity - l.cancelledQty, 0),
        delivered: o.lines.reduce((s, l) => s + l.deliveredQty, 0),
      });
  }
  return {
    period: { from: period.from, to: period.to },
    basis:
      'Orders whose last shipment was delivered in the period (UTC days), with no shipment still under way and delivery over (status ' +
      'invoicing or later, or cancelled after deliveries). On time: that last delivery on or before the requested date. In full: every ' +
      'line delivered its ordered quantity less what was cancelled. OTIF: both.',
    ...rated(all),
    onTimePercent: percent(all.onTime, all.orders),
    inFullPercent: percent(all.inFull, all.orders),
    customers: [...perCustomer.entries()]
      .map(([code, t]) => ({ code, name: t.name, ...rated({ orders: t.orders, onTime: t.onTime, inFull: t.inFull, otif: t.otif }) }))
      .sort((a, b) => b.orders - a.orders || a.code.localeCompare(b.code)),
    // The orders that missed, for following up; a dashboard's list, so the earliest ones only.
    misses: misses.slice(0, MAX_MISSES_LISTED),
  };
}
