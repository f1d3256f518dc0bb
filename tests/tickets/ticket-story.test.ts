// A ticket's whole conversation on a real-time server (the dev server, or the external cluster of
// TEST_TEMPORAL_ADDRESS): opened, triaged, several rounds with the customer, resolved, confirmed and closed.
import { startHarness, type Harness } from '../support/harness';
import { assertInvariants } from '../support/invariants';
import { events, openTicket, waitForTicket } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

test('a ticket answers every round of its conversation, then is resolved, confirmed and closed', async () => {
  const { number, customerCode } = await openTicket(h);
  const me = h.portal(customerCode);
  for (let round = 1; round <= 3; round++) {
    expect((await h.post(`/api/tickets/${number}/responses`, { message: `Question ${round}?`, askCustomer: true }, 'agent')).status).toBe(
      201,
    );
    expect((await h.post(`/api/tickets/${number}/customer-replies`, { message: `Answer ${round}` }, me)).status).toBe(201);
  }
  expect((await h.post(`/api/tickets/${number}/resolution`, { resolution: 'Replaced the lamp' }, 'agent')).status).toBe(200);
  expect((await h.post(`/api/tickets/${number}/confirmation`, { decision: 'confirm', satisfaction: 5 }, me)).status).toBe(200);
  await waitForTicket(h, number, (t) => t.status === 'closed', 'closed');
  const result = await h.env.client.workflow.getHandle(`ticket-${number}`).result();
  expect(result.status).toBe('closed');
  expect(await events(h, number, 'customer_reply')).toHaveLength(3);
  expect((await h.get(`/api/tickets/${number}`, 'agent')).body.status).toBe('closed');
});
