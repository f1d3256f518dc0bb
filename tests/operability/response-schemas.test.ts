// The OpenAPI document's response schemas say what the main read endpoints really answer: each real
// answer matches its endpoint's schema exactly (no field missing, none left undescribed).
import type { z } from 'zod';
import { openApiDocument } from '../../api/openapi';
import { ENDPOINTS } from '../../api/registry';
import { customer, orderBody, product } from '../support/fixtures';
import { startHarness, type Harness } from '../support/harness';
import { deliveredOrder, returnBody } from '../returns/support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const responseOf = (id: string) => ENDPOINTS.find((e) => e.id === id)!.response as z.ZodType;

/** Parsing keeps only described fields, so an answer equal to its parse has none undescribed. */
function expectDescribed(id: string, body: unknown) {
  const parsed = responseOf(id).safeParse(body);
  expect(parsed.error?.issues ?? []).toEqual([]);
  expect(parsed.data).toEqual(body);
}

test('the document emits the response schemas of the main read endpoints, pages with their items', () => {
  const doc = openApiDocument() as any;
  const ok = (method: string, path: string) => doc.paths[path][method].responses['200'].content['application/json'].schema;
  expect(ok('get', '/api/orders/{number}')).toMatchObject({ type: 'object', required: expect.arrayContaining(['number', 'lines']) });
  expect(ok('get', '/api/orders').properties.items.items.required).toEqual(['number', 'status', 'customer', 'total', 'createdAt']);
  expect(ok('get', '/api/tasks').properties.items.items.properties.decisions).toEqual({ type: 'array', items: { type: 'string' } });
  expect(ok('get', '/api/processes/{workflowId}/history').properties.entries.type).toBe('array');
  expect(ok('get', '/api/returns/{number}').properties.process.anyOf).toHaveLength(2);
  // Endpoints without one keep the generic shape.
  expect(ok('get', '/api/tickets')).toEqual({ $ref: '#/components/schemas/Page' });
});

test('an order, its list, its history, the inbox and a return answer as their schemas say', async () => {
  // A delivered, invoiced order with a return on it, and another order waiting on a credit hold.
  const o = await deliveredOrder(h, [{ quantity: 2 }], { deliverySteps: 2 });
  const ret = await h.post('/api/returns', returnBody(o.number, [{ lineNo: 1, quantity: 1, outcome: 'refund' }]));
  expect(ret.status).toBe(201);
  const held = await h.post(
    '/api/orders',
    orderBody((await customer(h.stores.operations, { creditLimit: 1 })).code, [
      { sku: (await product(h.stores.operations)).sku, quantity: 1 },
    ]),
  );
  const task = await h.openTask(held.body.number, 'credit-hold');

  const order = await h.get(`/api/orders/${o.number}`);
  expect(order.body.shipments.length).toBeGreaterThan(0);
  expect(order.body.invoices.length).toBeGreaterThan(0);
  expectDescribed('orders.get', order.body);
  const heldView = await h.get(`/api/orders/${held.body.number}`);
  expect(heldView.body.openTasks).toHaveLength(1);
  expectDescribed('orders.get', heldView.body);
  for (const item of (await h.get('/api/orders?pageSize=5')).body.items) expectDescribed('orders.list', item);

  const inbox = await h.get('/api/tasks?status=completed', 'admin');
  expect(inbox.body.items.length).toBeGreaterThan(0); // the pick task, done
  for (const item of [...inbox.body.items, ...(await h.get('/api/tasks', 'admin')).body.items]) expectDescribed('tasks.list', item);
  expectDescribed('tasks.get', (await h.get(`/api/tasks/${task.id}`, 'approver')).body);

  const history = await h.get(`/api/processes/order-${o.number}/history`);
  expect(history.body.entries.some((e: { kind: string }) => e.kind === 'return')).toBe(true);
  expectDescribed('processes.history', history.body);

  const returned = await h.get(`/api/returns/${ret.body.number}`);
  expect(returned.status).toBe(200);
  expectDescribed('returns.get', returned.body);
});
