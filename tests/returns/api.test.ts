// Requesting a customer return through the API: the record and its process, each bad field a 400
// with nothing written, units beyond what was delivered and not yet returned a 409 (also for
// parallel requests on PostgreSQL), refunds only against an invoice, idempotent creation and the
// link to a service ticket. The return's process itself is not needed here: it is only started.
import { recordToken } from '../../domain/processes/process-identity';
import { startHarness, type ApiResponse, type Harness } from '../support/harness';
import { customer } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';
import { openTicket } from '../tickets/helpers';
import { deliveredDaysAgo, deliveredOrder, returnBody } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

const fields = (res: ApiResponse) => (res.body.error.details ?? []).map((d: { field: string }) => d.field);
const returnedQty = async (order: string) =>
  (await h.stores.operations.salesOrderLine.findMany({ where: { order: { number: order } }, orderBy: { lineNo: 'asc' } })).map(
    (l) => l.returnedQty,
  );
/** Everything a refused request must not have written. */
const footprint = async () => ({
  returns: await h.stores.operations.customerReturn.count(),
  lines: await h.stores.operations.customerReturnLine.count(),
  audit: await h.stores.operations.auditLog.count({ where: { entityType: 'Return' } }),
  keys: await h.stores.operations.idempotencyRecord.count(),
  ticketEvents: await h.stores.operations.ticketEvent.count({ where: { kind: 'return_requested' } }),
});
// The process may already have moved on by the time the answer is read.
const EARLY = ['requested', 'pending_approval', 'authorized'];

test('a return of delivered and paid goods is written with its lines, takes the units and starts its process', async () => {
  const o = await deliveredOrder(h, [{ quantity: 3 }, { quantity: 2 }], { deliverySteps: 3 });
  // Paid in full: the order's process has ended before the goods come back.
  expect((await h.post(`/api/orders/${o.number}/payments`, { reference: `${o.number}-P`, amount: 500 })).status).toBe(201);
  await h.env.client.workflow.getHandle(`order-${o.number}`).result();
  const res = await h.post(
    '/api/returns',
    returnBody(o.number, [
      { lineNo: 1, quantity: 2, outcome: 'refund' },
      { lineNo: 2, quantity: 1, outcome: 'repair' },
    ]),
  );
  expect(res.status).toBe(201);
  const number: string = res.body.number;
  expect(number).toMatch(/^RET-\d{5}$/);
  expect(EARLY).toContain(res.body.status);
  expect(res.body).toMatchObject({
    order: o.number,
    customer: { code: o.customer.code },
    reason: 'The finish is scratched',
    outsideWindow: false,
    requestedBy: 'Olga Operator',
    lines: [
      { lineNo: 1, orderLineNo: 1, sku: o.skus[0], quantity: 2, received: 0, outcome: 'refund' },
      { lineNo: 2, orderLineNo: 2, sku: o.skus[1], quantity: 1, received: 0, outcome: 'repair' },
    ],
    documents: { order: o.number, ticket: null },
  });
  expect(await returnedQty(o.number)).toEqual([2, 1]);
  const audit = await h.stores.operations.auditLog.findFirstOrThrow({ where: { entityType: 'Return', entityRef: number } });
  expect(audit).toMatchObject({ action: 'return.requested', actor: 'Olga Operator' });

  // The process was started under the return's id and carries the record's token.
  const record = await h.stores.operations.customerReturn.findUniqueOrThrow({ where: { number } });
  const process = await h.env.client.workflow.getHandle(`return-${number}`).describe();
  expect(process.type).toBe('customerReturn');
  expect((await process.memo)?.recordToken).toBe(recordToken(record));

  expect((await h.get(`/api/returns/${number}`)).body).toMatchObject({
    number,
    order: o.number,
    lines: [{ quantity: 2 }, { quantity: 1 }],
  });
  const list = await h.get(`/api/returns?order=${o.number}`);
  expect(list.body).toMatchObject({ total: 1, items: [{ number, order: o.number, customer: o.customer.code, units: 3 }] });
  expect((await h.get(`/api/returns?customer=${o.customer.code}&status=done`)).body.total).toBe(0);

  // The order's history tells the return after the order's own steps, though its process has closed.
  const history = await h.get(`/api/processes/order-${o.number}/history`, 'manager');
  expect(history.body.status).toBe('COMPLETED');
  expect(history.body.entries.at(-1).kind).toBe('return');
  const returns = history.body.entries.filter((e: { kind: string }) => e.kind === 'return');
  expect(returns[0]).toMatchObject({ kind: 'return', step: `${number} requested`, by: 'Olga Operator' });
});

test('each bad field is a 400 naming it, and nothing is written', async () => {
  const o = await deliveredOrder(h, [{ quantity: 2 }, { quantity: 1 }]);
  const other = await customer(h.stores.operations);
  const foreignTicket = await openTicket(h, { customer: other.code }, { triage: 'skip' });
  const before = await footprint();
  const cases: [object, string[]][] = [
    [returnBody('SO-99999', [{ lineNo: 1, quantity: 1 }]), ['order']],
    [returnBody('SO-1', [{ lineNo: 1, quantity: 1 }]), ['order']],
    [returnBody(o.number, [{ lineNo: 7, quantity: 1 }]), ['lines.0.lineNo']],
    [
      returnBody(o.number, [
        { lineNo: 1, quantity: 1 },
        { lineNo: 1, quantity: 1 },
      ]),
      ['lines.1.lineNo'],
    ],
    [returnBody(o.number, [{ lineNo: 1, quantity: 0 }]), ['lines.0.quantity']],
    [{ ...returnBody(o.number, []), lines: [{ lineNo: 1, quantity: 1, outcome: 'exchange' }] }, ['lines.0.outcome']],
    [returnBody(o.number, [{ lineNo: 1, quantity: 1 }], { ticket: foreignTicket.number }), ['ticket']],
    [returnBody(o.number, [{ lineNo: 1, quantity: 1 }], { ticket: 'TCK-99999' }), ['ticket']],
  ];
  for (const [body, expected] of cases) {
    const res = await h.post('/api/returns', body, 'operator', { 'Idempotency-Key': `bad-${expected.join()}` });
    expect({ body, status: res.status, code: res.body.error.code, fields: fields(res) }).toEqual({
      body,
      status: 400,
      code: 'INVALID_INPUT',
      fields: expected,
    });
  }
  expect(await footprint()).toEqual(before);
  expect(await returnedQty(o.number)).toEqual([0, 0]);
});

test('more units than delivered and not yet returned is a 409 naming the line, and nothing is written', async () => {
  const o = await deliveredOrder(h, [{ quantity: 1 }, { quantity: 3 }]);
  expect((await h.post('/api/returns', returnBody(o.number, [{ lineNo: 2, quantity: 2 }]))).status).toBe(201);
  const before = await footprint();
  const over = await h.post(
    '/api/returns',
    returnBody(o.number, [
      { lineNo: 1, quantity: 1 },
      { lineNo: 2, quantity: 2 },
    ]),
  );
  expect(over.status).toBe(409);
  expect(fields(over)).toEqual(['lines.1.quantity']);
  expect(over.body.error.message).toMatch(
    /Order line 2: 2 units asked back, but only 1 may still come back \(3 delivered, 2 already on returns\)/,
  );
  // The first line's units were taken in the same transaction and given back with it.
  expect(await footprint()).toEqual(before);
  expect(await returnedQty(o.number)).toEqual([0, 2]);
  expect((await h.post('/api/returns', returnBody(o.number, [{ lineNo: 2, quantity: 1 }]))).status).toBe(201);
  expect(await returnedQty(o.number)).toEqual([0, 3]);
});

test('parallel requests for the last units: exactly one gets them, the others are refused', async () => {
  const o = await deliveredOrder(h, [{ quantity: 4 }]);
  expect((await h.post('/api/returns', returnBody(o.number, [{ lineNo: 1, quantity: 2 }]))).status).toBe(201);
  const before = await footprint();
  const results = await Promise.all(
    Array.from({ length: 8 }, () => h.post('/api/returns', returnBody(o.number, [{ lineNo: 1, quantity: 2 }]))),
  );
  expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
  expect(await returnedQty(o.number)).toEqual([4]);
  expect((await footprint()).returns).toBe(before.returns + 1);
  const lines = await h.stores.operations.customerReturnLine.findMany({ where: { customerReturn: { order: { number: o.number } } } });
  expect(lines.reduce((s, l) => s + l.quantity, 0)).toBe(4);
});

test('a refund needs a posted invoice on the order; a replacement does not', async () => {
  const o = await deliveredOrder(h, [{ quantity: 2 }]);
  await h.stores.operations.invoice.update({ where: { number: o.invoiceNumber }, data: { status: 'void' } });
  const before = await footprint();
  const refund = await h.post('/api/returns', returnBody(o.number, [{ lineNo: 1, quantity: 1, outcome: 'refund' }]));
  expect(refund.status).toBe(409);
  expect(refund.body.error.message).toMatch(new RegExp(`Order ${o.number} has no posted invoice`));
  expect(await footprint()).toEqual(before);
  expect((await h.post('/api/returns', returnBody(o.number, [{ lineNo: 1, quantity: 1, outcome: 'replacement' }]))).status).toBe(201);
});

test('the Idempotency-Key belongs to the return of that order: the same request answers the first return', async () => {
  const o = await deliveredOrder(h, [{ quantity: 5 }]);
  const body = returnBody(o.number, [{ lineNo: 1, quantity: 1 }]);
  const key = { 'Idempotency-Key': 'ret-1' };
  const first = await h.post('/api/returns', body, 'operator', key);
  expect(first.status).toBe(201);
  const again = await h.post('/api/returns', body, 'operator', key);
  expect([again.status, again.body.number]).toEqual([200, first.body.number]);
  // The customer sending the same request under the same key gets the same return, not a second one.
  const portal = await h.post('/api/returns', body, h.portal(o.customer.code), key);
  expect([portal.status, portal.body.number]).toEqual([200, first.body.number]);
  const changed = await h.post('/api/returns', { ...body, reason: 'Another reason' }, 'operator', key);
  expect([changed.status, changed.body.error.code]).toEqual([422, 'IDEMPOTENCY_MISMATCH']);
  expect(await returnedQty(o.number)).toEqual([1]);
  // The same request sent several times at once: one return, the twins answered with it.
  const twins = await Promise.all(
    Array.from({ length: 4 }, () => h.post('/api/returns', body, 'operator', { 'Idempotency-Key': 'ret-2' })),
  );
  expect(twins.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
  expect(new Set(twins.map((r) => r.body.number)).size).toBe(1);
  expect(await returnedQty(o.number)).toEqual([2]);
  // Without a key each request is a return of its own.
  const a = await h.post('/api/returns', body);
  const b = await h.post('/api/returns', body);
  expect([a.status, b.status]).toEqual([201, 201]);
  expect(new Set([first.body.number, twins[0].body.number, a.body.number, b.body.number]).size).toBe(4);
  expect(await returnedQty(o.number)).toEqual([4]);
});

test('a return raised from a ticket of the same customer is linked to it and noted on the ticket', async () => {
  const o = await deliveredOrder(h, [{ quantity: 1 }]);
  const ticket = await openTicket(h, { customer: o.customer.code, orderRef: o.number }, { triage: 'skip' });
  const res = await h.post('/api/returns', returnBody(o.number, [{ lineNo: 1, quantity: 1 }], { ticket: ticket.number }));
  expect(res.status).toBe(201);
  expect(res.body.documents.ticket).toBe(ticket.number);
  const event = await h.stores.operations.ticketEvent.findFirstOrThrow({
    where: { ticket: { number: ticket.number }, kind: 'return_requested' },
  });
  expect(event.actor).toBe('Olga Operator');
  expect(JSON.parse(event.data)).toEqual({ return: res.body.number, order: o.number });
});

test('a line delivered longer ago than its category allows puts the return outside the window', async () => {
  const o = await deliveredOrder(h, [
    { quantity: 1, category: 'general' },
    { quantity: 1, category: 'made-to-order' },
  ]);
  await deliveredDaysAgo(h, o.number, 20); // inside general's 30 days, outside made-to-order's 14
  const inside = await h.post('/api/returns', returnBody(o.number, [{ lineNo: 1, quantity: 1 }]));
  expect([inside.status, inside.body.outsideWindow]).toEqual([201, false]);
  const outside = await h.post('/api/returns', returnBody(o.number, [{ lineNo: 2, quantity: 1 }]));
  expect([outside.status, outside.body.outsideWindow]).toEqual([201, true]);
});
