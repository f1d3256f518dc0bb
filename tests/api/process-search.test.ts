// Finding processes by their business facts through GET /api/processes, answered from Temporal's
// visibility store on the real dev server (eventually consistent: every read polls until it holds).
import { startHarness, type Harness } from '../support/harness';
import { customer, orderBody, product } from '../support/fixtures';
import { openTicket } from '../tickets/helpers';
import { boughtProduct, requisitionBody, supplier } from '../procurement/support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

type Summary = Record<string, any>;
const search = (query: string, as: Parameters<Harness['get']>[1] = 'manager') => h.get(`/api/processes?${query}`, as);

/** Polls the search until `holds` accepts its items. */
const found = (query: string, holds: (items: Summary[]) => boolean, what = query) =>
  h.eventually(async () => {
    const r = await search(query);
    expect(r.status).toBe(200);
    return holds(r.body.items) ? r.body : undefined;
  }, `search ${what}`);

async function orderOf(customerCode: string, sku: string, quantity = 1) {
  const r = await h.post('/api/orders', orderBody(customerCode, [{ sku, quantity }]));
  expect(r.status).toBe(201);
  return r.body.number as string;
}

test('an order on a credit hold is found by kind, status, customer and as waiting on the approver role', async () => {
  const db = h.stores.operations;
  const c = await customer(db, { creditLimit: 1 });
  const p = await product(db, { price: 50, stock: 10, taxPct: 0 });
  const number = await orderOf(c.code, p.sku);
  await h.openTask(number, 'credit-hold');

  const page = await found(`kind=order&status=credit_hold&customer=${c.code}`, (items) => items[0]?.waitingOn === 'role');
  expect(page.count).toBe(1);
  const [item] = page.items;
  expect(item).toMatchObject({
    workflowId: `order-${number}`,
    kind: 'order',
    document: number,
    status: 'credit_hold',
    customer: c.code,
    waitingOn: 'role',
    waitingFor: 'approver',
    dueAt: expect.any(String),
    overdue: false,
    amountCents: 5000,
    running: true,
    temporalUiUrl: expect.stringContaining(`/workflows/order-${number}`),
  });
  const waiting = await found('waitingOn=role&waitingFor=approver', (items) => items.some((i) => i.document === number));
  expect(waiting.items.every((i: Summary) => i.waitingOn === 'role' && i.waitingFor === 'approver')).toBe(true);

  // One process: its open task from the inbox, and no ETA yet (no order has completed).
  const detail = await h.get(`/api/processes/order-${number}`, 'manager');
  expect(detail.status).toBe(200);
  expect(detail.body).toMatchObject({ status: 'credit_hold', openTasks: [{ kind: 'credit-hold', role: 'approver', overdue: false }] });
  expect(detail.body.eta).toMatchObject({ expectedAt: null, basedOnRuns: 0, reason: expect.stringContaining('no completed order') });

  // Approved, it goes on: the wait ends and the status follows.
  const task = await h.openTask(number, 'credit-hold');
  expect((await h.decide(task.id, 'approve', 'approver')).status).toBe(200);
  const moved = await found(`document=${number}`, (items) => items[0]?.status === 'awaiting_delivery');
  expect(moved.items[0]).toMatchObject({ waitingOn: 'partner', waitingFor: 'SWIFT' });
});

test('an unpaid invoice past its due date makes the order overdue; pages follow nextPageToken', async () => {
  const db = h.stores.operations;
  const c = await customer(db, { paymentTermDays: 0 });
  const p = await product(db, { price: 10, stock: 50, taxPct: 0 });
  const numbers = [await orderOf(c.code, p.sku), await orderOf(c.code, p.sku), await orderOf(c.code, p.sku)];
  for (const n of numbers) await h.waitForStatus(n, 'awaiting_delivery');
  expect((await h.post(`/api/orders/${numbers[0]}/delivery-confirmation`, {})).status).toBe(200);
  await h.waitForStatus(numbers[0], 'awaiting_payment');

  const overdue = await found(`customer=${c.code}&overdue=true`, (items) => items.length === 1);
  expect(overdue.items[0]).toMatchObject({
    document: numbers[0],
    status: 'awaiting_payment',
    waitingOn: 'partner',
    waitingFor: c.code,
    overdue: true,
  });
  const notOverdue = await found(`customer=${c.code}&overdue=false`, (items) => items.length === 2);
  expect(notOverdue.items.map((i: Summary) => i.document).sort()).toEqual(numbers.slice(1).sort());

  const first = await search(`customer=${c.code}&pageSize=2`);
  expect(first.body).toMatchObject({ count: 3, nextPageToken: expect.any(String) });
  expect(first.body.items).toHaveLength(2);
  // A token belongs to its search.
  expect((await search(`customer=${c.code}&running=true&pageSize=2&pageToken=${first.body.nextPageToken}`)).status).toBe(400);
  const second = await search(`customer=${c.code}&pageSize=2&pageToken=${first.body.nextPageToken}`);
  expect(second.status).toBe(200);
  expect(second.body.items).toHaveLength(1);
  expect(second.body.nextPageToken).toBeUndefined();
  const all = [...first.body.items, ...second.body.items].map((i: Summary) => i.document).sort();
  expect(all).toEqual([...numbers].sort());
  // Newest first among the running ones.
  expect(first.body.items[0].startedAt >= first.body.items[1].startedAt).toBe(true);
});

test('processes of other kinds publish theirs: a ticket on its assignee, a requisition and its purchase order on the supplier', async () => {
  const c = await customer(h.stores.operations);
  const { number: ticket } = await openTicket(h, { customer: c.code });
  const s = await supplier(h);
  const p = await boughtProduct(h, s, 10);
  const req = await h.post('/api/requisitions', requisitionBody([{ sku: p.sku, quantity: 1 }]), 'requester');
  expect(req.status).toBe(201);

  const tickets = await found(`kind=ticket&customer=${c.code}`, (items) => items[0]?.waitingOn === 'person');
  expect(tickets.items[0]).toMatchObject({ kind: 'ticket', document: ticket, status: 'open', waitingFor: expect.any(String) });
  const pos = await found(`kind=purchase-order&supplier=${s.code}`, (items) => items[0]?.status === 'awaiting_goods');
  expect(pos.items[0]).toMatchObject({ supplier: s.code, waitingOn: 'partner', waitingFor: s.code, amountCents: expect.any(Number) });
  const reqs = await found(`kind=requisition&document=${req.body.number}`, (items) => items.length === 1);
  expect(reqs.items[0]).toMatchObject({ kind: 'requisition', amountCents: expect.any(Number) });
  // Kinds never mix.
  const orders = await search('kind=order&pageSize=200');
  expect(orders.body.items.every((i: Summary) => i.kind === 'order')).toBe(true);
});

test('bad filters are refused with the field named; values never leave the literal', async () => {
  for (const [query, field] of [
    ['kind=invoice', 'kind'],
    ['waitingOn=someone', 'waitingOn'],
    ['overdue=yes', 'overdue'],
    ['pageSize=500', 'pageSize'],
    ['startedAfter=yesterday', 'startedAfter'],
    ["customer=C-1' OR BusinessKind != 'x", 'customer'],
    ['status=a%22b', 'status'],
    ['pageToken=%25%25', 'pageToken'],
    ['colour=red', '(body)'],
  ]) {
    const r = await search(query);
    expect([query, r.status]).toEqual([query, 400]);
    if (field !== '(body)') expect(r.body.error.details).toContainEqual(expect.objectContaining({ field }));
  }
  for (const token of ['bm90LWEtdG9rZW4', Buffer.from(JSON.stringify({ f: 'x', t: 'bnVsbA' })).toString('base64url')]) {
    const foreign = await search(`pageToken=${token}`);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details).toContainEqual(expect.objectContaining({ field: 'pageToken' }));
  }
  expect((await h.get('/api/processes/order-SO-99999', 'manager')).status).toBe(404);
  expect((await h.get('/api/processes', 'customer')).status).toBe(403);
});

test('the ETA rests on the completed orders: how long they took from the status this one is in', async () => {
  const db = h.stores.operations;
  const c = await customer(db, { paymentTermDays: 30 });
  const p = await product(db, { price: 10, stock: 50, taxPct: 0 });
  const done: string[] = [];
  for (let i = 0; i < 3; i++) {
    const n = await orderOf(c.code, p.sku);
    await h.waitForStatus(n, 'awaiting_delivery');
    expect((await h.post(`/api/orders/${n}/delivery-confirmation`, {})).status).toBe(200);
    await h.waitForStatus(n, 'awaiting_payment');
    expect((await h.post(`/api/orders/${n}/payments`, { reference: `${n}-P`, amount: 10 })).status).toBe(201);
    done.push(n);
  }
  await found(`customer=${c.code}&running=false`, (items) => items.length === 3);
  const running = await orderOf(c.code, p.sku);
  await h.waitForStatus(running, 'awaiting_delivery');
  await found(`document=${running}`, (items) => items[0]?.status === 'awaiting_delivery');

  const before = Date.now();
  const r = await h.get(`/api/processes/order-${running}/eta`, 'manager');
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ fromStatus: 'awaiting_delivery', basedOnRuns: 3, method: expect.stringContaining('median') });
  const { expectedAt, range } = r.body;
  expect(Date.parse(range.earliest)).toBeLessThanOrEqual(Date.parse(expectedAt));
  expect(Date.parse(expectedAt)).toBeLessThanOrEqual(Date.parse(range.latest));
  expect(Date.parse(expectedAt)).toBeGreaterThanOrEqual(before - 1000);

  // The search answers the same ETA in the running process's row, and none for the closed ones.
  const rows = (await h.get(`/api/processes?customer=${c.code}`, 'manager')).body.items as any[];
  const row = rows.find((x) => x.document === running);
  expect(row).toMatchObject({ running: true, statusSince: expect.any(String), eta: { fromStatus: 'awaiting_delivery', basedOnRuns: 3 } });
  expect(Math.abs(Date.parse(row.eta.expectedAt) - Date.parse(expectedAt))).toBeLessThan(2000);
  expect(rows.filter((x) => !x.running).map((x) => x.eta)).toEqual([null, null, null]);

  // A closed process has none.
  const closed = await h.get(`/api/processes/order-${done[0]}/eta`, 'manager');
  expect(closed.body).toEqual({ expectedAt: null, basedOnRuns: 0, reason: 'closed' });
});
