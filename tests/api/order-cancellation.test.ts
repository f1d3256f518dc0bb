// Cancellation at each step before shipment: the compensations run in reverse and stock, tasks
// and the ledger end exactly where they started. After shipment it is refused with the reason.
import { startHarness, type Harness } from '../support/harness';
import { customer, ledgerBalances, orderBody, product, stockOf } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

async function cancel(number: string, as: 'operator' | 'manager' = 'operator') {
  const res = await h.post(`/api/orders/${number}/cancel`, { reason: 'customer withdrew the order' }, as);
  expect(res.status).toBe(200);
  expect(res.body.status).toBe('cancelled');
  expect(res.body.cancelReason).toBe('customer withdrew the order');
  expect(res.body.openTasks).toEqual([]);
  return res.body;
}

async function expectNoOpenTasks(number: string) {
  expect(await h.stores.operations.task.count({ where: { documentRef: number, status: 'open' } })).toBe(0);
}

test('while on credit hold', async () => {
  const db = h.stores.operations;
  const c = await customer(db, { creditLimit: 10 });
  const p = await product(db, { price: 100, stock: 5 });
  const ledger = await ledgerBalances(db);
  const { body } = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 1 }]));
  await h.openTask(body.number, 'credit-hold');
  await cancel(body.number, 'manager');
  await expectNoOpenTasks(body.number);
  expect(await stockOf(db, p.id)).toEqual({ onHand: 5, reserved: 0 });
  expect(await ledgerBalances(db)).toEqual(ledger);
  expect((await h.env.client.workflow.getHandle(`order-${body.number}`).result()).status).toBe('cancelled');
});

test('while picking: reservations are released', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { stock: 10 });
  const { body } = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 4 }], { deliverySteps: 2 }));
  await h.openTask(body.number, 'pick');
  expect(await stockOf(db, p.id)).toEqual({ onHand: 10, reserved: 4 });
  const cancelled = await cancel(body.number);
  expect(cancelled.lines[0]).toMatchObject({ reserved: 0, cancelled: 4, shipped: 0 });
  // The shipment being picked is called off with the order, not left waiting in the warehouse.
  expect(cancelled.shipments.map((s: { status: string }) => s.status)).toEqual(['cancelled']);
  expect(await stockOf(db, p.id)).toEqual({ onHand: 10, reserved: 0 });
  await expectNoOpenTasks(body.number);
  expect(await db.reservation.count({ where: { orderLine: { order: { number: body.number } }, status: 'released' } })).toBe(1);
});

test('while packing, with part of the order on backorder: both compensations run', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { stock: 2 });
  const q = await product(db, { stock: 10 });
  const { body } = await h.post(
    '/api/orders',
    orderBody(
      c.code,
      [
        { sku: p.sku, quantity: 5 },
        { sku: q.sku, quantity: 1 },
      ],
      { deliverySteps: 3 },
    ),
  );
  const pick = await h.openTask(body.number, 'pick');
  expect((await h.decide(pick.id, 'done', 'warehouse')).status).toBe(200);
  await h.openTask(body.number, 'pack');
  const line = await db.salesOrderLine.findFirstOrThrow({ where: { order: { number: body.number }, lineNo: 1 } });
  expect(line).toMatchObject({ reservedQty: 2, backorderQty: 3 });
  expect((await db.shipment.findFirstOrThrow({ where: { order: { number: body.number } } })).status).toBe('picked');
  const cancelled = await cancel(body.number);
  // What was picked goes back to stock and the shipment no longer shows as picked.
  expect(cancelled.shipments.map((s: { status: string }) => s.status)).toEqual(['cancelled']);
  expect(await db.shipment.count({ where: { order: { number: body.number }, status: { not: 'cancelled' } } })).toBe(0);
  expect(await stockOf(db, p.id)).toEqual({ onHand: 2, reserved: 0 });
  expect(await stockOf(db, q.id)).toEqual({ onHand: 10, reserved: 0 });
  expect((await db.backorder.findUniqueOrThrow({ where: { orderLineId: line.id } })).status).toBe('cancelled');
  const after = await db.salesOrderLine.findMany({ where: { order: { number: body.number } }, orderBy: { lineNo: 'asc' } });
  expect(after.map((l) => [l.reservedQty, l.backorderQty, l.cancelledQty])).toEqual([
    [0, 0, 5],
    [0, 0, 1],
  ]);
  const history = await h.get(`/api/processes/order-${body.number}/history`, 'manager');
  const steps = history.body.entries.map((e: { step: string }) => e.step);
  // Reverse order: reservations were taken after the backorder compensation was registered.
  expect(steps.indexOf('release order reservations')).toBeLessThan(steps.indexOf('cancel order backorders'));
});

test('while waiting for stock with nothing shipped', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { stock: 0 });
  const { body } = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 3 }]));
  await h.waitForStatus(body.number, 'backordered');
  await cancel(body.number);
  expect(await db.backorder.count({ where: { orderLine: { order: { number: body.number } }, status: 'open' } })).toBe(0);
  // A later receipt no longer wakes the cancelled order.
  const receipt = await h.post(
    '/api/stock/receipts',
    { reference: `R-${body.number}`, warehouse: 'MAIN', lines: [{ sku: p.sku, quantity: 5 }] },
    'warehouse',
  );
  expect(receipt.body.notifiedOrders).toEqual([]);
  expect(await stockOf(db, p.id)).toEqual({ onHand: 5, reserved: 0 });
});

test('an up-front invoice is voided with reversing entries, so the ledger returns to where it was', async () => {
  const db = h.stores.operations;
  const c = await customer(db, { invoicePolicy: 'ordered' });
  const p = await product(db, { price: 40, stock: 10, taxPct: 20 });
  const ledger = await ledgerBalances(db);
  const { body } = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 5 }], { deliverySteps: 2 }));
  await h.openTask(body.number, 'pick');
  const invoice = await db.invoice.findFirstOrThrow({ where: { order: { number: body.number } } });
  expect(invoice).toMatchObject({ status: 'posted', totalCents: 24_000 });
  expect((await ledgerBalances(db))['1100']).toBe((ledger['1100'] ?? 0) + 24_000);
  await cancel(body.number);
  expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe('void');
  expect(await ledgerBalances(db)).toEqual(ledger);
  expect(await db.journalEntry.count({ where: { key: `void:${invoice.number}` } })).toBe(1);
  expect(await stockOf(db, p.id)).toEqual({ onHand: 10, reserved: 0 });
});

test('after shipment it is refused with the reason and nothing changes; a second cancel is refused too', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { stock: 10 });
  const { body } = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 2 }]));
  await h.waitForStatus(body.number, 'awaiting_delivery');
  const before = { stock: await stockOf(db, p.id), ledger: await ledgerBalances(db), audit: await db.auditLog.count() };
  const refused = await h.post(`/api/orders/${body.number}/cancel`, { reason: 'too late now' });
  expect(refused.status).toBe(409);
  expect(refused.body.error).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: expect.stringMatching(/can no longer be cancelled/) });
  expect({ stock: await stockOf(db, p.id), ledger: await ledgerBalances(db), audit: await db.auditLog.count() }).toEqual(before);
  expect(await h.orderStatus(body.number)).toBe('awaiting_delivery');

  const q = await product(db, { stock: 10 });
  const other = (await h.post('/api/orders', orderBody(c.code, [{ sku: q.sku, quantity: 1 }], { deliverySteps: 2 }))).body.number;
  await h.openTask(other, 'pick');
  await cancel(other);
  const again = await h.post(`/api/orders/${other}/cancel`, { reason: 'once more' });
  expect(again.status).toBe(409);
});

test('only operators and managers may cancel', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { stock: 10 });
  const { body } = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 1 }], { deliverySteps: 2 }));
  await h.openTask(body.number, 'pick');
  const res = await h.post(`/api/orders/${body.number}/cancel`, { reason: 'not my call' }, 'approver');
  expect(res.status).toBe(403);
  expect(await h.orderStatus(body.number)).toBe('picking');
});
