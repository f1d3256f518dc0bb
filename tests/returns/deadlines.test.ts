// The return's human steps with deadlines, on the time-skipping server: an approval nobody decides
// goes to a manager after RETURN_APPROVAL_ESCALATION_HOURS (48 by default), and a carrier that keeps
// refusing the pickup leaves the operator to choose between trying again and a drop-off.
import { startHarness, type Harness } from '../support/harness';
import { assertInvariants } from '../support/invariants';
import { orderToReturn, receive, requestReturn, returnRecord, waitReturn } from './process-support';

const HOUR = 3_600_000;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timeSkipping: true });
});
afterAll(async () => h?.close());
afterEach(async () => {
  await carrier({ failNext: 0 });
  await assertInvariants(h.stores.operations);
});

const carrier = (body: object) =>
  fetch(`${h.simulator.url}/control/carriers/SWIFT`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => r.json() as Promise<{ calls: number }>);

// Eight attempts with backoff (1 s doubling, at most 30 s) take about a minute and a half.
const outlastRetries = async () => {
  for (let i = 0; i < 8; i++) await h.env.sleep(30_000);
};

const task = (id: string) => h.stores.operations.task.findUniqueOrThrow({ where: { id } });

test('an approval nobody decides within 48 hours goes to a manager, who authorizes the return', async () => {
  // The shipped policies name managers; here approvers are asked first, as a business may set it.
  await h.stores.operations.returnPolicy.update({ where: { category: 'general' }, data: { approverRole: 'approver' } });
  try {
    const { order } = await orderToReturn(h, [{ quantity: 1 }], { deliveredDaysAgo: 40 });
    const number = await requestReturn(h, order, [{ lineNo: 1, quantity: 1, outcome: 'refund' }]);
    await waitReturn(h, number, 'pending_approval');
    const ask = await h.openTask(number, 'return-approval');
    expect(ask).toMatchObject({ role: 'approver', escalationLevel: 0 });

    await h.env.sleep(47 * HOUR);
    expect(await task(ask.id)).toMatchObject({ role: 'approver', status: 'open' });
    await h.env.sleep(2 * HOUR);
    await h.eventually(async () => ((await task(ask.id)).role === 'manager' ? true : undefined), 'the approval escalated to managers');
    expect((await task(ask.id)).escalationLevel).toBe(1);
    const history = (await h.get(`/api/processes/return-${number}/history`)).body.entries as { step: string }[];
    expect(history.map((e) => e.step)).toContain('escalate task');

    // Escalated, it is the managers' decision now: an approver alone is refused.
    expect((await h.decide(ask.id, 'approve', 'approver')).status).toBe(403);
    expect((await h.decide(ask.id, 'approve', 'manager', 'good customer')).status).toBe(200);
    expect(await waitReturn(h, number, 'authorized')).toMatchObject({ outsideWindow: true, approvedBy: 'Mona Manager' });
  } finally {
    await h.stores.operations.returnPolicy.update({ where: { category: 'general' }, data: { approverRole: 'manager' } });
  }
});

test('the carrier refuses the pickup until its retries run out: the operator tries again and the pickup is booked', async () => {
  const { order } = await orderToReturn(h, [{ quantity: 1 }]);
  // Every attempt the pickup gets (the order's own shipment was booked before this).
  await carrier({ failNext: 8 });
  const number = await requestReturn(h, order, [{ lineNo: 1, quantity: 1, outcome: 'refund' }]);
  await outlastRetries();
  const ask = await h.openTask(number, 'pickup-unavailable');
  expect(ask).toMatchObject({ role: 'operator', decisions: JSON.stringify(['retry', 'customer-drops-off']) });
  expect((await returnRecord(h, number)).pickupTracking).toBeNull();

  expect((await h.decide(ask.id, 'retry', 'operator')).status).toBe(200);
  const booked = await h.eventually(async () => (await returnRecord(h, number)).pickupTracking ?? undefined, 'the pickup booked');
  const pickups = (await (await fetch(`${h.simulator.url}/carriers/SWIFT/pickups`)).json()) as {
    rmaNumber: string;
    trackingNumber?: string;
  }[];
  expect(pickups.map((p) => p.rmaNumber)).toContain((await returnRecord(h, number)).rmaNumber);
  expect(booked).toBeTruthy();
});

test('the carrier refuses the pickup: the customer drops the goods off instead, and the return goes on with them', async () => {
  const { order } = await orderToReturn(h, [{ quantity: 1 }]);
  // Every attempt the pickup gets (the order's own shipment was booked before this).
  await carrier({ failNext: 8 });
  const number = await requestReturn(h, order, [{ lineNo: 1, quantity: 1, outcome: 'refund' }]);
  await outlastRetries();
  const ask = await h.openTask(number, 'pickup-unavailable');
  expect((await h.decide(ask.id, 'customer-drops-off', 'operator', 'brings it to the counter')).status).toBe(200);
  const history = async () =>
    ((await h.get(`/api/processes/return-${number}/history`)).body.entries as { step: string }[]).map((e) => e.step);
  await h.eventually(async () => ((await returnRecord(h, number)).status === 'authorized' ? true : undefined), 'authorized');
  expect((await receive(h, number, 'COUNTER-1', [{ lineNo: 1, quantity: 1 }])).status).toBe(201);
  // All of it came over the counter: on to inspection, with no pickup ever booked.
  expect(await waitReturn(h, number, 'inspecting')).toMatchObject({ pickupTracking: null });
  expect(await history()).toContain('decide task');
});
