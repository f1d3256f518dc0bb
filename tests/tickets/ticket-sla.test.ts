// SLA deadlines in business minutes on the working calendar, run on the time-skipping server:
// the clock is moved to a known weekday first, so expectations do not depend on today's date.
import { addBusinessMinutes } from '../../domain/calendar';
import { loadCalendar } from '../../domain/tickets/service-calendar';
import { startHarness, type Harness } from '../support/harness';
import { assertInvariants } from '../support/invariants';
import { HOUR, MINUTE, events, nextWeekdayAt, openTicket, sleepUntil, ticketRow, waitForTicket } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timeSkipping: true });
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

test('deadlines across a weekend: opened Friday 16:00, first response due Monday 12:00, resolution Wednesday 16:00', async () => {
  await sleepUntil(h, await nextWeekdayAt(h, 5, 16));
  const { number } = await openTicket(h, { priority: 'normal' });
  const view = (await h.get(`/api/tickets/${number}`, 'agent')).body;
  const started = new Date(view.sla.startedAt);
  const cal = await loadCalendar(h.stores.operations, 'STD');
  // standard tier, normal priority: 240 business minutes to first response, 1440 to resolution
  expect(view.sla.firstResponse.dueAt).toBe(addBusinessMinutes(started, 240, cal).toISOString());
  expect(view.sla.resolution.dueAt).toBe(addBusinessMinutes(started, 1440, cal).toISOString());
  const due = new Date(view.sla.firstResponse.dueAt);
  expect(due.getUTCDay()).toBe(1); // Monday
  expect(due.getTime() - started.getTime()).toBeGreaterThan(2 * 24 * HOUR); // not counted over the weekend
  expect(new Date(view.sla.resolution.dueAt).getUTCDay()).toBe(3); // Wednesday
  expect(view.sla.firstResponse.remainingBusinessMinutes).toBeGreaterThan(235);
});

test('waiting on the customer pauses the clock; the reply shifts the deadline by the paused business time', async () => {
  await sleepUntil(h, await nextWeekdayAt(h, 1, 10));
  const { number, customerCode } = await openTicket(h, { priority: 'normal' });
  const before = await ticketRow(h, number);
  await h.env.sleep(HOUR);
  const asked = await h.post(`/api/tickets/${number}/responses`, { message: 'Which bulb is fitted?', askCustomer: true }, 'agent');
  expect(asked.status).toBe(201);
  expect(asked.body.status).toBe('waiting_on_customer');
  expect(asked.body.sla.paused).toBe(true);
  expect(asked.body.sla.firstResponse.metAt).not.toBeNull();

  await h.env.sleep(24 * HOUR); // Monday 11:00 → Tuesday 11:00 = 6 h + 2 h of business time
  const replied = await h.post(`/api/tickets/${number}/customer-replies`, { message: 'The 9 W LED one.' }, h.portal(customerCode));
  expect(replied.status).toBe(201);
  expect(replied.body.status).toBe('open');
  expect(replied.body.sla.paused).toBe(false);
  expect(replied.body.sla.pausedBusinessMinutes).toBe(480);
  const after = await ticketRow(h, number);
  const cal = await loadCalendar(h.stores.operations, 'STD');
  const started = new Date(replied.body.sla.startedAt);
  expect(after.resolutionDueAt!.toISOString()).toBe(addBusinessMinutes(started, 1440 + 480, cal).toISOString());
  expect(after.resolutionDueAt!.getTime()).toBeGreaterThan(before.resolutionDueAt!.getTime());
  expect((await events(h, number, 'paused')).length).toBe(1);
  expect((await events(h, number, 'resumed')).length).toBe(1);
});

test('warning at 80 % of the target, then breach: supervisor task, priority raised, breach recorded', async () => {
  await sleepUntil(h, await nextWeekdayAt(h, 2, 10));
  const { number } = await openTicket(h, { priority: 'high' }); // first response within 60 business minutes
  await h.env.sleep(49 * MINUTE);
  await h.eventually(async () => (await events(h, number, 'sla_warning')).length === 1, 'SLA warning');
  expect((await ticketRow(h, number)).breachedFirstResponse).toBe(false);

  await h.env.sleep(12 * MINUTE);
  const dueBefore = (await ticketRow(h, number)).resolutionDueAt;
  const t = await waitForTicket(h, number, (x) => x.breachedFirstResponse, 'first-response breach');
  expect(t.priority).toBe('urgent');
  // Escalation is for attention: the agreed resolution deadline does not move, even when the clock is re-read.
  expect((await h.post(`/api/tickets/${number}/responses`, { message: 'On it.' }, 'agent')).status).toBe(201);
  expect((await ticketRow(h, number)).resolutionDueAt).toEqual(dueBefore);
  const [breach] = await events(h, number, 'sla_breach');
  expect(JSON.parse(breach.data)).toMatchObject({ clock: 'first_response', priority: { from: 'high', to: 'urgent' } });
  const task = await h.openTask(number, 'sla-escalation');
  expect(task.role).toBe('supervisor');
  expect((await h.decide(task.id, 'acknowledge', 'agent')).status).toBe(403);
  expect((await h.decide(task.id, 'acknowledge', 'supervisor')).status).toBe(200);
  const listed = await h.get('/api/tickets?breached=true&pageSize=100', 'agent');
  expect(listed.body.items.map((i: { number: string }) => i.number)).toContain(number);

  // The supervisor moves the ticket to another agent.
  const other = t.assignee === 'AG-02' ? 'AG-03' : 'AG-02';
  const moved = await h.post(`/api/tickets/${number}/assignment`, { agent: other, reason: 'Gina is out' }, 'supervisor');
  expect(moved.status).toBe(200);
  expect(moved.body.assignee).toBe(other);
  expect((await events(h, number, 'assigned')).map((e) => e.actor)).toEqual(['process', 'Sam Supervisor']);
});

test('changing the priority recomputes the deadlines from the start of the ticket', async () => {
  await sleepUntil(h, await nextWeekdayAt(h, 3, 9, 30));
  const { number } = await openTicket(h, { priority: 'low' });
  const cal = await loadCalendar(h.stores.operations, 'STD');
  const res = await h.post(`/api/tickets/${number}/priority`, { priority: 'urgent', reason: 'production line stopped' }, 'agent');
  expect(res.status).toBe(200);
  const started = new Date(res.body.sla.startedAt);
  expect(res.body.priority).toBe('urgent');
  expect(res.body.sla.firstResponse.dueAt).toBe(addBusinessMinutes(started, 30, cal).toISOString());
  expect(res.body.sla.resolution.dueAt).toBe(addBusinessMinutes(started, 240, cal).toISOString());
  const [change] = await events(h, number, 'priority_changed');
  expect(change.actor).toBe('Gina Agent');
  // The watcher re-arms on the new deadline: the 30-minute target is breached, not the old 8-hour one.
  await h.env.sleep(31 * MINUTE);
  await waitForTicket(h, number, (t) => t.breachedFirstResponse, 'breach on the new deadline');
});

test('a resolution the customer does not answer closes itself after autoCloseDays', async () => {
  const { number } = await openTicket(h);
  expect((await h.post(`/api/tickets/${number}/responses`, { message: 'Replacing the driver board.' }, 'agent')).status).toBe(201);
  const resolved = await h.post(`/api/tickets/${number}/resolution`, { resolution: 'Driver board replaced' }, 'agent');
  expect(resolved.status).toBe(200);
  expect(resolved.body.status).toBe('resolved');
  await h.env.sleep(4 * 24 * HOUR);
  expect((await ticketRow(h, number)).status).toBe('resolved');
  await h.env.sleep(1 * 24 * HOUR + MINUTE);
  const t = await waitForTicket(h, number, (x) => x.status === 'closed', 'auto-closed');
  expect(t.closedAt).not.toBeNull();
  expect(JSON.parse((await events(h, number, 'closed'))[0].data)).toMatchObject({ confirmed: false });
  expect(t.breachedResolution).toBe(false); // the clock stood still while the customer was asked
});

test('a rejected resolution reopens the ticket and resumes the clock; the next one is confirmed with a score', async () => {
  const { number, customerCode } = await openTicket(h);
  const me = h.portal(customerCode);
  await h.post(`/api/tickets/${number}/responses`, { message: 'Looking into it.' }, 'agent');
  expect((await h.post(`/api/tickets/${number}/resolution`, { resolution: 'Firmware updated' }, 'agent')).status).toBe(200);
  const rejected = await h.post(
    `/api/tickets/${number}/confirmation`,
    { decision: 'reject', satisfaction: 2, comment: 'Still flickers' },
    me,
  );
  expect(rejected.status).toBe(200);
  expect(rejected.body.status).toBe('open');
  expect(rejected.body.sla.paused).toBe(false);
  expect((await events(h, number, 'reopened'))[0].actor).toBe('Carla Customer');

  expect((await h.post(`/api/tickets/${number}/resolution`, { resolution: 'Power supply replaced' }, 'agent')).status).toBe(200);
  const confirmed = await h.post(`/api/tickets/${number}/confirmation`, { decision: 'confirm', satisfaction: 5 }, me);
  expect(confirmed.status).toBe(200);
  const t = await waitForTicket(h, number, (x) => x.status === 'closed', 'closed');
  expect(t.satisfaction).toBe(5);
  expect((await events(h, number, 'resolved')).length).toBe(2);
  // Nothing billable (no visits): no invoice.
  expect(await h.stores.operations.invoice.findUnique({ where: { key: `ticket:${number}:invoice` } })).toBeNull();
});
