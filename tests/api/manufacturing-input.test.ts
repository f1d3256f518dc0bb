// The manufacturing-order API at its edge: bad requests named field by field with nothing written,
// roles, unknown numbers, cancellation rules and the Idempotency-Key.
import { startHarness, type Harness } from '../support/harness';
import { product } from '../support/fixtures';
import { component, manufactured, waitMo, workCenter } from '../manufacturing/support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const count = () => h.stores.production.manufacturingOrder.count();

test('malformed or impossible requests answer 400 naming the field, and nothing is written', async () => {
  const bought = await product(h.stores.operations);
  const before = await count();
  const cases: [unknown, string][] = [
    [{ sku: 'NOPE', quantity: 1 }, 'sku'],
    [{ sku: bought.sku, quantity: 1 }, 'sku'], // no bill of materials
    [{ sku: bought.sku, quantity: 0 }, 'quantity'],
    [{ sku: bought.sku, quantity: 1.5 }, 'quantity'],
    [{ sku: bought.sku, quantity: 1, dueDate: '2020-01-01' }, 'dueDate'],
    [{ sku: bought.sku, quantity: 1, colour: 'red' }, ''],
    [{ quantity: 1 }, 'sku'],
  ];
  for (const [body, field] of cases) {
    const res = await h.post('/api/manufacturing-orders', body, 'planner');
    expect({ body, status: res.status }).toEqual({ body, status: 400 });
    if (field) expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  }
  expect(await count()).toBe(before);
});

test('roles, unknown numbers, and what may be cancelled', async () => {
  const wc = await workCenter(h);
  const part = await component(h, { shop: 10 });
  const p = await manufactured(h, { parts: [{ sku: part.sku, quantity: 1 }], steps: [{ workCenter: wc, minutesPerUnit: 1 }] });
  expect((await h.post('/api/manufacturing-orders', { sku: p.sku, quantity: 1 }, 'requester')).status).toBe(403);
  expect((await h.post('/api/manufacturing-orders', { sku: p.sku, quantity: 1 }, null)).status).toBe(401);
  expect((await h.get('/api/manufacturing-orders/MO-99999')).status).toBe(404);
  expect((await h.get('/api/manufacturing-orders/SO-00001')).status).toBe(400);

  const created = await h.post('/api/manufacturing-orders', { sku: p.sku, quantity: 2 }, 'manager');
  expect(created.status).toBe(201);
  await waitMo(h, created.body.number, 'done');
  const done = await h.post(`/api/manufacturing-orders/${created.body.number}/cancel`, { reason: 'too late now' }, 'planner');
  expect(done.status).toBe(409);
  expect(done.body.error.message).toMatch(/is done/);

  const list = await h.get(`/api/manufacturing-orders?sku=${p.sku}&status=done`);
  expect(list.body).toMatchObject({ total: 1, items: [{ number: created.body.number, status: 'done', quantity: 2 }] });
  expect((await h.get('/api/manufacturing-orders?status=bogus')).status).toBe(400);
});

test('the same Idempotency-Key makes one order; with another body it is refused', async () => {
  const wc = await workCenter(h);
  const part = await component(h, { shop: 10 });
  const p = await manufactured(h, { parts: [{ sku: part.sku, quantity: 1 }], steps: [{ workCenter: wc, minutesPerUnit: 1 }] });
  const headers = { 'idempotency-key': `mo-${p.sku}` };
  const [a, b] = await Promise.all([
    h.api('POST', '/api/manufacturing-orders', { body: { sku: p.sku, quantity: 1 }, as: 'planner', headers }),
    h.api('POST', '/api/manufacturing-orders', { body: { sku: p.sku, quantity: 1 }, as: 'planner', headers }),
  ]);
  expect([a.status, b.status].sort()).toEqual([200, 201]);
  expect(a.body.number).toBe(b.body.number);
  const again = await h.api('POST', '/api/manufacturing-orders', { body: { sku: p.sku, quantity: 1 }, as: 'planner', headers });
  expect(again.status).toBe(200);
  const other = await h.api('POST', '/api/manufacturing-orders', { body: { sku: p.sku, quantity: 5 }, as: 'planner', headers });
  expect(other.status).toBe(422);
  expect(await h.stores.production.manufacturingOrder.count({ where: { productSku: p.sku } })).toBe(1);
});

test('an order whose plan ends after its due date says so', async () => {
  const wc = await workCenter(h, { controller: false }); // never runs: the plan is what is checked
  const part = await component(h, { shop: 2000 });
  const p = await manufactured(h, { parts: [{ sku: part.sku, quantity: 1 }], steps: [{ workCenter: wc, minutesPerUnit: 10 }] });
  const today = new Date().toISOString().slice(0, 10);
  const created = await h.post('/api/manufacturing-orders', { sku: p.sku, quantity: 1000, dueDate: today }, 'planner');
  expect(created.status).toBe(201);
  // 10,000 minutes of work on one around-the-clock slot: about a week.
  const view = await h.eventually(async () => {
    const v = (await h.get(`/api/manufacturing-orders/${created.body.number}`)).body;
    return v.planned.finish ? v : undefined;
  }, 'the plan');
  expect(view).toMatchObject({ dueDate: today, late: true });
  expect(new Date(view.planned.finish).getTime() - new Date(view.planned.start).getTime()).toBe(10_000 * 60_000);
});
