// The whole story through the API alone: a delivered, paid order is returned in part, the
// goods arrive in two parcels, one line is found resellable and put back on the shelf, the other
// repairable and mended on the bench, and the customer is refunded; the ledger balances to the cent
// and both the return's history and the order's tell the return.
import { startHarness, type Harness } from '../support/harness';
import { ledgerBalances } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';
import { assertNoDoubleBooking, assertProductionInvariants } from '../support/production-invariants';
import { inspect, orderToReturn, receive, repairBom, requestReturn, waitReturn } from './process-support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
afterEach(async () => {
  await assertInvariants(h.stores.operations);
  await assertProductionInvariants(h.stores.operations, h.stores.production);
  await assertNoDoubleBooking(h.stores.production);
});

const stockIn = async (productId: number, warehouse: string) =>
  (await h.stores.operations.stockLevel.findFirst({ where: { productId, warehouse: { code: warehouse } } }))?.onHand ?? 0;

test('a delivered order is returned in part, inspected, partly restocked and partly repaired, and refunded with a balanced ledger', async () => {
  const db = h.stores.operations;
  const { order, products } = await orderToReturn(
    h,
    [
      { quantity: 4, price: 100, taxPct: 20 },
      { quantity: 2, price: 50, taxPct: 20 },
    ],
    { paid: true },
  );
  const [shelf, mend] = products;
  await repairBom(h, mend.sku, { spareCost: 4 });
  const before = await ledgerBalances(db);

  // 2 of 4 lamps for a refund, 1 of 2 chairs for a refund after repair.
  const number = await requestReturn(h, order, [
    { lineNo: 1, quantity: 2, outcome: 'refund' },
    { lineNo: 2, quantity: 1, outcome: 'refund' },
  ]);
  await waitReturn(h, number, 'authorized');
  expect((await receive(h, number, 'PARCEL-A', [{ lineNo: 1, quantity: 2 }])).status).toBe(201);
  expect((await receive(h, number, 'PARCEL-B', [{ lineNo: 2, quantity: 1 }])).status).toBe(201);
  await inspect(h, number, 1, 'resellable', 'unused, in the box');
  await inspect(h, number, 2, 'repairable', 'gas spring leaks');
  const done = await waitReturn(h, number, 'done', 120_000);

  expect(done.lines.map((l) => [l.receivedQty, l.condition, l.disposition, l.settlement])).toEqual([
    [2, 'resellable', 'restocked', 'refunded'],
    [1, 'repairable', 'repaired', 'refunded'],
  ]);
  const repair = await h.stores.production.manufacturingOrder.findUniqueOrThrow({ where: { number: done.lines[1].repairMoNumber! } });
  expect([repair.purpose, repair.parentRef, repair.status]).toEqual(['repair', number, 'done']);
  // The unordered half stays with the customer; both lines' units are back in MAIN, none left in RETURNS.
  expect(
    await Promise.all([stockIn(shelf.id, 'MAIN'), stockIn(mend.id, 'MAIN'), stockIn(shelf.id, 'RETURNS'), stockIn(mend.id, 'RETURNS')]),
  ).toEqual([2, 1, 0, 0]);

  // Lamps: 2 × 100 less the 10 % fee = 180 net + 36 tax; chair: 50 + 10 tax, no fee (not resellable as found).
  expect(done).toMatchObject({ restockingFeeCents: 2_000, refundCents: 27_600 });
  const creditNote = await db.invoice.findUniqueOrThrow({ where: { number: done.creditNoteNumber! } });
  expect([creditNote.netCents, creditNote.taxCents, creditNote.totalCents]).toEqual([23_000, 4_600, 27_600]);

  const after = await ledgerBalances(db);
  const moved = (account: string) => (after[account] ?? 0) - (before[account] ?? 0);
  const conversion = repair.machineCostCents + repair.labourCostCents;
  expect({
    cash: moved('1000'),
    receivables: moved('1100'),
    revenue: moved('4000'),
    tax: moved('2100'),
    wip: moved('1320'),
    finishedInShop: moved('1330'),
    costOfSales: moved('5000'),
  }).toEqual({
    cash: -27_600,
    receivables: 0,
    revenue: 23_000,
    tax: 4_600,
    wip: 0,
    finishedInShop: 0,
    // Three units came back at their standard cost of 50.
    costOfSales: -15_000,
  });
  // The repaired chair goes back to inventory carrying its spare part and bench time.
  expect(repair.materialCostCents).toBe(5_000 + 400);
  expect(moved('5100')).toBe(-conversion);
  const sum = Object.keys(after).reduce((s, a) => s + moved(a), 0);
  expect(sum).toBe(0);

  // The record closes in the process's last step; the process completes right after it.
  const history = await h.eventually(async () => {
    const res = await h.get(`/api/processes/return-${number}/history`, 'manager');
    return res.body.entries?.at(-1)?.kind === 'process' ? res : undefined;
  }, `return-${number} to complete`);
  const steps = history.body.entries.map((e: { step: string }) => e.step);
  expect(steps).toEqual(expect.arrayContaining(['receive return', 'decide task', 'settle return refund']));
  expect(history.body.entries.at(-1)).toMatchObject({ kind: 'process', step: 'completed', outcome: 'done' });
  const orderHistory = await h.get(`/api/processes/order-${order}/history`, 'manager');
  const returned = orderHistory.body.entries.filter((e: { kind: string }) => e.kind === 'return');
  expect(returned.map((e: { step: string }) => e.step)).toEqual(
    expect.arrayContaining([`${number} requested`, `${number} authorized`, `${number} inspected`, `${number} done`]),
  );
});
