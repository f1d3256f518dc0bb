// The ticket API's edges: validation (400 with each bad field, nothing written), roles (403),
// refusals of the process in the wrong state (409), the record view and the list filters.
import { startHarness, type Harness } from '../support/harness';
import { customer, product, inFourWeeks } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';
import { events, openTicket, waitForTicket } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timeSkipping: true });
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

const fields = (body: { error: { details?: { field: string }[] } }) => (body.error.details ?? []).map((d) => d.field).sort();

test('bad input is refused with every bad field listed, and nothing is written', async () => {
  const before = await h.stores.operations.ticket.count();
  const schema = await h.post('/api/tickets', { customer: '', subject: '', channel: 'fax', priority: 'asap', extra: 1 }, 'agent');
  expect(schema.status).toBe(400);
  expect(fields(schema.body)).toEqual(expect.arrayContaining(['channel', 'customer', 'description', 'priority', 'subject']));

  const refs = await h.post(
    '/api/tickets',
    { customer: 'C-NOPE', subject: 'x', description: 'y', channel: 'email', productSku: 'NOPE', orderRef: 'SO-99999' },
    'agent',
  );
  expect(refs.status).toBe(400);
  expect(fields(refs.body)).toEqual(['customer', 'orderRef', 'productSku']);

  const c = await customer(h.stores.operations);
  const other = await customer(h.stores.operations);
  const p = await product(h.stores.operations, { stock: 5 });
  const order = await h.post(
    '/api/orders',
    { customer: other.code, requestedDate: inFourWeeks(), lines: [{ sku: p.sku, quantity: 1 }] },
    'operator',
  );
  const foreign = await h.post(
    '/api/tickets',
    { customer: c.code, subject: 'x', description: 'y', channel: 'web', orderRef: order.body.number },
    h.portal(c.code),
  );
  expect(foreign.status).toBe(400);
  expect(fields(foreign.body)).toEqual(['orderRef']);
  expect(await h.stores.operations.ticket.count()).toBe(before);
});

test('every mutating endpoint checks the role', async () => {
  expect((await h.post('/api/tickets', {}, 'warehouse')).status).toBe(403);
  expect((await h.post('/api/tickets', {}, null)).status).toBe(401);
  const { number } = await openTicket(h);
  expect((await h.post(`/api/tickets/${number}/responses`, { message: 'hi' }, 'customer')).status).toBe(403);
  expect((await h.post(`/api/tickets/${number}/customer-replies`, { message: 'hi' }, 'technician')).status).toBe(403);
  expect((await h.post(`/api/tickets/${number}/priority`, { priority: 'high', reason: 'x' }, 'customer')).status).toBe(403);
  expect((await h.post(`/api/tickets/${number}/assignment`, { agent: 'AG-02' }, 'agent')).status).toBe(403);
  expect((await h.post(`/api/tickets/${number}/visits`, {}, 'technician')).status).toBe(403);
  expect(
    (await h.post(`/api/tickets/${number}/visits/${number}-V1/report`, { outcome: 'completed', minutesSpent: 1 }, 'agent')).status,
  ).toBe(403);
  expect((await h.post(`/api/tickets/${number}/resolution`, { resolution: 'x' }, 'customer')).status).toBe(403);
  expect((await h.post(`/api/tickets/${number}/confirmation`, { decision: 'confirm' }, 'agent')).status).toBe(403);
  // Triage tasks are for agents.
  const { number: fresh } = await openTicket(h, {}, { triage: 'skip' });
  const task = await h.openTask(fresh, 'ticket-triage');
  expect((await h.decide(task.id, 'confirm', 'technician')).status).toBe(403);
});

test('illegal transitions are refused with the reason (409)', async () => {
  const { number, customerCode } = await openTicket(h);
  const me = h.portal(customerCode);
  const early = await h.post(`/api/tickets/${number}/confirmation`, { decision: 'confirm', satisfaction: 5 }, me);
  expect(early.status).toBe(409);
  expect(early.body.error.message).toMatch(/only a resolved ticket can be confirmed/);
  expect((await h.post(`/api/tickets/${number}/customer-replies`, { message: 'hello?' }, me)).status).toBe(201);
  expect((await h.post(`/api/tickets/${number}/responses`, { message: 'What model?', askCustomer: true }, 'agent')).status).toBe(201);
  expect(
    (await h.post(`/api/tickets/${number}/responses`, { message: 'And the serial?', askCustomer: true }, 'agent')).body.error.message,
  ).toMatch(/already waiting/);
  const waiting = await h.post(`/api/tickets/${number}/resolution`, { resolution: 'x' }, 'agent');
  expect(waiting.status).toBe(409);
  expect(waiting.body.error.message).toMatch(/waiting on the customer/);
  await h.post(`/api/tickets/${number}/customer-replies`, { message: 'Model L-200' }, me);
  expect((await h.post(`/api/tickets/${number}/resolution`, { resolution: 'Replaced' }, 'agent')).status).toBe(200);
  const again = await h.post(`/api/tickets/${number}/resolution`, { resolution: 'Replaced' }, 'agent');
  expect(again.status).toBe(409);
  const noReason = await h.post(`/api/tickets/${number}/confirmation`, { decision: 'reject' }, me);
  expect(noReason.status).toBe(400);
  expect((await h.post(`/api/tickets/${number}/confirmation`, { decision: 'confirm', satisfaction: 6 }, me)).status).toBe(400);
  expect((await h.post(`/api/tickets/${number}/confirmation`, { decision: 'confirm', satisfaction: 3 }, me)).status).toBe(200);
  await waitForTicket(h, number, (t) => t.status === 'closed', 'closed');
  const closed = await h.post(`/api/tickets/${number}/priority`, { priority: 'high', reason: 'late' }, 'agent');
  expect(closed.status).toBe(409);
  expect((await h.post(`/api/tickets/${number}/assignment`, { agent: 'AG-99' }, 'supervisor')).status).toBe(409);
  expect((await h.get('/api/tickets/TCK-99999', 'agent')).status).toBe(404);
  expect((await h.post('/api/tickets/TCK-99999/responses', { message: 'x' }, 'agent')).status).toBe(404);
});

test('unknown agent on reassignment is a 400 naming the field; the decision records who made it', async () => {
  const { number } = await openTicket(h, { category: 'billing' }, { triage: 'category:software' });
  const t = await waitForTicket(h, number, (x) => x.category === 'software', 'recategorised');
  expect(['AG-02']).toContain(t.assignee); // the only agent with the software skill
  const [triaged] = await events(h, number, 'triaged');
  expect(triaged.actor).toBe('Gina Agent');
  const bad = await h.post(`/api/tickets/${number}/assignment`, { agent: 'AG-99' }, 'supervisor');
  expect(bad.status).toBe(400);
  expect(bad.body.error.message).toMatch(/agent/);
});

test('the record shows SLA, tasks and live state; the list filters and pages', async () => {
  const { number, customerCode } = await openTicket(h, { priority: 'urgent' }, { triage: 'skip' });
  const task = await h.openTask(number, 'ticket-triage');
  const view = await h.get(`/api/tickets/${number}`, h.portal(customerCode));
  expect(view.status).toBe(200);
  expect(view.body).toMatchObject({ number, status: 'new', priority: 'urgent', channel: 'phone', createdBy: 'Gina Agent' });
  expect(view.body.sla.firstResponse).toMatchObject({ targetMinutes: 30, breached: false, metAt: null });
  expect(view.body.openTasks.map((x: { kind: string }) => x.kind)).toEqual(['ticket-triage']);
  expect(view.body.process).toMatchObject({ ticketNumber: number, status: 'new' });

  const urgent = await h.get('/api/tickets?priority=urgent&status=new&pageSize=1', 'agent');
  expect(urgent.status).toBe(200);
  expect(urgent.body).toMatchObject({ page: 1, pageSize: 1 });
  expect(urgent.body.items[0].number).toBe(number);
  const bad = await h.get('/api/tickets?status=lost', 'agent');
  expect(bad.status).toBe(400);
  await h.decide(task.id, 'confirm', 'supervisor');
  const t = await waitForTicket(h, number, (x) => x.assignee !== null, 'assigned');
  const mine = await h.get(`/api/tickets?assignee=${t.assignee}&pageSize=100`, 'agent');
  expect(mine.body.items.every((i: { assignee: string }) => i.assignee === t.assignee)).toBe(true);
  expect(mine.body.items.map((i: { number: string }) => i.number)).toContain(number);
});

test("a customer-portal key sees and acts on its own customer's tickets only, and nothing else", async () => {
  const mine = await openTicket(h);
  const theirs = await openTicket(h);
  const me = h.portal(mine.customerCode);
  expect((await h.get(`/api/tickets/${mine.number}`, me)).status).toBe(200);
  expect((await h.get(`/api/tickets/${theirs.number}`, me)).status).toBe(404);
  expect((await h.post(`/api/tickets/${theirs.number}/customer-replies`, { message: 'me too' }, me)).status).toBe(404);
  const list = await h.get('/api/tickets?pageSize=100', me);
  expect(list.body.items.map((t: { number: string }) => t.number)).toEqual([mine.number]);
  const forOther = await h.post('/api/tickets', { customer: theirs.customerCode, subject: 'x', description: 'y', channel: 'portal' }, me);
  expect(forOther.status).toBe(403);
  expect(
    (await h.post('/api/tickets', { customer: mine.customerCode, subject: 'Broken', description: 'It broke', channel: 'portal' }, me))
      .status,
  ).toBe(201);
  for (const path of ['/api/orders', '/api/tasks', `/api/processes/ticket-${mine.number}/history`])
    expect((await h.get(path, me)).status).toBe(403);
});

test('Idempotency-Key: the same intake twice is one ticket', async () => {
  const c = await customer(h.stores.operations);
  const body = { customer: c.code, subject: 'Lamp flickers', description: 'Since Monday', channel: 'email' };
  const key = { 'Idempotency-Key': `mail-${c.code}` };
  const first = await h.post('/api/tickets', body, 'agent', key);
  expect(first.status).toBe(201);
  const again = await h.post('/api/tickets', body, 'agent', key);
  expect(again.status).toBe(200);
  expect(again.body.number).toBe(first.body.number);
  expect((await h.post('/api/tickets', { ...body, subject: 'Other' }, 'agent', key)).status).toBe(422);
  expect(await h.stores.operations.ticket.count({ where: { customerId: c.id } })).toBe(1);
});

test('the process history names who sent each ticket decision and what it was', async () => {
  const { number, customerCode } = await openTicket(h);
  const me = h.portal(customerCode);
  expect((await h.post(`/api/tickets/${number}/resolution`, { resolution: 'Firmware updated' }, 'agent')).status).toBe(200);
  expect((await h.post(`/api/tickets/${number}/confirmation`, { decision: 'reject', comment: 'still flickers' }, me)).status).toBe(200);
  const history = await h.get(`/api/processes/ticket-${number}/history`, 'admin');
  expect(history.status).toBe(200);
  const decisions = (history.body.entries as { kind: string; step: string; by?: string; detail?: string }[]).filter(
    (e) => e.kind === 'decision',
  );
  expect(decisions.map((d) => d.step)).toEqual(['decide task', 'resolve', 'confirm resolution']);
  expect(decisions.map((d) => d.by)).toEqual(['Gina Agent', 'Gina Agent', 'Carla Customer']);
  expect(decisions[0].detail).toMatch(/^confirm on .+:triage/);
  expect(decisions[2].detail).toBe('reject: still flickers');
  for (const d of decisions) expect(d.detail ?? '').not.toMatch(/undefined/);
});
