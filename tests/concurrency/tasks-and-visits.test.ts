// Decisions and visit reports sent many times at once (double clicks, two people on one task,
// retries): exactly one takes effect, every other call is answered clearly (200 for the same
// decision already recorded, 409 otherwise), the history holds one entry and stock matches its moves.
// Run on PostgreSQL too, where writers really run in parallel.
import { randomUUID } from 'node:crypto';
import { createTaskActivities } from '../../activities/operations/tasks';
import { startHarness, type Harness } from '../support/harness';
import { customer, orderBody, product, stockOf } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';
import { openTicket } from '../tickets/helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

const N = 6;
const db = () => h.stores.operations;
const statuses = (rs: { status: number }[]) => rs.map((r) => r.status).sort();

async function decisionsInHistory(workflowId: string, step: string) {
  const history = await h.get(`/api/processes/${workflowId}/history`, 'admin');
  expect(history.status).toBe(200);
  return (history.body.entries as { kind: string; step: string; outcome?: string; by?: string; detail?: string }[]).filter(
    (e) => e.kind === 'decision' && e.step === step && e.outcome !== 'refused',
  );
}

async function creditHold() {
  const c = await customer(db(), { creditLimit: 10 });
  const p = await product(db(), { price: 100, stock: 5 });
  const { body } = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 1 }]));
  return { number: body.number as string, task: await h.openTask(body.number, 'credit-hold'), p };
}

test('the same credit-hold approval sent N times at once takes effect once', async () => {
  const { number, task, p } = await creditHold();
  const results = await Promise.all(Array.from({ length: N }, () => h.decide(task.id, 'approve', 'approver')));
  expect(statuses(results)).toEqual([200, ...Array(N - 1).fill(409)]);
  for (const r of results.filter((x) => x.status === 409))
    expect(r.body.error.message).toMatch(/already completed|not waiting for a decision/);
  await h.waitForStatus(number, 'awaiting_delivery');
  expect(await decisionsInHistory(`order-${number}`, 'decide task')).toHaveLength(1);
  expect(await db().task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
    status: 'completed',
    decision: 'approve',
    decidedBy: 'Adam Approver',
  });
  expect(await stockOf(db(), p.id)).toEqual({ onHand: 4, reserved: 0 }); // reserved once, shipped once
});

test('approve and reject of one credit hold at once: one decision wins, the other is refused', async () => {
  const { number, task } = await creditHold();
  const [approve, reject] = await Promise.all([h.decide(task.id, 'approve', 'approver'), h.decide(task.id, 'reject', 'manager', 'no')]);
  expect(statuses([approve, reject])).toEqual([200, 409]);
  const winner = approve.status === 200 ? 'approve' : 'reject';
  await h.waitForStatus(number, winner === 'approve' ? 'awaiting_delivery' : 'cancelled');
  const entries = await decisionsInHistory(`order-${number}`, 'decide task');
  expect(entries.map((e) => e.detail)).toEqual([`${winner} on ${task.id}`]);
  expect((await db().task.findUniqueOrThrow({ where: { id: task.id } })).decision).toBe(winner);
});

test('ticket triage decided N times at once, confirm and reclassify racing: one decision', async () => {
  const { number } = await openTicket(h, {}, { triage: 'skip' });
  const task = await h.openTask(number, 'ticket-triage');
  const decisions = Array.from({ length: N }, (_, i) => (i % 2 ? 'confirm' : 'category:hardware'));
  const results = await Promise.all(decisions.map((d, i) => h.decide(task.id, d, i % 2 ? 'agent' : 'supervisor')));
  expect(statuses(results)).toEqual([200, ...Array(N - 1).fill(409)]);
  const winner = decisions[results.findIndex((r) => r.status === 200)];
  expect((await decisionsInHistory(`ticket-${number}`, 'decide task')).map((e) => e.detail)).toEqual([`${winner} on ${task.id}`]);
  const triaged = await h.eventually(async () => {
    const rows = await db().ticketEvent.findMany({ where: { ticket: { number }, kind: 'triaged' } });
    return rows.length > 0 && rows;
  }, 'triage recorded');
  expect(triaged).toHaveLength(1);
  expect((await db().ticket.findUniqueOrThrow({ where: { number } })).category).toBe(winner === 'confirm' ? 'general' : 'hardware');
});

async function visitWithParts(stock: number, reserve: number) {
  const part = await product(db(), { stock });
  const { number } = await openTicket(h, { productSku: part.sku });
  const visit = await h.post(
    `/api/tickets/${number}/visits`,
    { technician: 'TE-01', parts: [{ sku: part.sku, quantity: reserve }] },
    'supervisor',
  );
  expect(visit.status).toBe(201);
  return { number, part, visit: visit.body.number as string };
}

const movesOf = async (productId: number, reference: string) =>
  (await db().stockMove.findMany({ where: { productId, reference } })).map((m) => m.quantity);

test('the same visit reported N times at once is booked once: one report, one stock move', async () => {
  const { number, part, visit } = await visitWithParts(10, 3);
  const report = { outcome: 'completed', minutesSpent: 45, partsUsed: [{ sku: part.sku, quantity: 2 }] };
  const results = await Promise.all(
    Array.from({ length: N }, () => h.post(`/api/tickets/${number}/visits/${visit}/report`, report, 'technician')),
  );
  expect(statuses(results)).toEqual([200, ...Array(N - 1).fill(409)]);
  expect(await stockOf(db(), part.id)).toEqual({ onHand: 8, reserved: 0 });
  expect(await movesOf(part.id, number)).toEqual([-2]);
  expect(await decisionsInHistory(`ticket-${number}`, 'report visit')).toHaveLength(1);
  expect((await db().fieldVisit.findUniqueOrThrow({ where: { number: visit } })).status).toBe('completed');
});

test('a visit reported completed and failed at once: one outcome, stock matches it', async () => {
  const { number, part, visit } = await visitWithParts(10, 2);
  const [completed, failed] = await Promise.all([
    h.post(
      `/api/tickets/${number}/visits/${visit}/report`,
      { outcome: 'completed', minutesSpent: 30, partsUsed: [{ sku: part.sku, quantity: 2 }] },
      'technician',
    ),
    h.post(`/api/tickets/${number}/visits/${visit}/report`, { outcome: 'failed', minutesSpent: 30, partsUsed: [] }, 'supervisor'),
  ]);
  expect(statuses([completed, failed])).toEqual([200, 409]);
  const row = await db().fieldVisit.findUniqueOrThrow({ where: { number: visit } });
  expect(await decisionsInHistory(`ticket-${number}`, 'report visit')).toHaveLength(1);
  if (completed.status === 200) {
    expect(row.status).toBe('completed');
    expect(await stockOf(db(), part.id)).toEqual({ onHand: 8, reserved: 0 });
    expect(await movesOf(part.id, number)).toEqual([-2]);
  } else {
    // The failed visit is rebooked with the same parts reserved again; nothing was used.
    expect(row.status).toBe('failed');
    expect(failed.body.rescheduled).toMatchObject({ status: 'scheduled' });
    expect(await stockOf(db(), part.id)).toEqual({ onHand: 10, reserved: 2 });
    expect(await movesOf(part.id, number)).toEqual([]);
  }
});

test('a decision written while the process withdraws the task ends as one or the other, never both', async () => {
  const tasks = createTaskActivities(db());
  const workflowId = `order-RACE-${randomUUID().slice(0, 8)}`;
  const ids = Array.from({ length: 12 }, (_, i) => `${workflowId}:task-${i}`);
  for (const id of ids) {
    await tasks.openTask({
      id,
      workflowId,
      processType: 'order-to-delivery',
      documentRef: 'RACE',
      kind: 'race',
      title: 'Race',
      description: 'race',
      role: 'approver',
      decisions: ['approve'],
    });
  }
  const at = new Date().toISOString();
  await Promise.all(
    ids.flatMap((id) => [
      tasks.completeTask({ id, decision: 'approve', decidedBy: 'Adam Approver', at }),
      tasks.cancelOpenTasks({ workflowId, ids: [id], reason: 'order cancelled' }),
    ]),
  );
  for (const id of ids) {
    const task = await db().task.findUniqueOrThrow({ where: { id } });
    const trail = (await db().auditLog.findMany({ where: { entityRef: id, action: { in: ['task.decided', 'task.cancelled'] } } })).map(
      (a) => a.action,
    );
    expect({ id, trail }).toEqual({ id, trail: [task.status === 'completed' ? 'task.decided' : 'task.cancelled'] });
    if (task.status === 'cancelled') expect(task.decidedBy).toBeNull();
  }
});
