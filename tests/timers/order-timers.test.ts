// Durations measured in days (credit deadlines, backorder wait, delivery confirmation, net 30)
// run on the time-skipping test server: the process really waits, the clock jumps.
import { startHarness, type Harness } from '../support/harness';
import { customer, ledgerBalances, orderBody, product, receivableOf, stockOf } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';

const DAY = 86_400_000;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timeSkipping: true });
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

async function shippedOrder(opts: { paymentTermDays?: number } = {}) {
  const db = h.stores.operations;
  const c = await customer(db, { paymentTermDays: opts.paymentTermDays ?? 30 });
  const p = await product(db, { price: 50, stock: 10, taxPct: 20 });
  const res = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 2 }]));
  expect(res.status).toBe(201);
  await h.waitForStatus(res.body.number, 'awaiting_delivery');
  return { number: res.body.number as string, c, p };
}

test('net 30: unpaid past the due date sends reminders on day 1, 7 and 14, then a collections task; payment closes it', async () => {
  const { number, c } = await shippedOrder({ paymentTermDays: 30 });
  expect((await h.post(`/api/orders/${number}/delivery-confirmation`, {})).status).toBe(200);
  await h.waitForStatus(number, 'awaiting_payment');
  const invoice = await h.stores.operations.invoice.findFirstOrThrow({ where: { order: { number } } });
  expect(invoice.dueAt.getTime() - invoice.issuedAt.getTime()).toBe(30 * DAY);

  await h.env.sleep(29 * DAY);
  expect(await h.orderStatus(number)).toBe('awaiting_payment');
  expect(await h.stores.operations.paymentReminder.count({ where: { invoiceId: invoice.id } })).toBe(0);

  await h.env.sleep(2 * DAY + 60_000); // day 31: one day overdue
  await h.waitForStatus(number, 'overdue');
  await h.eventually(
    async () => (await h.stores.operations.paymentReminder.count({ where: { invoiceId: invoice.id } })) === 1,
    'first reminder',
  );

  await h.env.sleep(14 * DAY);
  await h.eventually(
    async () => (await h.stores.operations.paymentReminder.count({ where: { invoiceId: invoice.id } })) === 3,
    'three reminders',
  );
  const collections = await h.openTask(number, 'collections');
  expect(collections.role).toBe('manager');
  const state = await h.get(`/api/orders/${number}`);
  expect(state.body.process.remindersSent).toBe(3);

  expect((await h.post(`/api/orders/${number}/payments`, { reference: `${number}-late`, amount: 120 })).status).toBe(201);
  await h.waitForStatus(number, 'paid');
  expect(await receivableOf(h.stores.operations, c.code)).toBe(0);
  await h.eventually(
    async () => (await h.stores.operations.task.findUniqueOrThrow({ where: { id: collections.id } })).status === 'cancelled',
    'collections task withdrawn',
  );
});

test('collections can write the debt off: receivable moves to bad-debt expense', async () => {
  const { number, c } = await shippedOrder({ paymentTermDays: 14 });
  expect((await h.post(`/api/orders/${number}/delivery-confirmation`, {})).status).toBe(200);
  await h.waitForStatus(number, 'awaiting_payment');
  await h.env.sleep(30 * DAY);
  const task = await h.openTask(number, 'collections');
  expect((await h.post(`/api/tasks/${encodeURIComponent(task.id)}/decision`, { decision: 'write-off' }, 'approver')).status).toBe(403);
  expect(
    (
      await h.post(
        `/api/tasks/${encodeURIComponent(task.id)}/decision`,
        { decision: 'write-off', comment: 'customer insolvent' },
        'manager',
      )
    ).status,
  ).toBe(200);
  await h.waitForStatus(number, 'written_off');
  expect(await receivableOf(h.stores.operations, c.code)).toBe(0);
  const badDebt = await h.stores.operations.journalLine.findMany({
    where: { accountCode: '6900', entry: { sourceRef: { startsWith: 'INV' } } },
  });
  expect(badDebt.some((l) => l.debitCents === 12_000)).toBe(true);
});

test('credit hold: no decision by the deadline escalates to managers, then cancels the order', async () => {
  const db = h.stores.operations;
  const c = await customer(db, { creditLimit: 100 });
  const p = await product(db, { price: 80, stock: 10, taxPct: 25 });
  const res = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 2 }]));
  const number = res.body.number;
  const task = await h.openTask(number, 'credit-hold');
  expect(task).toMatchObject({ role: 'approver', escalationLevel: 0 });
  expect(task.description).toMatch(/exceed the credit limit 100.00 by 100.00/);

  await h.env.sleep(24 * 3_600_000 + 60_000);
  await h.eventually(async () => (await db.task.findUniqueOrThrow({ where: { id: task.id } })).escalationLevel === 1, 'escalation');
  const escalated = await db.task.findUniqueOrThrow({ where: { id: task.id } });
  expect(escalated.role).toBe('manager');
  // The plain approver can no longer decide an escalated task.
  expect((await h.post(`/api/tasks/${encodeURIComponent(task.id)}/decision`, { decision: 'approve' }, 'approver')).status).toBe(403);

  await h.env.sleep(48 * 3_600_000 + 60_000);
  await h.waitForStatus(number, 'cancelled');
  const order = await db.salesOrder.findUniqueOrThrow({ where: { number } });
  expect(order.cancelReason).toMatch(/not decided in time/);
  expect((await db.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('cancelled');
  expect(await stockOf(db, p.id)).toEqual({ onHand: 10, reserved: 0 });
});

test('backorder: the remainder is cancelled when no stock arrives within the wait', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { price: 10, stock: 3 });
  const res = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 5 }]));
  const number = res.body.number;
  await h.waitForStatus(number, 'backordered');
  expect(await stockOf(db, p.id)).toEqual({ onHand: 0, reserved: 0 });
  await h.env.sleep(14 * DAY + 60_000);
  await h.waitForStatus(number, 'awaiting_delivery');
  const line = await db.salesOrderLine.findFirstOrThrow({ where: { order: { number } } });
  expect(line).toMatchObject({ shippedQty: 3, backorderQty: 0, cancelledQty: 2 });
  expect((await db.backorder.findUniqueOrThrow({ where: { orderLineId: line.id } })).status).toBe('cancelled');
  expect((await h.post(`/api/orders/${number}/delivery-confirmation`, {})).status).toBe(200);
  await h.waitForStatus(number, 'awaiting_payment');
  expect((await db.invoice.findFirstOrThrow({ where: { order: { number } } })).netCents).toBe(3_000); // only what was delivered
});

test('no delivery confirmation within 7 days raises a task; reporting the shipment lost leaves nothing to invoice', async () => {
  const { number } = await shippedOrder();
  await h.env.sleep(7 * DAY + 60_000);
  const task = await h.openTask(number, 'delivery-overdue');
  expect(task.role).toBe('operator');
  expect((await h.post(`/api/tasks/${encodeURIComponent(task.id)}/decision`, { decision: 'misplaced' })).status).toBe(400);
  expect((await h.post(`/api/tasks/${encodeURIComponent(task.id)}/decision`, { decision: 'lost' })).status).toBe(200);
  await h.waitForStatus(number, 'closed');
  expect(await h.stores.operations.invoice.count({ where: { order: { number } } })).toBe(0);
  const before = await ledgerBalances(h.stores.operations);
  expect(before['1100'] ?? 0).toBeGreaterThanOrEqual(0);
});
