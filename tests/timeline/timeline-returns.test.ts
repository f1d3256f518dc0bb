// A return on a timeline: the order's shows the return and the replacement it sent, the return's
// shows the order it came from, and the replacement's tells it was caused by the return.
import { ZTimeline } from '../../api/routes/timeline.schemas';
import { startHarness, type Harness } from '../support/harness';
import { assertInvariants } from '../support/invariants';
import { inspect, orderToReturn, receive, requestReturn, waitReturn } from '../returns/process-support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

interface Entry {
  workflowId: string;
  document: string;
  type: string;
  step: string;
  actor?: string;
  detail?: string;
}
const relations = (processes: { document: string; relation: string; via?: string }[]) =>
  Object.fromEntries(processes.map((p) => [p.document, [p.relation, p.via]]));

async function timeline(type: string, number: string) {
  const res = await h.get(`/api/timeline/${type}/${number}`, 'manager');
  expect(res.status).toBe(200);
  // The answer is exactly what its response schema describes.
  expect(ZTimeline.parse(res.body)).toEqual(res.body);
  return res.body as { processes: { document: string; relation: string; via?: string; status: string }[]; entries: Entry[] };
}

test("a return and its replacement on the order's timeline, and the order on theirs", async () => {
  const { order } = await orderToReturn(h, [{ quantity: 2 }]);
  const ret = await requestReturn(h, order, [{ lineNo: 1, quantity: 1, outcome: 'replacement' }]);
  await waitReturn(h, ret, 'authorized');
  expect((await receive(h, ret, 'DN-R', [{ lineNo: 1, quantity: 1 }])).status).toBe(201);
  await inspect(h, ret, 1, 'resellable', 'as new');
  const done = await waitReturn(h, ret, 'done');
  const replacement = done.replacementOrderNumber!;
  await h.waitForStatus(replacement, 'awaiting_delivery');

  const fromOrder = await timeline('order', order);
  expect(relations(fromOrder.processes)).toEqual({
    [order]: ['self', undefined],
    [ret]: ['follow-up', undefined],
    [replacement]: ['follow-up', ret],
  });
  const entries = fromOrder.entries;
  const at = (pred: (e: Entry) => boolean) => entries.findIndex(pred);
  const delivered = at((e) => e.document === order && e.type === 'decision' && e.step === 'confirm delivery');
  const inspected = at((e) => e.document === ret && e.type === 'decision' && e.actor === 'Ines Inspector');
  const replacementStarted = at((e) => e.workflowId === `order-${replacement}` && e.type === 'process');
  expect(delivered).toBeGreaterThanOrEqual(0);
  expect(entries[inspected].detail).toBe(`resellable on return-${ret}:inspect:1`);
  expect(delivered).toBeLessThan(inspected);
  expect(inspected).toBeLessThan(replacementStarted);
  // The return's audit rows: its request by the operator and the goods received by the warehouse.
  expect(entries.filter((e) => e.document === ret && e.type === 'audit').map((e) => `${e.step} / ${e.actor}`)).toEqual(
    expect.arrayContaining(['return requested / Olga Operator', 'return received / Walt Warehouse']),
  );

  expect(relations((await timeline('return', ret)).processes)).toEqual({
    [ret]: ['self', undefined],
    [order]: ['caused-by', undefined],
    [replacement]: ['follow-up', undefined],
  });
  // The replacement order's record names nothing; its process knows the return started it.
  expect(relations((await timeline('order', replacement)).processes)).toEqual({
    [replacement]: ['self', undefined],
    [ret]: ['caused-by', undefined],
    [order]: ['caused-by', ret],
  });
});
