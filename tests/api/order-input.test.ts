// Bad input gets a clear 4xx naming the field, and a refused request writes nothing.
// Idempotency-Key: the same key returns the same order; a different body under it is refused.
import { startHarness, type Harness } from '../support/harness';
import { customer, orderBody, product } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

async function footprint() {
  const db = h.stores.operations;
  return {
    orders: await db.salesOrder.count(),
    lines: await db.salesOrderLine.count(),
    audit: await db.auditLog.count(),
    keys: await db.idempotencyRecord.count(),
  };
}

test('each malformed order is a 400 listing the bad fields, and nothing is written', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db);
  const before = await footprint();
  const cases: [unknown, string[]][] = [
    [{}, ['customer', 'requestedDate', 'lines']],
    [orderBody(c.code, []), ['lines']],
    [orderBody(c.code, [{ sku: p.sku, quantity: 0 }]), ['lines.0.quantity']],
    [orderBody(c.code, [{ sku: p.sku, quantity: 1.5 }]), ['lines.0.quantity']],
    [orderBody(c.code, [{ sku: p.sku, quantity: 1 }], { requestedDate: '15/12/2026' }), ['requestedDate']],
    [orderBody(c.code, [{ sku: p.sku, quantity: 1 }], { deliverySteps: 4 }), ['deliverySteps']],
    [orderBody(c.code, [{ sku: p.sku, quantity: 1 }], { discount: 50 }), ['(body)']],
    [
      orderBody('C-NOPE', [
        { sku: 'P-NOPE', quantity: 1 },
        { sku: p.sku, quantity: 1 },
      ]),
      ['customer', 'lines.0.sku'],
    ],
    [orderBody(c.code, [{ sku: p.sku, quantity: 1 }], { warehouse: 'MOON' }), ['warehouse']],
  ];
  for (const [body, fields] of cases) {
    const res = await h.post('/api/orders', body);
    expect({ body, status: res.status, code: res.body.error.code }).toEqual({ body, status: 400, code: 'INVALID_INPUT' });
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(fields));
  }
  const raw = await h.api('POST', '/api/orders', { rawBody: '{"customer": ' });
  expect(raw.status).toBe(400);
  expect(raw.body.error.message).toMatch(/not valid JSON/);
  expect(await footprint()).toEqual(before);
});

test('authentication and roles: 401 without or with an unknown key, 403 without the role, nothing written', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db);
  const before = await footprint();
  const body = orderBody(c.code, [{ sku: p.sku, quantity: 1 }]);
  expect((await h.post('/api/orders', body, null)).status).toBe(401);
  const unknown = await h.api('POST', '/api/orders', { as: null, body, headers: { 'x-api-key': 'stolen' } });
  expect(unknown.status).toBe(401);
  const forbidden = await h.post('/api/orders', body, 'approver');
  expect(forbidden.status).toBe(403);
  expect(forbidden.body.error.message).toMatch(/needs one of the roles: operator/);
  expect((await h.post('/api/stock/receipts', { reference: 'GRN-X', lines: [{ sku: p.sku, quantity: 1 }] }, 'approver')).status).toBe(403);
  expect(await footprint()).toEqual(before);
});

test('unknown things are 404, malformed identifiers 400', async () => {
  expect((await h.get('/api/orders/SO-99999')).status).toBe(404);
  expect((await h.get('/api/orders/banana')).status).toBe(400);
  expect((await h.post('/api/orders/SO-99999/cancel', { reason: 'whatever' })).status).toBe(404);
  expect((await h.post('/api/orders/SO-99999/payments', { reference: 'REF-1', amount: 1 })).status).toBe(404);
  expect((await h.decide('order-SO-99999:credit-hold', 'approve')).status).toBe(404);
  expect((await h.decide('no-such-task', 'approve')).status).toBe(400);
  expect((await h.get('/api/processes/order-SO-99999/history', 'manager')).status).toBe(404);
  expect((await h.get('/api/nothing-here')).status).toBe(404);
  expect((await h.get('/api/tasks?status=done')).status).toBe(400);
  expect((await h.get('/api/tasks?role=manager', 'warehouse')).status).toBe(403);
});

test('payments and receipts validate amounts and quantities', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { stock: 5 });
  const { body } = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 1 }]));
  await h.waitForStatus(body.number, 'awaiting_delivery');
  const threeDecimals = await h.post(`/api/orders/${body.number}/payments`, { reference: 'REF-3D', amount: 10.005 });
  expect(threeDecimals.status).toBe(400);
  expect(threeDecimals.body.error.details[0].field).toBe('amount');
  expect((await h.post(`/api/orders/${body.number}/payments`, { reference: 'REF-NEG', amount: -5 })).status).toBe(400);
  // A sliver above zero is not a payment of 0.00 (found by the contract run).
  const sliver = await h.post(`/api/orders/${body.number}/payments`, { reference: 'REF-TINY', amount: 5e-324 });
  expect([sliver.status, sliver.body.error.details[0].field]).toEqual([400, 'amount']);
  // No invoice yet: the process refuses the payment with the reason.
  const early = await h.post(`/api/orders/${body.number}/payments`, { reference: 'REF-EARLY', amount: 5 });
  expect(early.status).toBe(409);
  expect(early.body.error.message).toMatch(/no open invoice/);
  expect(await db.payment.count()).toBe(0);
  const receipt = await h.post(
    '/api/stock/receipts',
    {
      reference: 'GRN-BAD',
      lines: [
        { sku: p.sku, quantity: -1 },
        { sku: 'P-NOPE', quantity: 1 },
      ],
    },
    'warehouse',
  );
  expect(receipt.status).toBe(400);
  const unknownSku = await h.post('/api/stock/receipts', { reference: 'GRN-BAD', lines: [{ sku: 'P-NOPE', quantity: 1 }] }, 'warehouse');
  expect(unknownSku.body.error.details).toEqual([{ field: 'lines.0.sku', message: 'no product with SKU P-NOPE' }]);
  expect(await db.stockReceipt.count({ where: { reference: 'GRN-BAD' } })).toBe(0);
});

test('Idempotency-Key: a retried create returns the same order and starts no second process', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { stock: 10 });
  const body = orderBody(c.code, [{ sku: p.sku, quantity: 2 }]);
  const key = { 'Idempotency-Key': `order-${c.code}` };
  const first = await h.post('/api/orders', body, 'operator', key);
  expect(first.status).toBe(201);
  const again = await h.post('/api/orders', body, 'operator', key);
  expect(again.status).toBe(200);
  expect(again.body.number).toBe(first.body.number);
  // Sent twice at the same moment: still one order.
  const [a, b] = await Promise.all([h.post('/api/orders', body, 'operator', key), h.post('/api/orders', body, 'operator', key)]);
  expect([a.body.number, b.body.number]).toEqual([first.body.number, first.body.number]);
  expect(await db.salesOrder.count({ where: { customerId: c.id } })).toBe(1);
  const conflicting = await h.post('/api/orders', { ...body, lines: [{ sku: p.sku, quantity: 3 }] }, 'operator', key);
  expect(conflicting.status).toBe(422);
  expect(conflicting.body.error.code).toBe('IDEMPOTENCY_MISMATCH');
  const runs = [];
  for await (const w of h.env.client.workflow.list({ query: `WorkflowId = 'order-${first.body.number}'` })) runs.push(w);
  expect(runs).toHaveLength(1);
  await h.waitForStatus(first.body.number, 'awaiting_delivery');
  expect(await db.stockLevel.findFirstOrThrow({ where: { productId: p.id } })).toMatchObject({ onHand: 8, reserved: 0 });
});
