// Preventive maintenance on the time-skipping server: a plan falling due opens a service with a window,
// work orders are planned around it, a moved window re-plans them, and the job waits for its window.
// (Schedules themselves need the dev server: tests/maintenance/preventive-schedules.test.ts.)
import { startHarness, type Harness } from '../support/harness';
import { assertInvariants } from '../support/invariants';
import { assertNoDoubleBooking, assertProductionInvariants } from '../support/production-invariants';
import { uniq } from '../support/fixtures';
import { component, manufactured, planMo, waitMo, workCenter } from '../manufacturing/support';
import { maintenanceStateQuery, maintenanceWorkflowId } from '../../workflows/maintenance/messages';
import type { PreventiveOpening } from '../../workflows/maintenance/preventive-types';

const DAY = 86_400_000;
const MIN = 60_000;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timeSkipping: true });
});
afterAll(async () => h?.close());
afterEach(async () => {
  await assertInvariants(h.stores.operations);
  await assertProductionInvariants(h.stores.operations, h.stores.production);
  await assertNoDoubleBooking(h.stores.production);
});

/** A work center open around the clock (UTC) on one weekday only: tomorrow's. Its machine is not wired, so jobs hold. */
async function tomorrowOnlyCenter() {
  const now = await h.env.currentTimeMs();
  const tomorrow = new Date(Math.floor(now / DAY) * DAY + DAY);
  const wc = await workCenter(h, { controller: false });
  await h.stores.production.workCenter.update({ where: { id: wc.id }, data: { workdays: String(tomorrow.getUTCDay() || 7) } });
  return { wc, tomorrow };
}

/**
 * Starts the plan's run as its schedule would and reads what it answered once it completed. Its result is
 * read from the history, not awaited: awaiting a result lets the test server skip time to the next timer.
 */
async function fire(code: string, policy: object = { everyDays: 7, durationMinutes: 120 }): Promise<PreventiveOpening> {
  const handle = await h.env.client.workflow.start('preventiveMaintenance', {
    taskQueue: 'orchestration',
    workflowId: uniq(`preventive-${code}`),
    args: [{ workCenterCode: code, policy }],
  });
  return h.eventually(async () => {
    const events = (await handle.fetchHistory()).events ?? [];
    const done = events.find((e) => e.workflowExecutionCompletedEventAttributes)?.workflowExecutionCompletedEventAttributes;
    const data = done?.result?.payloads?.[0]?.data;
    return data ? (JSON.parse(Buffer.from(data).toString()) as PreventiveOpening) : undefined;
  }, `the preventive run on ${code} to complete`);
}

const request = (number: string) => h.stores.production.maintenanceRequest.findUniqueOrThrow({ where: { number } });

async function heldWorkOrder(wcId: number) {
  const material = await component(h, { shop: 20 });
  const p = await manufactured(h, {
    parts: [{ sku: material.sku, quantity: 1 }],
    steps: [{ workCenter: { id: wcId }, minutesPerUnit: 60 }],
  });
  const mo = await planMo(h, p.sku, 1);
  await waitMo(h, mo, 'held'); // the machine has no controller: the work order waits in the plan
  const wo = await h.stores.production.workOrder.findFirstOrThrow({ where: { mo: { number: mo }, workCenterId: wcId } });
  return { mo, wo };
}

test('a due plan opens a service in the first free window; work planned later goes after it; a later window pulls it earlier', async () => {
  const { wc, tomorrow } = await tomorrowOnlyCenter();
  await h.stores.production.maintenancePlan.create({
    data: { workCenterId: wc.id, everyDays: 7, durationMinutes: 120, updatedBy: 'test' },
  });

  const opening = await fire(wc.code);
  expect(opening).toMatchObject({ opened: true, created: true, plannedStart: tomorrow.toISOString() });
  if (!opening.opened) throw new Error('not opened');
  const r = await request(opening.number);
  expect(r).toMatchObject({
    kind: 'preventive',
    status: 'scheduled',
    durationMinutes: 120,
    key: expect.stringMatching(/^preventive:\d+:/),
  });
  expect(r.plannedEnd!.getTime() - r.plannedStart!.getTime()).toBe(120 * MIN);
  const plan = await h.stores.production.maintenancePlan.findUniqueOrThrow({ where: { workCenterId: wc.id } });
  expect(plan.lastOpenedAt).not.toBeNull();
  // Fired again the same day: the same service, no second one.
  expect(await fire(wc.code)).toMatchObject({ opened: true, created: false, number: opening.number });

  const { wo } = await heldWorkOrder(wc.id);
  expect(wo.plannedStart!.getTime()).toBe(r.plannedEnd!.getTime());
  const status = (await h.get(`/api/work-centers/${wc.code}`, 'planner')).body;
  expect(status.nextMaintenance).toEqual({
    number: opening.number,
    status: 'scheduled',
    plannedStart: r.plannedStart!.toISOString(),
    plannedEnd: r.plannedEnd!.toISOString(),
  });
  expect(status.maintenancePlan).toMatchObject({ everyDays: 7, durationMinutes: 120, scheduleId: `maintenance-plan-${wc.code}` });
  const board = (await h.get(`/api/work-centers/${wc.code}/board?from=${tomorrow.toISOString().slice(0, 10)}&days=1`, 'planner')).body;
  expect(board.days[0]).toMatchObject({ maintenanceMinutes: 120, plannedMinutes: 60 });

  const past = await h.post(`/api/maintenance-requests/${opening.number}/reschedule`, { plannedStart: '2020-01-01T08:00:00Z' }, 'planner');
  expect([past.status, past.body.error.details]).toEqual([400, [{ field: 'plannedStart', message: 'must not be in the past' }]]);
  // Moved six hours later: the work order now fits before it and is planned again from now.
  const later = new Date(tomorrow.getTime() + 6 * 60 * MIN).toISOString();
  const moved = await h.post(`/api/maintenance-requests/${opening.number}/reschedule`, { plannedStart: later }, 'planner');
  expect(moved.status).toBe(200);
  expect(moved.body.events.at(-1)).toMatchObject({ step: 'rescheduled' });
  expect((await request(opening.number)).plannedStart!.toISOString()).toBe(later);
  const replanned = await h.stores.production.workOrder.findUniqueOrThrow({ where: { id: wo.id } });
  expect(replanned.plannedStart!.getTime()).toBe(tomorrow.getTime());
  expect(replanned.plannedStart!.getTime()).toBeLessThan(wo.plannedStart!.getTime());
});

test('the job waits for its window, then the work center is serviced by a technician and available again', async () => {
  const { wc, tomorrow } = await tomorrowOnlyCenter();
  await h.stores.production.maintenancePlan.create({
    data: { workCenterId: wc.id, everyDays: 30, durationMinutes: 90, updatedBy: 'test' },
  });
  const opening = await fire(wc.code);
  if (!opening.opened) throw new Error('not opened');
  const job = h.env.client.workflow.getHandle(maintenanceWorkflowId(opening.number));
  expect(await job.query(maintenanceStateQuery)).toMatchObject({ kind: 'preventive', status: 'scheduled', workCenterCode: wc.code });

  await h.env.sleep(tomorrow.getTime() - (await h.env.currentTimeMs()) - 10 * MIN);
  expect((await request(opening.number)).status).toBe('scheduled');
  expect((await h.stores.production.workCenter.findUniqueOrThrow({ where: { id: wc.id } })).status).toBe('available');

  await h.env.sleep(20 * MIN);
  const task = await h.openTask(opening.number, 'preventive-maintenance');
  expect(task.role).toBe('technician');
  expect((await h.stores.production.workCenter.findUniqueOrThrow({ where: { id: wc.id } })).status).toBe('maintenance');
  expect((await request(opening.number)).status).toBe('in_progress');
  const tooLate = await h.post(
    `/api/maintenance-requests/${opening.number}/reschedule`,
    { plannedStart: new Date(tomorrow.getTime() + DAY).toISOString() },
    'manager',
  );
  expect(tooLate.status).toBe(409);

  expect((await h.decide(task.id, 'done', 'technician', 'filters changed')).status).toBe(200);
  const done = await h.eventually(async () => {
    const r = await request(opening.number);
    return r.status === 'done' && r;
  }, 'the service to be done');
  expect(await job.query(maintenanceStateQuery)).toMatchObject({ status: 'done', openTasks: [] });
  expect(done).toMatchObject({ status: 'done', technician: 'Theo Technician', statusNote: 'filters changed' });
  expect(done.downFrom!.getTime()).toBeGreaterThanOrEqual(tomorrow.getTime());
  expect(done.downUntil!.getTime()).toBeGreaterThanOrEqual(done.downFrom!.getTime());
  expect((await h.stores.production.workCenter.findUniqueOrThrow({ where: { id: wc.id } })).status).toBe('available');
  expect((await h.get(`/api/work-centers/${wc.code}`, 'planner')).body.nextMaintenance).toBeNull();
});

test('no plan, or a service still open: nothing is opened', async () => {
  const wc = await workCenter(h, { controller: false });
  expect(await fire(wc.code)).toEqual({ opened: false, reason: `${wc.code} has no active maintenance plan` });

  const { wc: planned } = await tomorrowOnlyCenter();
  await h.stores.production.maintenancePlan.create({
    data: { workCenterId: planned.id, everyDays: 1, durationMinutes: 30, updatedBy: 'test' },
  });
  const first = await fire(planned.code);
  if (!first.opened) throw new Error('not opened');
  // The plan replaced by another (a new plan, so a new key) while its service is still scheduled.
  await h.stores.production.maintenancePlan.delete({ where: { workCenterId: planned.id } });
  await h.stores.production.maintenancePlan.create({
    data: { workCenterId: planned.id, everyDays: 2, durationMinutes: 45, updatedBy: 'test' },
  });
  expect(await fire(planned.code)).toEqual({ opened: false, reason: `${first.number} is still open on ${planned.code}` });
  expect(await h.stores.production.maintenanceRequest.count({ where: { workCenterId: planned.id } })).toBe(1);
});
