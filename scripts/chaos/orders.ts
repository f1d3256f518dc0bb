// Orders through the API: credit holds approved or rejected, pick/pack tasks, cancellation before
// shipment, delivery confirmation and payment (one call, the same call twice at once, two halves
// at once, or two full payments under different references racing each other).
import type { As } from './client';
import { returnsFromOrder } from './returns';
import { drive, money, newRun, ok, twice, type DriveContext, type Run } from './run';

export const ORDER_PLANS = [
  'happy',
  'duplicate-payment',
  'split-payment',
  'racing-payments',
  'pick-pack',
  'credit-approve',
  'credit-reject',
  'cancel',
] as const;
// Platinum customers (high limits) for ordinary orders; standard ones, with limits of at most 40,000, for holds.
const PLATINUM = ['C-0010', 'C-0020', 'C-0030', 'C-0040', 'C-0050', 'C-0060'];
const STANDARD = ['C-0001', 'C-0002', 'C-0003', 'C-0005'];
export const ORDER_SKUS = Array.from({ length: 20 }, (_, i) => `GD-${String(i + 1).padStart(3, '0')}`);
const HOLD_QUANTITY = 3000; // × a list price of at least 15.00 is over every standard customer's limit

export function planOrder(index: number): Run {
  const plan = ORDER_PLANS[index % ORDER_PLANS.length];
  return newRun('order', index, plan, plan === 'credit-reject' || plan === 'cancel' ? 'cancelled' : 'paid');
}

export async function driveOrder(ctx: DriveContext, run: Run): Promise<void> {
  const { api } = ctx;
  const i = run.index;
  const hold = run.plan.startsWith('credit');
  const body = {
    customer: hold ? STANDARD[i % STANDARD.length] : PLATINUM[i % PLATINUM.length],
    requestedDate: ctx.today,
    deliverySteps: run.plan === 'pick-pack' ? 3 : run.plan === 'cancel' ? 2 : 1,
    lines: [
      { sku: ORDER_SKUS[i % ORDER_SKUS.length], quantity: hold ? HOLD_QUANTITY : 1 + (i % 3) },
      // An order that will be partly returned has a second line, so one return can ask for two outcomes.
      ...(returnsFromOrder(run.plan) ? [{ sku: ORDER_SKUS[(i + 10) % ORDER_SKUS.length], quantity: 3 }] : []),
    ],
  };
  // The payments are chosen once, then re-sent unchanged (same references) while the invoice stays open:
  // a reference is applied at most once, so a repeat after a lost answer must add nothing.
  let payments: { reference: string; amount: number }[] | undefined;
  let lastPaid = 0;
  await drive(ctx, run, async () => {
    if (!run.number) {
      const created = await api.post('/orders', body, 'operator', { 'idempotency-key': `chaos-order-${i}` });
      if (ok(created.status)) run.number = created.body.number;
      else run.lastSeen = `create → ${created.status} ${JSON.stringify(created.body).slice(0, 200)}`;
      return undefined;
    }
    const v = (await api.get(`/orders/${run.number}`, 'operator')).body;
    run.lastSeen = v?.status;
    if (v?.status === 'paid' || v?.status === 'cancelled') return v.status;
    if (run.plan === 'cancel') {
      // Cancelled while the pick waits for the warehouse; an order that got past that was not cancelled.
      if ((v?.openTasks ?? []).some((t: { kind: string }) => t.kind === 'pick')) {
        await api.post(`/orders/${run.number}/cancel`, { reason: 'customer withdrew the order' }, 'operator');
      }
      return ['awaiting_delivery', 'awaiting_payment'].includes(v?.status) ? `not cancelled (${v.status})` : undefined;
    }
    for (const t of v?.openTasks ?? []) await decideOrderTask(ctx, run, t);
    const shipped = (v?.shipments ?? []).find((s: { status: string }) => s.status === 'shipped');
    if (shipped) await api.post(`/orders/${run.number}/delivery-confirmation`, { shipmentNumber: shipped.number }, 'operator');
    const invoice = (v?.invoices ?? []).find((x: { kind: string; outstanding: number }) => x.kind === 'invoice' && x.outstanding > 0);
    if (invoice && Date.now() - lastPaid > 10_000) {
      payments ??= paymentsFor(run, invoice.outstanding);
      lastPaid = Date.now();
      await pay(ctx, run, payments);
    }
    return undefined;
  });
}

async function decideOrderTask(ctx: DriveContext, run: Run, t: { id: string; kind: string }) {
  const as: Record<string, [string, As]> = {
    'credit-hold': [run.plan === 'credit-reject' ? 'reject' : 'approve', 'approver'],
    pick: ['done', 'operator'],
    pack: ['done', 'operator'],
    'carrier-unavailable': ['retry', 'operator'],
    'delivery-overdue': ['delivered', 'operator'],
    collections: ['keep-collecting', 'manager'],
  };
  const [decision, who] = as[t.kind] ?? [];
  if (!decision) return;
  if (t.kind === 'credit-hold' || run.plan === 'pick-pack') {
    const [a, b] = await twice(run, () => ctx.api.decide(t.id, decision, who));
    if (ok(a.status) && ok(b.status)) run.anomalies.push(`task ${t.id} accepted the same decision twice`);
  } else {
    await ctx.api.decide(t.id, decision, who);
  }
}

function paymentsFor(run: Run, outstanding: number) {
  const ref = (suffix: string) => ({ reference: `CHAOS-${run.number}-${suffix}`, amount: outstanding });
  if (run.plan === 'split-payment') {
    const half = money(Math.floor(outstanding * 50) / 100);
    return [
      { ...ref('A'), amount: half },
      { ...ref('B'), amount: money(outstanding - half) },
    ];
  }
  if (run.plan === 'racing-payments') return [ref('R1'), ref('R2')];
  if (run.plan === 'duplicate-payment') return [ref('A'), ref('A')];
  return [ref('A')];
}

/** Sends the chosen payments at the same time: the same one twice, two halves, or two racing full ones. */
async function pay(ctx: DriveContext, run: Run, payments: { reference: string; amount: number }[]) {
  const path = `/orders/${run.number}/payments`;
  if (payments.length > 1) run.duplicateCalls++;
  const answers = await Promise.all(payments.map((p) => ctx.api.post(path, p, 'operator')));
  const accepted = answers.filter((a) => a.status === 201).length;
  if (run.plan === 'racing-payments' && accepted > 1) run.anomalies.push(`two full payments of ${payments[0].amount} were both accepted`);
  if (run.plan === 'duplicate-payment' && accepted > 1) run.anomalies.push(`payment ${payments[0].reference} was accepted twice as new`);
}
