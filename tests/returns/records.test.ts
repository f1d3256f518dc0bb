// The return process's record activities, called directly against a real database: the snapshot
// with its window explained, authorization once, units given back exactly once, inspection
// findings, and the carrier pickup through the simulator (outages retried, booked once).
import { startPartnerSimulator, type PartnerSimulator } from '../../simulators/partners';
import { activityWorld } from '../support/activity-world';
import { customer, product, writtenOrder } from '../support/fixtures';

const world = activityWorld();
let sim: PartnerSimulator;
beforeAll(async () => {
  sim = await startPartnerSimulator();
  await world.stores.operations.carrier.updateMany({ data: { apiUrl: `${sim.url}/carriers/SWIFT` } });
});
afterAll(() => sim?.server.close());

const DAY = 86_400_000;
let orders = 0;

/** An order whose lines were all delivered `daysAgo` days ago, and a return of `returned` units per line (written as the API does). */
async function returnOf(lines: { category: string; delivered: number; returned: number }[], daysAgo = 1) {
  const db = world.stores.operations;
  const c = await customer(db);
  const products: { id: number; sku: string }[] = [];
  for (const l of lines) products.push(await product(db, { category: l.category }));
  const number = `SO-${80000 + ++orders}`;
  const order = await writtenOrder(db, {
    number,
    customerId: c.id,
    status: 'delivered',
    lines: lines.map((l, i) => ({
      productId: products[i].id,
      quantity: l.delivered,
      taxPct: 0,
      delivered: l.delivered,
      returned: l.returned,
    })),
  });
  await db.shipment.create({
    data: {
      number: `${number}-S1`,
      orderId: order.id,
      status: 'delivered',
      deliveredAt: new Date(Date.now() - daysAgo * DAY),
      lines: {
        create: order.lines.map((l) => ({ orderLineId: l.id, productId: l.productId, quantity: l.quantity, deliveredQty: l.quantity })),
      },
    },
  });
  const ret = await db.customerReturn.create({
    data: {
      number: `RET-${80000 + orders}`,
      key: `return:${number}:test`,
      orderId: order.id,
      customerId: c.id,
      reason: 'Wrong colour',
      status: 'requested',
      outsideWindow: daysAgo > 14,
      requestedBy: 'test',
      lines: {
        create: order.lines.map((l, i) => ({
          lineNo: i + 1,
          orderLineId: l.id,
          productId: l.productId,
          quantity: lines[i].returned,
          outcome: 'refund',
        })),
      },
    },
  });
  return { returnNumber: ret.number, orderNumber: number, skus: products.map((p) => p.sku), customerName: c.name };
}

const returnedQty = async (order: string) =>
  (await world.stores.operations.salesOrderLine.findMany({ where: { order: { number: order } }, orderBy: { lineNo: 'asc' } })).map(
    (l) => l.returnedQty,
  );
const auditActions = async (returnNumber: string) =>
  (
    await world.stores.operations.auditLog.findMany({ where: { entityType: 'Return', entityRef: returnNumber }, orderBy: { id: 'asc' } })
  ).map((a) => a.action);

test('loadReturn reads the record with its lines and explains why it is outside the window', async () => {
  const r = await returnOf(
    [
      { category: 'general', delivered: 3, returned: 2 },
      { category: 'made-to-order', delivered: 1, returned: 1 },
    ],
    20,
  );
  const snapshot = await world.ops.loadReturn({ returnNumber: r.returnNumber });
  expect(snapshot).toEqual({
    number: r.returnNumber,
    orderNumber: r.orderNumber,
    customerCode: expect.any(String),
    status: 'requested',
    reason: 'Wrong colour',
    outsideWindow: true,
    approverRole: 'manager',
    windowNote: `order line 2 (${r.skus[1]}) was delivered 20 days before the request; the made-to-order return window is 14 days`,
    lines: [
      { lineNo: 1, orderLineNo: 1, sku: r.skus[0], quantity: 2, receivedQty: 0, outcome: 'refund', repairable: false },
      { lineNo: 2, orderLineNo: 2, sku: r.skus[1], quantity: 1, receivedQty: 0, outcome: 'refund', repairable: false },
    ],
  });
  await expect(world.ops.loadReturn({ returnNumber: 'RET-99999' })).rejects.toMatchObject({ type: 'NOT_FOUND' });
});

test('authorization gives one RMA number and a receive-by date; asking again returns the first', async () => {
  const r = await returnOf([{ category: 'general', delivered: 2, returned: 2 }]);
  const at = '2026-12-01T10:00:00.000Z';
  const first = await world.ops.authorizeReturn({ returnNumber: r.returnNumber, approvedBy: 'Mona Manager', receiveWaitMs: 30 * DAY, at });
  expect(first).toEqual({ rmaNumber: expect.stringMatching(/^RMA-\d{5}$/), receiveBy: '2026-12-31T10:00:00.000Z' });
  const again = await world.ops.authorizeReturn({ returnNumber: r.returnNumber, receiveWaitMs: DAY, at: '2026-12-02T10:00:00.000Z' });
  expect(again).toEqual(first);
  const row = await world.stores.operations.customerReturn.findUniqueOrThrow({ where: { number: r.returnNumber } });
  expect(row).toMatchObject({ status: 'authorized', rmaNumber: first.rmaNumber, approvedBy: 'Mona Manager' });
  expect(await auditActions(r.returnNumber)).toEqual(['return.authorized']);
});

test('status and inspection findings are written once per change, each audited', async () => {
  const r = await returnOf([{ category: 'general', delivered: 2, returned: 1 }]);
  const at = new Date().toISOString();
  await world.ops.setReturnStatus({ returnNumber: r.returnNumber, status: 'inspecting', at });
  await world.ops.setReturnStatus({ returnNumber: r.returnNumber, status: 'inspecting', at });
  const finding = { returnNumber: r.returnNumber, lineNo: 1, condition: 'damaged' as const, by: 'Ines Inspector', note: 'Cracked', at };
  await world.ops.recordReturnInspection(finding);
  await world.ops.recordReturnInspection(finding);
  const line = await world.stores.operations.customerReturnLine.findFirstOrThrow({ where: { customerReturn: { number: r.returnNumber } } });
  expect(line).toMatchObject({ condition: 'damaged', inspectedBy: 'Ines Inspector', inspectionNote: 'Cracked', photoRef: null });
  expect(await auditActions(r.returnNumber)).toEqual(['return.status', 'return.inspected']);
  await expect(world.ops.recordReturnInspection({ ...finding, lineNo: 9 })).rejects.toMatchObject({ type: 'INVALID_INPUT' });
});

test('closing gives back the units that did not arrive, once, whatever key a later call uses', async () => {
  const r = await returnOf([
    { category: 'general', delivered: 3, returned: 3 },
    { category: 'general', delivered: 2, returned: 2 },
  ]);
  // Two units of the first line arrived; nothing of the second.
  await world.stores.operations.customerReturnLine.updateMany({
    where: { customerReturn: { number: r.returnNumber }, lineNo: 1 },
    data: { receivedQty: 2 },
  });
  const at = new Date().toISOString();
  const release = { returnNumber: r.returnNumber, status: 'expired' as const, reason: 'not all goods arrived in time', at };
  await world.ops.releaseReturn({ ...release, key: `return-${r.returnNumber}:expire` });
  await world.ops.releaseReturn({ ...release, key: `return-${r.returnNumber}:expire` });
  await world.ops.releaseReturn({ ...release, key: `return-${r.returnNumber}:cancel`, status: 'cancelled' });
  expect(await returnedQty(r.orderNumber)).toEqual([2, 0]);
  const row = await world.stores.operations.customerReturn.findUniqueOrThrow({
    where: { number: r.returnNumber },
    include: { lines: { orderBy: { lineNo: 'asc' } } },
  });
  expect(row).toMatchObject({ status: 'expired', statusNote: 'not all goods arrived in time', closedAt: expect.any(Date) });
  expect(row.lines.map((l) => l.settlement)).toEqual([null, 'not_received']);
  expect(await auditActions(r.returnNumber)).toEqual(['return.expired']);
});

test('the pickup is booked with the carrier once, through its outages, and needs the RMA number', async () => {
  const r = await returnOf([{ category: 'general', delivered: 2, returned: 2 }]);
  await expect(world.ops.bookReturnPickup({ returnNumber: r.returnNumber })).rejects.toMatchObject({ type: 'ILLEGAL_TRANSITION' });
  const { rmaNumber } = await world.ops.authorizeReturn({ returnNumber: r.returnNumber, receiveWaitMs: DAY, at: new Date().toISOString() });

  await fetch(`${sim.url}/control/carriers/SWIFT`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"failNext":1}',
  });
  await expect(world.ops.bookReturnPickup({ returnNumber: r.returnNumber })).rejects.toThrow(/answered 503; will retry/);
  const booked = await world.ops.bookReturnPickup({ returnNumber: r.returnNumber });
  expect(booked.trackingNumber).toMatch(/^SWIFT-/);
  expect(await world.ops.bookReturnPickup({ returnNumber: r.returnNumber })).toEqual(booked);
  expect(sim.pickups.get(rmaNumber)).toMatchObject({ rmaNumber, trackingNumber: booked.trackingNumber });
  expect([...sim.pickups.values()].filter((p) => p.rmaNumber === rmaNumber)).toHaveLength(1);
  const row = await world.stores.operations.customerReturn.findUniqueOrThrow({ where: { number: r.returnNumber } });
  expect(row.pickupTracking).toBe(booked.trackingNumber);
  expect(await auditActions(r.returnNumber)).toEqual(['return.authorized', 'return.pickup_booked']);
});
