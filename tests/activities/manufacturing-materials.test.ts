// Materials and money of manufacturing orders against real databases: each step retried under its key
// changes nothing, competing orders never hold more than the shop has, and units crossing between the
// stores are booked on both sides (checked after every test).
import { createProductionActivities } from '../../activities/production';
import { activityWorld } from '../support/activity-world';
import { ledgerBalances, product, stockOf, uniq } from '../support/fixtures';
import { assertProductionInvariants } from '../support/production-invariants';
import { bom, manufacturingOrder, stockShop } from '../support/production-fixtures';

const world = activityWorld();
let prod: ReturnType<typeof createProductionActivities>;
beforeAll(() => {
  prod = createProductionActivities(world.stores.production);
});
afterEach(async () => assertProductionInvariants(world.stores.operations, world.stores.production));

const shop = async (sku: string) => {
  const s = await world.stores.production.productionStock.findUnique({ where: { sku_location: { sku, location: 'SHOP' } } });
  return { onHand: s?.onHand ?? 0, reserved: s?.reserved ?? 0 };
};

/** A product made of A (10 % scrap) and B, four per batch, and C which is itself manufactured. */
async function assembly(quantity: number) {
  const base = uniq('ASM');
  const [a, b, c] = [`${base}-A`, `${base}-B`, `${base}-C`];
  const recipe = await bom(
    world.stores.production,
    base,
    [
      { sku: b, quantity: 1 },
      { sku: a, quantity: 3, scrapBp: 1000 },
      { sku: c, quantity: 1 },
    ],
    4,
  );
  await bom(world.stores.production, c, [{ sku: `${base}-X`, quantity: 2 }]);
  const mo = await manufacturingOrder(world.stores.production, recipe, quantity);
  return { mo, a, b, c };
}

test('needs are one level of the BoM for whole batches with scrap rounded up, sorted by SKU', async () => {
  const { mo, a, b, c } = await assembly(10);
  // 10 of a 4-per-batch BoM → 3 batches; A: 9 + 10 % = 9.9 → 10.
  expect(await prod.materialNeeds({ moNumber: mo.number })).toEqual([
    { sku: a, quantity: 10, manufactured: false },
    { sku: b, quantity: 3, manufactured: false },
    { sku: c, quantity: 3, manufactured: true },
  ]);
  await expect(prod.materialNeeds({ moNumber: 'MO-NOPE' })).rejects.toMatchObject({ type: 'NOT_FOUND', nonRetryable: true });
});

test('reserving holds what is free, repeats nothing under its key, and a later round only tops up', async () => {
  const { mo, a, b, c } = await assembly(10);
  await stockShop(world.stores.production, a, 6);
  await stockShop(world.stores.production, b, 5);
  const first = await prod.reserveMaterials({ moNumber: mo.number, key: `${mo.number}:reserve:1` });
  expect(first).toEqual({
    reserved: [
      { sku: a, quantity: 6 },
      { sku: b, quantity: 3 },
    ],
    short: [
      { sku: a, quantity: 4, manufactured: false },
      { sku: c, quantity: 3, manufactured: true },
    ],
  });
  expect(await prod.reserveMaterials({ moNumber: mo.number, key: `${mo.number}:reserve:1` })).toEqual(first);
  expect(await shop(a)).toEqual({ onHand: 6, reserved: 6 });

  await stockShop(world.stores.production, a, 10);
  await stockShop(world.stores.production, c, 3);
  const second = await prod.reserveMaterials({ moNumber: mo.number, key: `${mo.number}:reserve:2` });
  expect(second).toEqual({
    reserved: [
      { sku: a, quantity: 4 },
      { sku: c, quantity: 3 },
    ],
    short: [],
  });
  expect(await shop(a)).toEqual({ onHand: 16, reserved: 10 });

  const consumed = await prod.consumeMaterials({ moNumber: mo.number, key: `${mo.number}:consume` });
  expect(await prod.consumeMaterials({ moNumber: mo.number, key: `${mo.number}:consume` })).toEqual(consumed);
  expect(consumed).toEqual([
    { sku: a, quantity: 10 },
    { sku: b, quantity: 3 },
    { sku: c, quantity: 3 },
  ]);
  expect(await shop(a)).toEqual({ onHand: 6, reserved: 0 });
  // Consumed materials still count as covered: another round holds nothing more.
  expect(await prod.reserveMaterials({ moNumber: mo.number, key: `${mo.number}:reserve:3` })).toEqual({ reserved: [], short: [] });
});

test('materials transferred from MAIN arrive in the shop once, and only what MAIN can spare leaves it', async () => {
  const ops = world.stores.operations;
  const p = await product(ops, { stock: 5 });
  const { mo } = await assembly(1);
  const transfer = { key: `${mo.number}:transfer:${p.sku}:1`, moNumber: mo.number, sku: p.sku, quantity: 8 };
  const sent = await world.ops.transferToProduction(transfer);
  expect(sent).toEqual({ transferred: 5, unitCostCents: 5000 });
  expect(await world.ops.transferToProduction(transfer)).toEqual(sent);
  expect(await stockOf(ops, p.id)).toEqual({ onHand: 0, reserved: 0 });
  const receipt = { key: `${mo.number}:receive:${p.sku}:1`, moNumber: mo.number, sku: p.sku, quantity: sent.transferred };
  await prod.receiveTransfer(receipt);
  await prod.receiveTransfer(receipt);
  expect(await shop(p.sku)).toEqual({ onHand: 5, reserved: 0 });
  expect(await world.ops.transferToProduction({ ...transfer, key: `${mo.number}:transfer:${p.sku}:2` })).toEqual({
    transferred: 0,
    unitCostCents: 5000,
  });
  await expect(world.ops.transferToProduction({ ...transfer, key: uniq('t'), warehouse: 'NOPE' })).rejects.toMatchObject({
    type: 'NOT_FOUND',
    nonRetryable: true,
  });
});

test('output is produced into the shop and handed over to MAIN once each', async () => {
  const ops = world.stores.operations;
  const finished = await product(ops, { stock: 0 });
  const recipe = await bom(world.stores.production, finished.sku, [{ sku: uniq('RAW'), quantity: 1 }]);
  const mo = await manufacturingOrder(world.stores.production, recipe, 4);
  await expect(prod.handOverOutput({ moNumber: mo.number, key: `${mo.number}:handover:early` })).rejects.toMatchObject({
    type: 'ILLEGAL_TRANSITION',
    nonRetryable: true,
  });
  expect(await prod.produceOutput({ moNumber: mo.number, key: `${mo.number}:produce` })).toEqual({ sku: finished.sku, quantity: 4 });
  await prod.produceOutput({ moNumber: mo.number, key: `${mo.number}:produce` });
  expect(await shop(finished.sku)).toEqual({ onHand: 4, reserved: 0 });
  const out = await prod.handOverOutput({ moNumber: mo.number, key: `${mo.number}:handover` });
  await prod.handOverOutput({ moNumber: mo.number, key: `${mo.number}:handover` });
  expect(await shop(finished.sku)).toEqual({ onHand: 0, reserved: 0 });
  const arrival = { key: `${mo.number}:from-production`, moNumber: mo.number, lines: [out], reason: 'handover' as const };
  await world.ops.receiveFromProduction(arrival);
  await world.ops.receiveFromProduction(arrival);
  expect(await stockOf(ops, finished.id)).toEqual({ onHand: 4, reserved: 0 });
});

test('a cancelled order releases what it held and sends back only what is free', async () => {
  const ops = world.stores.operations;
  const raw = await product(ops, { stock: 10 });
  const recipe = await bom(world.stores.production, uniq('KIT'), [{ sku: raw.sku, quantity: 3 }]);
  const [cancelled, other] = [
    await manufacturingOrder(world.stores.production, recipe, 2),
    await manufacturingOrder(world.stores.production, recipe, 2),
  ];
  const { transferred } = await world.ops.transferToProduction({
    key: `${cancelled.number}:t`,
    moNumber: cancelled.number,
    sku: raw.sku,
    quantity: 10,
  });
  await prod.receiveTransfer({ key: `${cancelled.number}:r`, moNumber: cancelled.number, sku: raw.sku, quantity: transferred });
  await prod.reserveMaterials({ moNumber: cancelled.number, key: `${cancelled.number}:reserve` });
  const released = await prod.releaseMaterials({ moNumber: cancelled.number, key: `${cancelled.number}:release` });
  expect(released).toEqual([{ sku: raw.sku, quantity: 6 }]);
  expect(await prod.releaseMaterials({ moNumber: cancelled.number, key: `${cancelled.number}:release` })).toEqual(released);
  expect(await world.stores.production.materialReservation.findMany({ where: { moId: cancelled.id } })).toEqual([
    expect.objectContaining({ status: 'released', quantity: 6 }),
  ]);
  // Another order takes 6 of the 10 before the cancelled one sends its materials back.
  await prod.reserveMaterials({ moNumber: other.number, key: `${other.number}:reserve` });
  const back = { moNumber: cancelled.number, key: `${cancelled.number}:send-back`, lines: [{ sku: raw.sku, quantity: 10 }] };
  const left = await prod.sendBackMaterials(back);
  expect(left).toEqual([{ sku: raw.sku, quantity: 4 }]);
  expect(await prod.sendBackMaterials(back)).toEqual(left);
  expect(await shop(raw.sku)).toEqual({ onHand: 6, reserved: 6 });
  await world.ops.receiveFromProduction({
    key: `${cancelled.number}:returned`,
    moNumber: cancelled.number,
    lines: left,
    reason: 'returned',
  });
  expect(await stockOf(ops, raw.id)).toEqual({ onHand: 4, reserved: 0 });
  // The other order is finished off so its holding does not linger in later tests' checks.
  await prod.consumeMaterials({ moNumber: other.number, key: `${other.number}:consume` });
});

test('costs add to the order once per key', async () => {
  const { mo } = await assembly(1);
  const costs = { moNumber: mo.number, key: `${mo.number}:costs:1`, materialCents: 1200, machineCents: 300, labourCents: 50 };
  await prod.recordMoCosts(costs);
  await prod.recordMoCosts(costs);
  await prod.recordMoCosts({ moNumber: mo.number, key: `${mo.number}:costs:2`, lossCents: 70, materialCents: 1 });
  expect(await world.stores.production.manufacturingOrder.findUniqueOrThrow({ where: { id: mo.id } })).toMatchObject({
    materialCostCents: 1201,
    machineCostCents: 300,
    labourCostCents: 50,
    lossCents: 70,
  });
});

test('each production posting is one balanced entry on its accounts, once per key, none for zero', async () => {
  const db = world.stores.operations;
  const mo = uniq('MO');
  const cases = [
    ['transfer_in', '1310', '1300'],
    ['transfer_back', '1300', '1310'],
    ['consumption', '1320', '1310'],
    ['conversion', '1320', '5100'],
    ['completion', '1330', '1320'],
    ['handover', '1300', '1330'],
    ['loss', '6950', '1320'],
  ] as const;
  for (const [kind, debit, credit] of cases) {
    const before = await ledgerBalances(db);
    const posting = { key: `${mo}:post:${kind}`, moNumber: mo, kind, amountCents: 1234 };
    await world.ops.postProductionCost(posting);
    await world.ops.postProductionCost(posting);
    const after = await ledgerBalances(db);
    expect({ kind, debit: (after[debit] ?? 0) - (before[debit] ?? 0), credit: (after[credit] ?? 0) - (before[credit] ?? 0) }).toEqual({
      kind,
      debit: 1234,
      credit: -1234,
    });
  }
  await world.ops.postProductionCost({ key: `${mo}:post:nothing`, moNumber: mo, kind: 'conversion', amountCents: 0 });
  const entries = await db.journalEntry.findMany({ where: { sourceType: 'ManufacturingOrder', sourceRef: mo } });
  expect(entries).toHaveLength(cases.length);
});

test('a shortage becomes one requisition per key, from production, naming the order', async () => {
  const db = world.stores.operations;
  const p = await product(db, { stock: 0 });
  const s = await db.supplier.create({
    data: { code: uniq('S'), name: 'Parts Co', email: 'parts@test.example', apiUrl: 'http://127.0.0.1:9' },
  });
  await db.supplierPrice.create({ data: { supplierId: s.id, productId: p.id, priceCents: 250, leadTimeDays: 3, preferred: true } });
  const mo = uniq('MO');
  const input = { key: `${mo}:requisition:1`, moNumber: mo, lines: [{ sku: p.sku, quantity: 7 }] };
  const number = await world.ops.raiseMaterialRequisition(input);
  expect(await world.ops.raiseMaterialRequisition(input)).toBe(number);
  const requisitions = await db.requisition.findMany({ where: { sourceRef: mo }, include: { lines: true } });
  expect(requisitions).toEqual([
    expect.objectContaining({ number, source: 'make_to_order', requester: 'production', status: 'submitted', totalCents: 1750 }),
  ]);
  expect(requisitions[0].justification).toContain(mo);
  expect(requisitions[0].lines).toEqual([expect.objectContaining({ productId: p.id, quantity: 7 })]);
});

test('an order needs manufacturing for make-to-order lines and for what free stock of manufactured products lacks', async () => {
  const db = world.stores.operations;
  const made = async (stock: number, makeToOrder = false) => {
    const p = await product(db, { stock });
    return db.product.update({ where: { id: p.id }, data: { kind: 'manufactured', makeToOrder } });
  };
  const [custom, partly, plenty, bought] = [await made(50, true), await made(2), await made(20), await product(db, { stock: 0 })];
  const c = await db.customer.create({
    data: {
      code: uniq('C'),
      name: 'Test',
      email: 'c@test.example',
      creditLimitCents: 1_000_000,
      paymentTermDays: 30,
      invoicePolicy: 'delivered',
    },
  });
  const main = await db.warehouse.findUniqueOrThrow({ where: { code: 'MAIN' } });
  const number = uniq('SO');
  const lines = [
    [custom, 3],
    [partly, 5],
    [plenty, 4],
    [bought, 9],
    [partly, 1],
  ] as const;
  await db.salesOrder.create({
    data: {
      ...{ number, customerId: c.id, warehouseId: main.id, status: 'received', requestedDate: new Date('2027-03-15'), deliverySteps: 1 },
      ...{ netCents: 0, taxCents: 0, createdBy: 'test' },
      lines: {
        create: lines.map(([p, quantity], i) => ({ lineNo: i + 1, productId: p.id, quantity, unitPriceCents: 100, taxRateBp: 2000 })),
      },
    },
  });
  expect(await world.ops.manufacturingNeeds({ orderNumber: number })).toEqual([
    { lineNo: 1, sku: custom.sku, quantity: 3, dueDate: '2027-03-15' },
    { lineNo: 2, sku: partly.sku, quantity: 3, dueDate: '2027-03-15' },
    { lineNo: 5, sku: partly.sku, quantity: 1, dueDate: '2027-03-15' },
  ]);
});

test('two orders reserving the last units at once: only one gets them', async () => {
  const raw = uniq('RAW');
  const recipe = await bom(world.stores.production, uniq('DUO'), [{ sku: raw, quantity: 5 }]);
  const mos = [await manufacturingOrder(world.stores.production, recipe, 1), await manufacturingOrder(world.stores.production, recipe, 1)];
  await stockShop(world.stores.production, raw, 5);
  const rounds = await Promise.all(mos.map((mo) => prod.reserveMaterials({ moNumber: mo.number, key: `${mo.number}:reserve` })));
  const got = rounds.map((r) => r.reserved.reduce((s, l) => s + l.quantity, 0)).sort();
  expect(got).toEqual([0, 5]);
  expect(await shop(raw)).toEqual({ onHand: 5, reserved: 5 });
  for (const mo of mos) await prod.releaseMaterials({ moNumber: mo.number, key: `${mo.number}:release` });
});

test('many orders competing for scarce shop stock never hold more than is on hand', async () => {
  const raw = uniq('RAW');
  const recipe = await bom(world.stores.production, uniq('MANY'), [{ sku: raw, quantity: 3 }]);
  const mos = await Promise.all(Array.from({ length: 6 }, () => manufacturingOrder(world.stores.production, recipe, 1)));
  await stockShop(world.stores.production, raw, 7);
  const rounds = await Promise.all(mos.map((mo) => prod.reserveMaterials({ moNumber: mo.number, key: `${mo.number}:reserve` })));
  expect(rounds.reduce((s, r) => s + r.reserved.reduce((t, l) => t + l.quantity, 0), 0)).toBe(7);
  expect(await shop(raw)).toEqual({ onHand: 7, reserved: 7 });
});
