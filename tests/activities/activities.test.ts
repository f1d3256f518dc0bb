// Activities against a real database, called directly: a retried step (same key) changes nothing,
// competing reservations never exceed stock, and the demo data's BoMs explode through the production store.
import { createProductionActivities } from '../../activities/production';
import { seedDemoData } from '../../db/demo-data';
import { activityWorld } from '../support/activity-world';
import { customer, ledgerBalances, product, stockOf, writtenOrder } from '../support/fixtures';

const world = activityWorld();

let orders = 0;
/** A received order, priced 10 a unit unless a line says otherwise. */
async function order(customerId: number, lines: { productId: number; quantity: number; price?: number }[]) {
  const number = `SO-${String(90000 + ++orders)}`;
  await writtenOrder(world.stores.operations, {
    number,
    customerId,
    status: 'received',
    lines: lines.map((l) => ({ ...l, price: l.price ?? 10 })),
  });
  return number;
}

test('reserving twice with the same key reserves once; a new key reserves only what is still needed', async () => {
  const c = await customer(world.stores.operations);
  const p = await product(world.stores.operations, { stock: 5 });
  const number = await order(c.id, [{ productId: p.id, quantity: 8 }]);
  const first = await world.ops.reserveOrderStock({ orderNumber: number, key: `${number}:r0` });
  const retried = await world.ops.reserveOrderStock({ orderNumber: number, key: `${number}:r0` });
  expect(retried).toEqual(first);
  expect(first.lines[0]).toMatchObject({ reserved: 5, backordered: 3 });
  expect(await stockOf(world.stores.operations, p.id)).toEqual({ onHand: 5, reserved: 5 });
  const next = await world.ops.reserveOrderStock({ orderNumber: number, key: `${number}:r1` });
  expect(next.lines[0]).toMatchObject({ reserved: 0, backordered: 3 });
  await world.ops.releaseOrderReservations({ orderNumber: number, key: `${number}:rel` });
  await world.ops.releaseOrderReservations({ orderNumber: number, key: `${number}:rel` });
  expect(await stockOf(world.stores.operations, p.id)).toEqual({ onHand: 5, reserved: 0 });
});

test('orders competing for the last units never reserve more than is on hand', async () => {
  const c = await customer(world.stores.operations);
  const p = await product(world.stores.operations, { stock: 7 });
  const numbers = await Promise.all(Array.from({ length: 6 }, () => order(c.id, [{ productId: p.id, quantity: 3 }])));
  const rounds = await Promise.all(numbers.map((n) => world.ops.reserveOrderStock({ orderNumber: n, key: `${n}:r0` })));
  const reserved = rounds.reduce((s, r) => s + r.lines[0].reserved, 0);
  expect(reserved).toBe(7);
  expect(await stockOf(world.stores.operations, p.id)).toEqual({ onHand: 7, reserved: 7 });
});

test('invoice, payment and shipment steps retried after success add nothing', async () => {
  const db = world.stores.operations;
  const c = await customer(db);
  const p = await product(db, { stock: 10 });
  const number = await order(c.id, [{ productId: p.id, quantity: 2, price: 50 }]);
  await world.ops.reserveOrderStock({ orderNumber: number, key: `${number}:r0` });
  await world.ops.createShipment({ orderNumber: number, shipmentNumber: `${number}-S1` });
  await world.ops.createShipment({ orderNumber: number, shipmentNumber: `${number}-S1` });
  const at = new Date().toISOString();
  await world.ops.shipShipment({ shipmentNumber: `${number}-S1`, at });
  await world.ops.shipShipment({ shipmentNumber: `${number}-S1`, at });
  expect(await stockOf(db, p.id)).toEqual({ onHand: 8, reserved: 0 });
  await world.ops.confirmShipmentDelivery({ shipmentNumber: `${number}-S1`, at, confirmedBy: 'test' });
  await world.ops.confirmShipmentDelivery({ shipmentNumber: `${number}-S1`, at, confirmedBy: 'test' });
  const ledgerBefore = await ledgerBalances(db);
  const inv1 = await world.ops.issueOrderInvoice({ orderNumber: number, basis: 'delivered', at });
  const inv2 = await world.ops.issueOrderInvoice({ orderNumber: number, basis: 'delivered', at });
  expect(inv2).toEqual(inv1);
  expect(inv1!.totalCents).toBe(12_000);
  const pay = {
    orderNumber: number,
    reference: `PAY-${number}`,
    amountCents: 12_000,
    method: 'bank_transfer',
    recordedBy: 'test',
    at,
    requestId: 'update-1',
  };
  await world.ops.recordCustomerPayment(pay);
  // A retry of the same request still reports its application; another request with the reference is a duplicate.
  const again = await world.ops.recordCustomerPayment(pay);
  expect(again).toMatchObject({ applied: true, invoice: { status: 'paid', paidCents: 12_000, outstandingCents: 0 } });
  expect(await world.ops.recordCustomerPayment({ ...pay, requestId: 'update-2' })).toMatchObject({
    applied: false,
    invoice: { paidCents: 12_000 },
  });
  const ledger = await ledgerBalances(db);
  expect((ledger['1000'] ?? 0) - (ledgerBefore['1000'] ?? 0)).toBe(12_000);
  expect((ledger['1100'] ?? 0) - (ledgerBefore['1100'] ?? 0)).toBe(0);
  expect(await db.journalEntry.count({ where: { sourceRef: inv1!.number } })).toBe(2);
});

test('a business rule violation is a non-retryable failure typed by its code', async () => {
  const c = await customer(world.stores.operations);
  const p = await product(world.stores.operations);
  const number = await order(c.id, [{ productId: p.id, quantity: 1 }]);
  await expect(
    world.ops.recordCustomerPayment({
      orderNumber: number,
      reference: 'X-1',
      amountCents: 1,
      method: 'cash',
      recordedBy: 't',
      at: new Date().toISOString(),
    }),
  ).rejects.toMatchObject({ type: 'ILLEGAL_TRANSITION', nonRetryable: true });
  await expect(world.ops.loadOrder('SO-00000')).rejects.toMatchObject({ type: 'NOT_FOUND', nonRetryable: true });
});

test('demo data: multi-level BoMs explode to purchasable components through the production activities', async () => {
  await seedDemoData(world.stores.operations, world.stores.production, { simulatorUrl: 'http://127.0.0.1:9' });
  expect(await world.stores.operations.product.count({ where: { sku: { startsWith: 'MFG-' } } })).toBe(40);
  const production = createProductionActivities(world.stores.production);
  const bom = await world.stores.production.bom.findFirstOrThrow({
    where: { productSku: 'MFG-001', purpose: 'manufacture' },
    include: { lines: true },
  });
  expect(bom.lines.some((l) => l.componentSku.startsWith('SUB-'))).toBe(true);
  const needs = await production.explodeBom({ sku: 'MFG-001', quantity: 2 });
  expect(needs.length).toBeGreaterThan(0);
  expect(needs.every((n) => n.sku.startsWith('CMP-') && n.quantity > 0)).toBe(true);
  expect(needs.some((n) => n.level === 2)).toBe(true);
  const free = await production.productionAvailability({ skus: needs.map((n) => n.sku), location: 'SHOP' });
  expect(Object.keys(free).sort()).toEqual(needs.map((n) => n.sku).sort());
  await expect(production.explodeBom({ sku: 'GD-001', quantity: 1 })).rejects.toMatchObject({ type: 'NOT_FOUND' });
  // Desk lamps and made-to-order goods have repair BoMs on the bench; a repair BoM is no way to make one.
  expect(await production.repairableSkus({ skus: ['GD-001', 'GD-021', 'MFG-001', 'SUB-001'] })).toEqual(['GD-001', 'MFG-001']);
  expect(await production.explodeBom({ sku: 'MFG-001', quantity: 2 })).toEqual(needs);
});
