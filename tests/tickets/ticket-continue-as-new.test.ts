// A ticket takes any number of updates: past TICKET_CONTINUE_AS_NEW_EVENTS (set small here) its process
// continues as a new run carrying its state, and the ticket goes on answering, then resolves and closes
// with nothing recorded twice.
import { startHarness, type Harness } from '../support/harness';
import { assertInvariants } from '../support/invariants';
import { events, openTicket, waitForTicket } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ policies: { ticket: { continueAsNewAfterEvents: 40 } } });
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

test('a long conversation continues the process as new runs; the ticket still answers, resolves and closes', async () => {
  const { number, customerCode } = await openTicket(h);
  const me = h.portal(customerCode);
  const workflowId = `ticket-${number}`;
  const first = await h.env.client.workflow.getHandle(workflowId).describe();
  const ROUNDS = 8;
  for (let round = 1; round <= ROUNDS; round++) {
    const asked = await h.post(`/api/tickets/${number}/responses`, { message: `Question ${round}?`, askCustomer: true }, 'agent');
    expect(asked.status).toBe(201);
    const replied = await h.post(`/api/tickets/${number}/customer-replies`, { message: `Answer ${round}` }, me);
    expect(replied.status).toBe(201);
  }
  // The first run ended by continuing as new, and the current run is another one.
  const firstRun = await h.env.client.workflow.getHandle(workflowId, first.runId).describe();
  expect(firstRun.status.name).toBe('CONTINUED_AS_NEW');
  const current = await h.env.client.workflow.getHandle(workflowId).describe();
  expect(current.runId).not.toBe(first.runId);
  expect(current.status.name).toBe('RUNNING');
  // The carried state: every round is in the process's own timeline, the SLA clock still runs.
  const view = (await h.get(`/api/tickets/${number}`, 'agent')).body;
  expect(view.status).toBe('open');
  const state = await h.env.client.workflow.getHandle(workflowId).query<{ events: { step: string }[]; status: string }>('ticketState');
  expect(state.events.filter((e) => e.step === 'customer_reply')).toHaveLength(ROUNDS);
  expect(state.events.filter((e) => e.step === 'continued_as_new').length).toBeGreaterThanOrEqual(1);
  // A refusal still comes from the carried state: the ticket is not waiting on the customer, so no second reply is needed.
  const again = await h.post(`/api/tickets/${number}/responses`, { message: 'One more?', askCustomer: true }, 'agent');
  expect(again.status).toBe(201);
  const twice = await h.post(`/api/tickets/${number}/responses`, { message: 'And another?', askCustomer: true }, 'agent');
  expect(twice.status).toBe(409);
  expect(twice.body.error.message).toMatch(/already waiting/);
  expect((await h.post(`/api/tickets/${number}/customer-replies`, { message: 'Last answer' }, me)).status).toBe(201);

  expect((await h.post(`/api/tickets/${number}/resolution`, { resolution: 'Replaced the lamp' }, 'agent')).status).toBe(200);
  expect((await h.post(`/api/tickets/${number}/confirmation`, { decision: 'confirm', satisfaction: 4 }, me)).status).toBe(200);
  await waitForTicket(h, number, (t) => t.status === 'closed', 'closed');
  const result = await h.env.client.workflow.getHandle(workflowId).result();
  expect(result.status).toBe('closed');
  // The process history tells every run's steps, the earliest first.
  const history = await h.get(`/api/processes/${workflowId}/history`, 'agent');
  expect(history.status).toBe(200);
  const steps = (history.body.entries as { step: string }[]).map((e) => e.step);
  expect(steps[0]).toBe('started service ticket');
  expect(steps.filter((s) => s === 'continued as new service ticket').length).toBeGreaterThanOrEqual(1);
  expect(steps.filter((s) => s === 'record ticket event').length).toBeGreaterThanOrEqual(2 * (ROUNDS + 1));
  // Nothing recorded twice across the runs (each event's key stays unique because the key counter is carried).
  expect(await events(h, number, 'customer_reply')).toHaveLength(ROUNDS + 1);
  expect(await events(h, number, 'response')).toHaveLength(ROUNDS + 1);
  expect(await events(h, number, 'closed')).toHaveLength(1);
});
