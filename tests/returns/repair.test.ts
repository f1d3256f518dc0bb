// Returned goods found repairable are mended in the shop: the units move from RETURNS to a repair
// manufacturing order on the bench, which hands them to MAIN; the customer gets the money back or
// the repaired goods. A repair called off sends its units back to RETURNS to be written off.
import { startHarness, type Harness } from '../support/harness';
import { ledgerBalances } from '../support/fixtures';
import { boughtProduct, supplier } from '../procurement/support';
import { assertInvariants } from '../support/invariants';
import { assertNoDoubleBooking, assertProductionInvariants } from '../support/production-invariants';
import { ABANDON, inspect, orderToReturn, receive, repairBom, requestReturn, startedChildren, waitReturn } from './process-support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ policies: { manufacturing: { machineHeartbeatTimeoutMs: 2_000, machineAttempts: 2, materialWaitMs: 2_000 } } });
});
afterAll(async () => h?.close());
afterEach(async () => {
  await assertInvariants(h.stores.operations);
  await assertProductionInvariants(h.stores.operations, h.stores.production);
  await assertNoDoubleBooking(h.stores.production);
});

const stock = async (productId: number, warehouse: string) =>
  (await h.stores.operations.stockLevel.findFirst({ where: { productId, warehouse: { code: warehouse } } }))?.onHand ?? 0;
const repairsOf = (number: string) =>
  h.stores.production.manufacturingOrder.findMany({ where: { parentType: 'return', parentRef: number }, orderBy: { number: 'asc' } });

test('repairable goods are repaired on BENCH: a refund line goes back on the shelf, a repair line back to the customer', async () => {
  const db = h.stores.operations;
  const { order, products } = await orderToReturn(h, [{ quantity: 1 }, { quantity: 1 }], { paid: true });
  const [kept, mended] = products;
  const { bench } = await repairBom(h, kept.sku);
  await repairBom(h, mended.sku);
  const before = await ledgerBalances(db);

  const number = await requestReturn(h, order, [
    { lineNo: 1, quantity: 1, outcome: 'refund' },
    { lineNo: 2, quantity: 1, outcome: 'repair' },
  ]);
  await waitReturn(h, number, 'authorized');
  const receipt = await receive(h, number, 'DN-REPAIR', [
    { lineNo: 1, quantity: 1 },
    { lineNo: 2, quantity: 1 },
  ]);
  expect(receipt.status).toBe(201);
  const task = await inspect(h, number, 1, 'repairable', 'loose hinge');
  expect(JSON.parse(task.decisions)).toEqual(['resellable', 'damaged', 'repairable']);
  await inspect(h, number, 2, 'repairable', 'switch broken');
  const done = await waitReturn(h, number, 'done', 120_000);

  const repairs = await repairsOf(number);
  expect(repairs.map((m) => [m.productSku, m.purpose, m.quantity, m.status])).toEqual(
    expect.arrayContaining([
      [kept.sku, 'repair', 1, 'done'],
      [mended.sku, 'repair', 1, 'done'],
    ]),
  );
  const jobs = await h.stores.production.workOrder.findMany({ where: { moId: { in: repairs.map((m) => m.id) } } });
  expect(jobs.map((w) => [w.workCenterId, w.status])).toEqual([
    [bench.id, 'done'],
    [bench.id, 'done'],
  ]);
  expect(done.lines.map((l) => [l.condition, l.disposition, l.settlement])).toEqual([
    ['repairable', 'repaired', 'refunded'],
    ['repairable', 'repaired', 'repaired_sent_back'],
  ]);
  expect(done.lines.map((l) => l.repairMoNumber).sort()).toEqual(repairs.map((m) => m.number).sort());
  // Not resellable as found: no restocking fee; the paid 100 comes back in full.
  expect(done).toMatchObject({ restockingFeeCents: 0, refundCents: 10_000 });

  const children = await startedChildren(h, `return-${number}`);
  for (const m of repairs)
    expect(children).toContainEqual(expect.objectContaining({ workflowId: `mo-${m.number}`, type: 'manufacturingOrder' }));
  expect(children).toContainEqual({ workflowId: `order-${done.sendBackOrderNumber}`, type: 'orderToDelivery', parentClosePolicy: ABANDON });
  const sendBack = await db.salesOrder.findUniqueOrThrow({ where: { number: done.sendBackOrderNumber! }, include: { lines: true } });
  expect([sendBack.netCents, sendBack.lines.map((l) => [l.productId, l.quantity])]).toEqual([0, [[mended.id, 1]]]);
  await h.waitForStatus(sendBack.number, 'awaiting_delivery');
  expect(done.replacementOrderNumber).toBeNull();

  // The refunded unit is back in MAIN, repaired; nothing is left in RETURNS; production cost went through WIP.
  expect([await stock(kept.id, 'MAIN'), await stock(kept.id, 'RETURNS'), await stock(mended.id, 'RETURNS')]).toEqual([1, 0, 0]);
  const after = await ledgerBalances(db);
  const moved = (account: string) => (after[account] ?? 0) - (before[account] ?? 0);
  expect([moved('1320'), moved('1330'), moved('6970')]).toEqual([0, 0, 0]);
});

/** A repair line found repairable whose repair order then ends without its goods; the return as it ends. */
async function repairThatEnds(spare: { sku: string } | undefined, end: (repair: { number: string }) => Promise<void>) {
  const { order, product: p } = await orderToReturn(h, [{ quantity: 1 }]);
  await repairBom(h, p.sku, spare ? { spare } : { spareInShop: 0 });
  const before = await ledgerBalances(h.stores.operations);
  const number = await requestReturn(h, order, [{ lineNo: 1, quantity: 1, outcome: 'repair' }]);
  await waitReturn(h, number, 'authorized');
  expect((await receive(h, number, 'DN-NOPARTS', [{ lineNo: 1, quantity: 1 }])).status).toBe(201);
  await inspect(h, number, 1, 'repairable');
  const [repair] = await h.eventually(async () => {
    const found = await repairsOf(number);
    return found.length ? found : undefined;
  }, 'the repair order');
  await end(repair);
  const done = await waitReturn(h, number, 'done', 90_000);
  expect(done.lines[0]).toMatchObject({
    condition: 'repairable',
    disposition: 'scrapped',
    settlement: 'replaced',
    repairMoNumber: repair.number,
  });
  const replacement = await h.stores.operations.salesOrder.findUniqueOrThrow({
    where: { number: done.replacementOrderNumber! },
    include: { lines: true },
  });
  expect([replacement.netCents, replacement.lines.map((l) => [l.productId, l.quantity])]).toEqual([0, [[p.id, 1]]]);
  // The unit came back to RETURNS unrepaired and was written off there at its standard cost (50).
  expect(await stock(p.id, 'RETURNS')).toBe(0);
  const after = await ledgerBalances(h.stores.operations);
  const moved = (account: string) => (after[account] ?? 0) - (before[account] ?? 0);
  expect([moved('1300'), moved('1310'), moved('5000'), moved('6970')]).toEqual([0, 0, -5_000, 5_000]);
  return (await h.stores.production.manufacturingOrder.findUniqueOrThrow({ where: { number: repair.number } })).status;
}

test('a repair called off on the shop floor (its spare part is late): the unit is written off and the customer gets a replacement', async () => {
  const late = await boughtProduct(h, await supplier(h), 4);
  const status = await repairThatEnds(late, async (repair) => {
    const task = await h.openTask(repair.number, 'materials-late');
    expect((await h.decide(task.id, 'cancel', 'planner', 'spare part discontinued')).status).toBe(200);
  });
  expect(status).toBe('cancelled');
});

test('a repair that fails (nobody sells its spare part): the unit is written off all the same and replaced', async () => {
  expect(await repairThatEnds(undefined, async () => undefined)).toBe('failed');
});
