// What an operator's monitoring sees of the API: Prometheus figures at /metrics and one JSON line per request.
import { Writable } from 'node:stream';
import { createLogger } from '../../observability/logger';
import { customer, orderBody, product } from '../support/fixtures';
import { startHarness, type Harness } from '../support/harness';

// The API's log destination, captured: each write is one JSON line.
const lines: Record<string, any>[] = [];
const destination = new Writable({
  write(chunk, _enc, done) {
    for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
    done();
  },
});

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ logger: createLogger({ level: 'info', destination }) });
});
afterAll(async () => h?.close());

/** The value of one sample in the Prometheus text, or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.slice(0, l.lastIndexOf('}')).includes(w)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

test('GET /metrics: the request histogram is labelled by route pattern, not by the raw path', async () => {
  const c = await customer(h.stores.operations);
  const p = await product(h.stores.operations);
  const created = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 1 }]));
  expect(created.status).toBe(201);
  expect((await h.get(`/api/orders/${created.body.number}`)).status).toBe(200);

  const { status, text, headers } = await h.getText('/metrics');
  expect(status).toBe(200);
  expect(headers.get('content-type')).toMatch(/^text\/plain/);
  expect(sample(text, 'http_request_duration_seconds_count', { method: 'GET', route: '/api/orders/{number}', status: '200' })).toBe(1);
  expect(sample(text, 'http_request_duration_seconds_count', { method: 'POST', route: '/api/orders', status: '201' })).toBeGreaterThan(0);
  expect(text).not.toContain(created.body.number);
  // The default Node process figures are there too.
  expect(text).toMatch(/^process_cpu_user_seconds_total /m);
  expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
});

test('processes started are counted by kind when the API starts one, not when a request is replayed', async () => {
  const before = sample((await h.getText('/metrics')).text, 'processes_started_total', { kind: 'order' }) ?? 0;
  const c = await customer(h.stores.operations);
  const p = await product(h.stores.operations);
  const body = orderBody(c.code, [{ sku: p.sku, quantity: 1 }]);
  const key = { 'Idempotency-Key': `metrics-${c.code}` };
  expect((await h.post('/api/orders', body, 'operator', key)).status).toBe(201);
  expect((await h.post('/api/orders', body, 'operator', key)).status).toBe(200);
  expect(sample((await h.getText('/metrics')).text, 'processes_started_total', { kind: 'order' })).toBe(before + 1);
});

test('the inbox gauge counts open tasks by role, and completed processes by final status', async () => {
  const c = await customer(h.stores.operations, { creditLimit: 10 });
  const p = await product(h.stores.operations, { price: 90 });
  const { body } = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 1 }]));
  const task = await h.openTask(body.number, 'credit-hold');
  const open = await h.stores.operations.task.count({ where: { status: 'open', role: task.role } });
  const text = (await h.getText('/metrics')).text;
  expect(sample(text, 'task_inbox_open', { role: task.role })).toBe(open);
  expect(sample(text, 'task_inbox_open', { role: 'technician' })).toBe(0);

  expect((await h.decide(task.id, 'reject', 'approver')).status).toBe(200);
  await h.waitForStatus(body.number, 'cancelled');
  const cancelled = await h.stores.operations.salesOrder.count({ where: { status: 'cancelled' } });
  expect(sample((await h.getText('/metrics')).text, 'processes_completed', { kind: 'order', status: 'cancelled' })).toBe(cancelled);
});

test('each request is one JSON log line with route, status, duration, request id and the user, never the key', async () => {
  lines.length = 0;
  const answer = await h.api('GET', '/api/orders?pageSize=5', { as: 'manager', headers: { 'X-Request-Id': 'trace-42' } });
  expect(answer.status).toBe(200);
  const unauthenticated = await h.api('GET', '/api/orders', { as: null });
  expect(unauthenticated.status).toBe(401);
  await h.eventually(async () => lines.length >= 2, 'two request lines');

  const [ok, refused] = lines;
  expect(ok).toMatchObject({
    level: 30,
    msg: 'GET /api/orders 200',
    route: '/api/orders',
    user: 'Mona Manager',
    requestId: 'trace-42',
    req: { method: 'GET', url: '/api/orders?pageSize=5' },
    res: { status: 200 },
    durationMs: expect.any(Number),
  });
  expect(refused).toMatchObject({ level: 40, route: '/api/orders', res: { status: 401 }, requestId: expect.any(String) });
  expect(refused.user).toBeUndefined();
  expect(JSON.stringify(lines)).not.toMatch(/k-manager|x-api-key/i);
});
