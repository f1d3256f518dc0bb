// A customer-portal key and returns: it requests, sees, lists and cancels only its own customer's;
// another customer's order or return looks to it exactly like one that does not exist. Warehouse
// receipts stay with staff.
import { startHarness, type Harness } from '../support/harness';
import { assertInvariants } from '../support/invariants';
import { openTicket } from '../tickets/helpers';
import { deliveredOrder, returnBody } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

test("a portal key requests and sees its own customer's returns and nothing of another's", async () => {
  const mine = await deliveredOrder(h, [{ quantity: 2 }]);
  const theirs = await deliveredOrder(h, [{ quantity: 2 }]);
  const me = h.portal(mine.customer.code);

  const own = await h.post('/api/returns', returnBody(mine.number, [{ lineNo: 1, quantity: 1 }]), me);
  expect(own.status).toBe(201);
  expect(own.body).toMatchObject({ order: mine.number, requestedBy: 'Carla Customer', customer: { code: mine.customer.code } });
  const staff = await h.post('/api/returns', returnBody(theirs.number, [{ lineNo: 1, quantity: 1 }]), 'operator');
  expect(staff.status).toBe(201);

  // Another customer's order is answered as an unknown one, and nothing is written.
  const count = await h.stores.operations.customerReturn.count();
  const foreign = await h.post('/api/returns', returnBody(theirs.number, [{ lineNo: 1, quantity: 1 }]), me);
  const unknown = await h.post('/api/returns', returnBody('SO-99999', [{ lineNo: 1, quantity: 1 }]), me);
  expect([foreign.status, foreign.body.error.details]).toEqual([400, [{ field: 'order', message: `no order ${theirs.number}` }]]);
  expect([unknown.status, unknown.body.error.details]).toEqual([400, [{ field: 'order', message: 'no order SO-99999' }]]);
  // ... also when it replays a key the other customer's return was made with.
  const replay = await h.post('/api/returns', returnBody(theirs.number, [{ lineNo: 1, quantity: 1 }]), me, { 'Idempotency-Key': 'k1' });
  expect(replay.status).toBe(400);
  expect(await h.stores.operations.customerReturn.count()).toBe(count);

  expect((await h.get(`/api/returns/${own.body.number}`, me)).status).toBe(200);
  const hidden = await h.get(`/api/returns/${staff.body.number}`, me);
  expect([hidden.status, hidden.body.error.code]).toEqual([404, 'NOT_FOUND']);
  expect(hidden.body.error.message).toBe(`Return ${staff.body.number} was not found`);
  expect((await h.get('/api/returns/RET-99999', me)).body.error).toEqual({ code: 'NOT_FOUND', message: 'Return RET-99999 was not found' });
  const cancel = await h.post(`/api/returns/${staff.body.number}/cancel`, { reason: 'changed my mind' }, me);
  expect(cancel.status).toBe(404);

  // The list is its own customer's, whatever customer it asks for.
  for (const q of ['', `?customer=${theirs.customer.code}`, `?order=${theirs.number}`]) {
    const list = await h.get(`/api/returns${q}`, me);
    expect(list.status).toBe(200);
    expect(list.body.items.every((r: { customer: string }) => r.customer === mine.customer.code)).toBe(true);
  }
  expect((await h.get('/api/returns', me)).body.items.map((r: { number: string }) => r.number)).toEqual([own.body.number]);
  // Staff see both.
  expect((await h.get(`/api/returns?customer=${theirs.customer.code}`, 'manager')).body.total).toBe(1);
});

test("a portal key may name its own ticket, not another customer's; receipts are for the warehouse", async () => {
  const mine = await deliveredOrder(h, [{ quantity: 2 }]);
  const me = h.portal(mine.customer.code);
  const myTicket = await openTicket(h, { customer: mine.customer.code }, { triage: 'skip' });
  const otherTicket = await openTicket(h, {}, { triage: 'skip' });

  const foreign = await h.post('/api/returns', returnBody(mine.number, [{ lineNo: 1, quantity: 1 }], { ticket: otherTicket.number }), me);
  expect([foreign.status, foreign.body.error.details[0].field]).toEqual([400, 'ticket']);
  const linked = await h.post('/api/returns', returnBody(mine.number, [{ lineNo: 1, quantity: 1 }], { ticket: myTicket.number }), me);
  expect([linked.status, linked.body.documents.ticket]).toEqual([201, myTicket.number]);

  const receipt = { reference: 'PARCEL-1', lines: [{ lineNo: 1, quantity: 1 }] };
  const refused = await h.post(`/api/returns/${linked.body.number}/receipts`, receipt, me);
  expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);
  // Staff-only endpoints tell a portal key where it may go.
  const orders = await h.get('/api/orders', me);
  expect([orders.status, orders.body.error.message]).toEqual([403, 'Customer-portal keys may only use /api/tickets and /api/returns']);
});
