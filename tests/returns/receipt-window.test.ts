// The receipt window is measured in days (30 by default), so these run on the time-skipping server:
// the process really waits, the clock jumps. Nothing by then → expired; part of it → the process
// goes on with what arrived and releases the rest.
import { startHarness, type Harness } from '../support/harness';
import { assertInvariants } from '../support/invariants';
import { inspect, inspectionTask, orderToReturn, receive, requestReturn, returnRecord, waitReturn } from './process-support';

const DAY = 86_400_000;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timeSkipping: true });
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

const returnedQty = async (order: string) =>
  (await h.stores.operations.salesOrderLine.findMany({ where: { order: { number: order } }, orderBy: { lineNo: 'asc' } })).map(
    (l) => l.returnedQty,
  );

test('nothing arrives within the receipt window: the return expires and its quantities are free again', async () => {
  const { order } = await orderToReturn(h, [{ quantity: 2 }]);
  const number = await requestReturn(h, order, [{ lineNo: 1, quantity: 2, outcome: 'refund' }]);
  await waitReturn(h, number, 'authorized');
  expect(await returnedQty(order)).toEqual([2]);

  await h.env.sleep(29 * DAY);
  expect((await returnRecord(h, number)).status).toBe('authorized');
  await h.env.sleep(2 * DAY);
  const expired = await waitReturn(h, number, 'expired');
  expect(expired.closedAt).not.toBeNull();
  expect(expired.lines[0]).toMatchObject({ receivedQty: 0, settlement: 'not_received' });
  expect(await returnedQty(order)).toEqual([0]);
  // The process has ended: goods turning up now are refused, not booked.
  expect((await receive(h, number, 'TOO-LATE', [{ lineNo: 1, quantity: 1 }])).status).toBe(409);
  expect(await h.stores.operations.returnReceipt.count({ where: { returnId: expired.id } })).toBe(0);
});

test('part of the goods arrives: when the window closes the process goes on with what came and releases the rest', async () => {
  const db = h.stores.operations;
  const { order } = await orderToReturn(h, [{ quantity: 2 }, { quantity: 2 }], { paid: true });
  const number = await requestReturn(h, order, [
    { lineNo: 1, quantity: 2, outcome: 'refund' },
    { lineNo: 2, quantity: 1, outcome: 'replacement' },
  ]);
  await waitReturn(h, number, 'authorized');
  expect((await receive(h, number, 'PART-1', [{ lineNo: 1, quantity: 1 }])).status).toBe(201);
  await waitReturn(h, number, 'receiving');

  await h.env.sleep(31 * DAY);
  await inspectionTask(h, number, 1);
  expect(await db.task.count({ where: { id: `return-${number}:inspect:2` } })).toBe(0);
  await inspect(h, number, 1, 'resellable');
  const done = await waitReturn(h, number, 'done');
  expect(done.lines.map((l) => [l.receivedQty, l.disposition, l.settlement])).toEqual([
    [1, 'restocked', 'refunded'],
    [0, null, 'not_received'],
  ]);
  // One unit at 100, less the 10 % restocking fee, paid back; nothing is replaced for goods that never came.
  expect(done).toMatchObject({ refundCents: 9_000, restockingFeeCents: 1_000, replacementOrderNumber: null });
  expect(await returnedQty(order)).toEqual([1, 0]);
});
