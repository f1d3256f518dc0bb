// Customer returns through the API: once an order is paid, part of it comes back, one line for a
// refund and one for a replacement. The goods arrive in one parcel, in two, or in one sent twice at
// once (and once more afterwards, as a warehouse retrying a lost answer would); the inspector finds
// one line resellable and the other damaged; the return must end done.
import { drive, newRun, ok, twice, type DriveContext, type Run } from './run';

export const RETURN_PLANS = ['one-parcel', 'two-parcels', 'same-parcel-twice'] as const;
// Orders of these plans are placed with two lines and, once paid, partly returned: a quarter of the orders.
const RETURNED_ORDER_PLANS = ['split-payment', 'pick-pack'];
const FINAL = ['done', 'cancelled', 'expired', 'rejected'];

export const returnsFromOrder = (orderPlan: string) => RETURNED_ORDER_PLANS.includes(orderPlan);

/** One return for each order run of a returned plan, driven once that order is paid. */
export function planReturns(orders: Run[]): Run[] {
  return orders
    .filter((o) => o.kind === 'order' && o.expected === 'paid' && returnsFromOrder(o.plan))
    .map((order, i) => ({ ...newRun('return', i, RETURN_PLANS[i % RETURN_PLANS.length], 'done'), from: order }));
}

type ReceiptLine = { lineNo: number; quantity: number };

export async function driveReturn(ctx: DriveContext, run: Run): Promise<void> {
  const { api } = ctx;
  const order = run.from!;
  // Return line 1 is one unit of order line 1, return line 2 two of the three units of order line 2.
  const swap = run.index % 2 === 1;
  const body = {
    reason: 'Chaos run: part of the delivery came back',
    lines: [
      { lineNo: 1, quantity: 1, outcome: swap ? 'replacement' : 'refund' },
      { lineNo: 2, quantity: 2, outcome: swap ? 'refund' : 'replacement' },
    ],
  };
  const parcels: Record<string, ReceiptLine[]> =
    run.plan === 'two-parcels'
      ? {
          A: [
            { lineNo: 1, quantity: 1 },
            { lineNo: 2, quantity: 1 },
          ],
          B: [{ lineNo: 2, quantity: 1 }],
        }
      : {
          A: [
            { lineNo: 1, quantity: 1 },
            { lineNo: 2, quantity: 2 },
          ],
        };
  const booked = new Set<string>();
  let repeated = false;
  // The refunded line is found resellable (a restocking fee is kept), the other damaged (written off).
  const finding = (lineNo: number) => (body.lines[lineNo - 1].outcome === 'refund' ? 'resellable' : 'damaged');

  await drive(ctx, run, async () => {
    if (!run.number) {
      if (!order.finished) {
        run.lastSeen = `waiting for its order (${order.number ?? 'not created'}: ${order.lastSeen ?? '-'})`;
        return undefined;
      }
      if (order.outcome !== 'paid') return `its order ended ${order.outcome}`;
      const created = await api.post('/returns', { order: order.number, ...body }, 'operator', {
        'idempotency-key': `chaos-return-${run.index}`,
      });
      if (ok(created.status)) run.number = created.body.number;
      else run.lastSeen = `create → ${created.status} ${JSON.stringify(created.body).slice(0, 200)}`;
      return undefined;
    }
    const path = `/returns/${run.number}`;
    const v = (await api.get(path, 'operator')).body;
    run.lastSeen = v?.status;
    if (FINAL.includes(v?.status)) return v.status;
    for (const t of v?.openTasks ?? []) {
      if (t.kind === 'return-inspection') {
        const lineNo = Number(String(t.id).split(':').pop());
        await api.post(
          `/tasks/${encodeURIComponent(t.id)}/decision`,
          {
            decision: finding(lineNo),
            comment: 'checked in the chaos run',
            photoRef: `https://photos.example/${run.number}/${lineNo}.jpg`,
          },
          'inspector',
        );
      } else if (t.kind === 'pickup-unavailable') {
        await api.decide(t.id, 'retry', 'operator');
      } else if (t.kind === 'return-approval') {
        await api.decide(t.id, 'approve', 'manager');
      }
    }
    const next = Object.keys(parcels).find((ref) => !booked.has(ref));
    if (next && ['authorized', 'receiving'].includes(v?.status)) {
      // One parcel per poll; one whose answer was lost is sent again with its reference and adds nothing.
      const receipt = { reference: `CHAOS-${run.number}-${next}`, lines: parcels[next] };
      const send = () => api.post(`${path}/receipts`, receipt, 'operator');
      if (run.plan === 'same-parcel-twice') {
        const answers = await twice(run, send);
        if (answers.every((a) => a.status === 201)) run.anomalies.push(`receipt ${receipt.reference} was booked twice as new`);
        if (answers.some((a) => ok(a.status))) booked.add(next);
      } else if (ok((await send()).status)) {
        booked.add(next);
      }
    } else if (!next && run.plan === 'same-parcel-twice' && !repeated) {
      // Whatever the return is doing by now, the parcel's reference is answered from the books.
      const receipt = { reference: `CHAOS-${run.number}-A`, lines: parcels.A };
      const again = await api.post(`${path}/receipts`, receipt, 'operator');
      if (again.status === 201) run.anomalies.push(`receipt ${receipt.reference} sent again was booked as new`);
      repeated = ok(again.status);
    }
    return undefined;
  });
}
