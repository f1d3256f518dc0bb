// The whole order-to-delivery process through the API on the real Temporal dev server:
// accepted → reserved → picked → packed → shipped → delivered → invoiced → paid.
import { startHarness, type Harness } from '../support/harness';
import { customer, orderBody, product, receivableOf, stockOf } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

test('an order goes from acceptance to paid, with pick and pack as inbox tasks and the ledger posted', async () => {
  const db = h.stores.operations;
  const c = await customer(db, { paymentTermDays: 30 });
  const p1 = await product(db, { price: 100, stock: 10, taxPct: 20 });
  const p2 = await product(db, { price: 12.5, stock: 50, taxPct: 10 });

  const created = await h.post(
    '/api/orders',
    orderBody(
      c.code,
      [
        { sku: p1.sku, quantity: 3 },
        { sku: p2.sku, quantity: 4 },
      ],
      { deliverySteps: 3 },
    ),
  );
  expect(created.status).toBe(201);
  const number: string = created.body.number;
  expect(number).toMatch(/^SO-\d{5}$/);
  expect(created.body.total).toBe(3 * 100 * 1.2 + 4 * 12.5 * 1.1); // 360 + 55 = 415
  // The creating call does not wait for the process's first step; a read shows the live state.
  expect(created.body.process).toEqual({ started: true, note: expect.stringMatching(/read the document again/) });
  await h.eventually(async () => (await h.get(`/api/orders/${number}`)).body.process?.status, 'the live state');

  // Stock is reserved and a pick task waits for the warehouse.
  const pick = await h.openTask(number, 'pick');
  expect(await stockOf(db, p1.id)).toEqual({ onHand: 10, reserved: 3 });
  expect(pick.role).toBe('warehouse');
  const inbox = await h.get('/api/tasks?role=warehouse', 'warehouse');
  expect(inbox.body.items.map((t: { id: string }) => t.id)).toContain(pick.id);

  const picked = await h.post(`/api/tasks/${encodeURIComponent(pick.id)}/decision`, { decision: 'done' }, 'warehouse');
  expect(picked.status).toBe(200);
  expect(picked.body).toMatchObject({ status: 'completed', decision: 'done', decidedBy: 'Walt Warehouse' });
  const pack = await h.openTask(number, 'pack');
  expect((await h.post(`/api/tasks/${encodeURIComponent(pack.id)}/decision`, { decision: 'done' }, 'warehouse')).status).toBe(200);

  await h.waitForStatus(number, 'awaiting_delivery');
  expect(await stockOf(db, p1.id)).toEqual({ onHand: 7, reserved: 0 });
  expect(await stockOf(db, p2.id)).toEqual({ onHand: 46, reserved: 0 });
  const shipment = await db.shipment.findFirstOrThrow({ where: { order: { number } } });
  expect(shipment).toMatchObject({ status: 'shipped', trackingNumber: expect.stringMatching(/^SWIFT-/) });
  expect(shipment.pickedAt).not.toBeNull();
  expect(shipment.packedAt).not.toBeNull();
  expect(h.simulator.bookings.get(shipment.number)?.trackingNumber).toBe(shipment.trackingNumber);

  // Cancelling now is refused with the reason, and nothing changes.
  const refused = await h.post(`/api/orders/${number}/cancel`, { reason: 'customer changed mind' });
  expect(refused.status).toBe(409);
  expect(refused.body.error.message).toMatch(/handed to the carrier/);

  const delivered = await h.post(`/api/orders/${number}/delivery-confirmation`, {});
  expect(delivered.status).toBe(200);
  expect(delivered.body.status).toBe('delivered');

  await h.waitForStatus(number, 'awaiting_payment');
  const invoice = await db.invoice.findFirstOrThrow({ where: { order: { number } } });
  expect(invoice).toMatchObject({ netCents: 35_000, taxCents: 6_500, totalCents: 41_500, status: 'posted' });
  expect(invoice.dueAt.getTime() - invoice.issuedAt.getTime()).toBe(30 * 86_400_000);
  expect(await receivableOf(db, c.code)).toBe(41_500);

  // A partial payment, a replay of it, then the rest.
  expect((await h.post(`/api/orders/${number}/payments`, { reference: `${number}-A`, amount: 215 })).status).toBe(201);
  const replay = await h.post(`/api/orders/${number}/payments`, { reference: `${number}-A`, amount: 215 });
  expect(replay.status).toBe(200);
  expect(replay.body.duplicate).toBe(true);
  const tooMuch = await h.post(`/api/orders/${number}/payments`, { reference: `${number}-B`, amount: 500 });
  expect(tooMuch.status).toBe(409);
  expect(tooMuch.body.error.message).toMatch(/exceeds the outstanding 200.00/);
  expect((await h.post(`/api/orders/${number}/payments`, { reference: `${number}-C`, amount: 200 })).status).toBe(201);

  await h.waitForStatus(number, 'paid');
  const result = await h.env.client.workflow.getHandle(`order-${number}`).result();
  expect(result.status).toBe('paid');
  expect(await receivableOf(db, c.code)).toBe(0);
  expect(await db.payment.count({ where: { invoice: { order: { number } } } })).toBe(2);

  const view = await h.get(`/api/orders/${number}`);
  expect(view.body).toMatchObject({
    status: 'paid',
    invoices: [{ status: 'paid', outstanding: 0 }],
    lines: [
      { shipped: 3, delivered: 3 },
      { shipped: 4, delivered: 4 },
    ],
  });
  expect(view.body.process.status).toBe('paid');

  const history = await h.get(`/api/processes/order-${number}/history`, 'manager');
  expect(history.status).toBe(200);
  const steps = history.body.entries.map((e: { step: string }) => e.step);
  for (const s of ['reserve order stock', 'book carrier', 'ship shipment', 'issue order invoice', 'record customer payment'])
    expect(steps).toContain(s);
  const decisions = history.body.entries.filter((e: { kind: string }) => e.kind === 'decision');
  expect(decisions.map((d: { by: string }) => d.by)).toEqual(expect.arrayContaining(['Walt Warehouse', 'Olga Operator']));
  expect(history.body.status).toBe('COMPLETED');
});

test('orders list filters by status and customer and paginates', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { stock: 100 });
  for (let i = 0; i < 3; i++) expect((await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 1 }]))).status).toBe(201);
  const page1 = await h.get(`/api/orders?customer=${c.code}&pageSize=2`);
  expect(page1.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
  expect(page1.body.items).toHaveLength(2);
  const page2 = await h.get(`/api/orders?customer=${c.code}&pageSize=2&page=2`);
  expect(page2.body.items).toHaveLength(1);
  for (const o of [...page1.body.items, ...page2.body.items]) await h.waitForStatus(o.number, 'awaiting_delivery');
  const shipped = await h.get(`/api/orders?customer=${c.code}&status=awaiting_delivery`);
  expect(shipped.body.total).toBe(3);
  expect((await h.get(`/api/orders?customer=${c.code}&status=paid`)).body.total).toBe(0);
});

test('recorded histories replay deterministically against the current workflow code', async () => {
  const { Worker } = await import('@temporalio/worker');
  const closed = [];
  for await (const w of h.env.client.workflow.list({ query: "WorkflowType = 'orderToDelivery' AND ExecutionStatus = 'Completed'" }))
    closed.push(w.workflowId);
  expect(closed.length).toBeGreaterThan(0);
  for (const id of closed) {
    const history = await h.env.client.workflow.getHandle(id).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } }, history, id);
  }
});
