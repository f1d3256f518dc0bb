// A repair manufacturing order on the real Temporal dev server: a returned unit moves from RETURNS to the
// shop as the return's process moves it, and is mended on the repair bench by the product's repair BoM
// (the unit plus a spare part brought from the warehouse); costs roll up and the unit reaches MAIN. A normal
// order for the same product still goes by its manufacturing BoM; a repair called off early gives the unit
// back to RETURNS.
import { createOperationsActivities } from '../../activities/operations';
import { createProductionActivities } from '../../activities/production';
import { bookStockIn } from '../../domain/stock/stock-in';
import { ownerOf, startOwnedProcess } from '../../domain/processes/process-identity';
import { cancelManufacturingOrderUpdate, moWorkflowId } from '../../workflows/manufacturing/messages';
import type { ManufacturingOrderInput } from '../../workflows/manufacturing/types';
import { TASK_QUEUES } from '../../workflows/shared/task-queues';
import type { Harness } from '../support/harness';
import { ledgerBalances, uniq } from '../support/fixtures';
import { boughtProduct, supplier } from '../procurement/support';
import {
  bench,
  component,
  machine,
  machineJobs,
  manufactured,
  planMo,
  repairBom,
  stockEverywhere,
  usePlant,
  waitMo,
  workCenter,
} from './support';

let h: Harness;
usePlant((started) => (h = started));

/** Units a customer sent back, as the return's receipt leaves them: on hand in RETURNS. */
async function returned(sku: string, quantity: number) {
  const ops = h.stores.operations;
  const [warehouse, product] = await Promise.all([
    ops.warehouse.findUniqueOrThrow({ where: { code: 'RETURNS' } }),
    ops.product.findUniqueOrThrow({ where: { sku } }),
  ]);
  await ops.$transaction((tx) =>
    bookStockIn(tx, {
      key: uniq('return'),
      warehouseId: warehouse.id,
      productId: product.id,
      quantity,
      reason: 'count',
      reference: 'test',
    }),
  );
}

/**
 * What the return's process does for a repairable line: writes the repair order, moves the units from RETURNS
 * to the shop (a move in each store and the ledger entry, keyed by the return), then starts the order's process.
 */
async function repair(sku: string, quantity: number) {
  const ret = uniq('RET');
  const ops = createOperationsActivities(h.stores.operations);
  const production = createProductionActivities(h.stores.production);
  const number = await production.createManufacturingOrder({
    key: `return:${ret}:line:1:repair`,
    sku,
    quantity,
    purpose: 'repair',
    parentType: 'return',
    parentRef: ret,
    requestedBy: `return ${ret}`,
  });
  const key = `return-${ret}:repair:1:transfer`;
  const moved = await ops.transferToProduction({ key, moNumber: number, sku, quantity, warehouse: 'RETURNS' });
  expect(moved.transferred).toBe(quantity);
  await production.receiveTransfer({ key, moNumber: number, sku, quantity });
  // Held for the repair on arrival, before its process reserves anything.
  expect(await stockEverywhere(h, sku)).toMatchObject({ shop: quantity, shopReserved: quantity });
  await ops.postProductionCost({
    key: `${key}:ledger`,
    moNumber: number,
    kind: 'transfer_in',
    amountCents: quantity * moved.unitCostCents,
  });
  const mo = await h.stores.production.manufacturingOrder.findUniqueOrThrow({ where: { number } });
  const input: ManufacturingOrderInput = { moNumber: number, policy: h.policies.manufacturing, procurementPolicy: h.policies.procurement };
  await startOwnedProcess(h.env.client, ownerOf(moWorkflowId(number), mo), 'manufacturingOrder', {
    taskQueue: TASK_QUEUES.orchestration,
    args: [input],
  });
  return { number, ret };
}

const returnsStock = async (sku: string) =>
  (await h.stores.operations.stockLevel.findFirst({ where: { product: { sku }, warehouse: { code: 'RETURNS' } } }))?.onHand ?? 0;

test('a returned unit is mended on the bench by the repair BoM with a spare part from the warehouse, its costs roll up and it reaches MAIN', async () => {
  const line = await workCenter(h);
  const repairs = await bench(h, { ratePerHour: 24, labourPerHour: 36 });
  const steel = await component(h, { cost: 2, shop: 10 });
  const seal = await component(h, { cost: 3, warehouse: 5 }); // the spare part: none in the shop
  const pump = await manufactured(h, {
    parts: [{ sku: steel.sku, quantity: 2 }],
    steps: [{ workCenter: line, minutesPerUnit: 5 }],
    cost: 40,
  });
  const repairBomRow = await repairBom(h, pump.sku, [{ sku: seal.sku, quantity: 1 }], {
    workCenter: repairs,
    setupMinutes: 5,
    minutesPerUnit: 10,
  });
  // The bore is measured after the manufacturing step 10; the repair's step 10 is another step and measures nothing.
  const point = { productSku: pump.sku, operationSequence: 10, kind: 'measure', characteristic: 'bore_mm', minValue: 19.9, maxValue: 20.1 };
  expect((await h.post('/api/quality-points', point, 'planner')).status).toBe(201);
  await machine(h, line.code, { measurements: { bore_mm: 20 } });
  await returned(pump.sku, 1);
  const before = await ledgerBalances(h.stores.operations);

  const { number, ret } = await repair(pump.sku, 1);
  await waitMo(h, number, 'done');

  // By the repair BoM: one Repair step on the bench, run there as a machine job.
  const mo = await h.stores.production.manufacturingOrder.findUniqueOrThrow({ where: { number }, include: { workOrders: true } });
  expect(mo).toMatchObject({ purpose: 'repair', bomId: repairBomRow.id, parentType: 'return', parentRef: ret });
  expect(mo.workOrders.map((w) => [w.name, w.workCenterId, w.status, w.minutesPlanned])).toEqual([['Repair', repairs.id, 'done', 15]]);
  expect((await machineJobs(h, repairs.code)).map((j) => [j.jobId, j.state])).toEqual([[`${number}:10:1`, 'done']]);

  // The unit left RETURNS and, mended, is in MAIN; the seal came over from MAIN and was used up.
  expect(await returnsStock(pump.sku)).toBe(0);
  expect(await stockEverywhere(h, pump.sku)).toEqual({ main: 1, mainReserved: 0, shop: 0, shopReserved: 0 });
  expect(await stockEverywhere(h, seal.sku)).toEqual({ main: 4, mainReserved: 0, shop: 0, shopReserved: 0 });
  expect(await stockEverywhere(h, steel.sku)).toMatchObject({ shop: 10 });

  // Materials: the unit at its standard cost (40.00) and the seal (3.00); bench time at its rates.
  const minutes = mo.workOrders[0].minutesActual!;
  expect(mo.materialCostCents).toBe(4000 + 300);
  expect(mo.machineCostCents).toBe(Math.round((minutes * 2400) / 60));
  expect(mo.labourCostCents).toBe(Math.round((minutes * 3600) / 60));
  const total = mo.materialCostCents + mo.machineCostCents + mo.labourCostCents;
  const after = await ledgerBalances(h.stores.operations);
  const moved = (account: string) => (after[account] ?? 0) - (before[account] ?? 0);
  // Raw materials, work in progress and finished goods are empty again; inventory holds the mended unit at its full cost.
  expect({ raw: moved('1310'), wip: moved('1320'), finished: moved('1330') }).toEqual({ raw: 0, wip: 0, finished: 0 });
  expect(moved('1300')).toBe(total - 4000 - 300); // the unit and the seal left inventory at standard cost and came back mended
  expect(moved('5100')).toBe(-(mo.machineCostCents + mo.labourCostCents));

  // The API shows the purpose and the return it was made for; the list filters repairs.
  const view = (await h.get(`/api/manufacturing-orders/${number}`)).body;
  expect(view).toMatchObject({ purpose: 'repair', parent: { type: 'return', ref: ret }, status: 'done', childOrders: [] });
  expect(view.quality).toMatchObject({ checks: 0, failed: 0 });
  expect(view.process.events.map((e: { step: string }) => e.step)).toEqual(expect.arrayContaining(['transferred', 'handed_over']));
  const repairsOnly = (await h.get(`/api/manufacturing-orders?purpose=repair&sku=${pump.sku}`)).body;
  expect(repairsOnly.items.map((i: { number: string; purpose: string }) => [i.number, i.purpose])).toEqual([[number, 'repair']]);
  expect((await h.get(`/api/manufacturing-orders?purpose=manufacture&sku=${pump.sku}`)).body.total).toBe(0);
  // Only the shop floor calls a repair off: its return waits for it.
  expect((await h.post(`/api/manufacturing-orders/${number}/cancel`, { reason: 'not wanted' }, 'planner')).status).toBe(409);

  // A planner's order for the same product is made by its manufacturing BoM, never the repair one.
  const made = await planMo(h, pump.sku, 1);
  await waitMo(h, made, 'done');
  const normal = await h.stores.production.manufacturingOrder.findUniqueOrThrow({ where: { number: made }, include: { workOrders: true } });
  expect(normal.purpose).toBe('manufacture');
  expect(normal.bomId).not.toBe(repairBomRow.id);
  expect(normal.workOrders.map((w) => w.workCenterId)).toEqual([line.id]);
  expect(normal.materialCostCents).toBe(2 * 200);
  expect((await h.get(`/api/manufacturing-orders/${made}`)).body.quality).toMatchObject({ checks: 1, failed: 0 });
  expect(await stockEverywhere(h, seal.sku)).toMatchObject({ main: 4, shop: 0 });
  expect(await stockEverywhere(h, pump.sku)).toMatchObject({ main: 2 });
});

test('only products with a repair BoM are repairable, and a repair BoM is no way to make a product', async () => {
  const repairs = await bench(h);
  const part = await component(h);
  const lamp = await component(h, { cost: 25 }); // bought, not made here
  await repairBom(h, lamp.sku, [{ sku: part.sku, quantity: 1 }], { workCenter: repairs, minutesPerUnit: 5 });
  const production = createProductionActivities(h.stores.production);
  expect(await production.repairableSkus({ skus: [lamp.sku, part.sku] })).toEqual([lamp.sku]);
  const refused = await h.post('/api/manufacturing-orders', { sku: lamp.sku, quantity: 1 }, 'planner');
  expect(refused.status).toBe(400);
  expect(refused.body.error.details).toEqual([{ field: 'sku', message: `${lamp.sku} has no active bill of materials` }]);
  // Quality points follow how a product is made; the lamp is not made here.
  const point = await h.post('/api/quality-points', { productSku: lamp.sku, kind: 'inspection' }, 'planner');
  expect(point.status).toBe(400);
  expect(point.body.error.details).toEqual([{ field: 'productSku', message: `${lamp.sku} has no active bill of materials` }]);
  await expect(
    production.createManufacturingOrder({
      key: uniq('k'),
      sku: part.sku,
      quantity: 1,
      purpose: 'repair',
      parentType: 'return',
      requestedBy: 't',
    }),
  ).rejects.toMatchObject({ type: 'INVALID_INPUT' });
});

test('a repair called off while its spare part is being bought gives the unrepaired unit back to RETURNS', async () => {
  const repairs = await bench(h);
  const s = await supplier(h);
  const gasket = await boughtProduct(h, s, 2); // nowhere in stock: bought
  const chair = await component(h, { cost: 30 });
  await repairBom(h, chair.sku, [{ sku: gasket.sku, quantity: 1 }], { workCenter: repairs, minutesPerUnit: 5 });
  await returned(chair.sku, 1);
  const before = await ledgerBalances(h.stores.operations);

  const { number } = await repair(chair.sku, 1);
  await waitMo(h, number, 'waiting_materials');
  // The unit was held for its repair as it arrived.
  expect(await stockEverywhere(h, chair.sku)).toMatchObject({ shop: 1, shopReserved: 1 });

  // The shop floor's materials-late decision would come after MATERIAL_WAIT_DAYS; the update it leads to is the same.
  const state = await h.env.client.workflow
    .getHandle(moWorkflowId(number))
    .executeUpdate(cancelManufacturingOrderUpdate, { args: [{ reason: 'spare part unobtainable', requestedBy: 'Pia Planner' }] });
  expect(state).toMatchObject({ status: 'cancelled', unitsBackToReturns: 1 });
  expect(state.lossCents).toBeUndefined();
  expect(await returnsStock(chair.sku)).toBe(1);
  expect(await stockEverywhere(h, chair.sku)).toMatchObject({ main: 0, shop: 0, shopReserved: 0 });
  const after = await ledgerBalances(h.stores.operations);
  expect((after['1310'] ?? 0) - (before['1310'] ?? 0)).toBe(0);
  expect((after['1300'] ?? 0) - (before['1300'] ?? 0)).toBe(0);
});
