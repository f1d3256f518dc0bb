// A plan written over the API is kept as a Temporal Schedule (the time-skipping server has none, so
// this runs on the dev server): its interval and action, a triggered run opening a service, an update,
// the delete; validation; an hours-based plan opening a service only once the machines ran its hours.
import { ScheduleNotFoundError } from '@temporalio/client';
import { ensureMaintenanceSchedules } from '../../domain/production/maintenance-plans';
import { uniq } from '../support/fixtures';
import type { Harness } from '../support/harness';
import { component, manufactured, planMo, usePlant, waitMo, workCenter } from '../manufacturing/support';
import type { PreventiveOpening } from '../../workflows/maintenance/preventive-types';

let h: Harness;
usePlant((started) => (h = started));

const DAY_MS = 86_400_000;
const plan = (code: string) => `/api/work-centers/${code}/maintenance-plan`;
const schedule = (code: string) => h.env.client.schedule.getHandle(`maintenance-plan-${code}`);
const put = (code: string, body: object, as: 'planner' | 'manager' | 'technician' = 'planner') => h.api('PUT', plan(code), { body, as });

test('a plan written over the API is a schedule: interval, action, trigger, update, delete', async () => {
  const wc = await workCenter(h);
  const res = await put(wc.code, { everyDays: 14, durationMinutes: 180 });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ workCenter: wc.code, active: true, everyDays: 14, everyOperatingHours: null, durationMinutes: 180 });
  const d = await schedule(wc.code).describe();
  expect(d.spec.intervals).toMatchObject([{ every: 14 * DAY_MS }]);
  expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'preventiveMaintenance', taskQueue: 'orchestration' });
  expect(d.action.type === 'startWorkflow' && d.action.args).toEqual([
    { workCenterCode: wc.code, policy: { everyDays: 14, durationMinutes: 180 } },
  ]);
  expect(d.state.note).toMatch(/every 14 days/);
  expect((await h.get(plan(wc.code), 'technician')).body).toMatchObject({ everyDays: 14, scheduleId: `maintenance-plan-${wc.code}` });
  expect(await h.stores.operations.auditLog.count({ where: { entityRef: wc.code, action: 'maintenance_plan_written' } })).toBe(1);

  await schedule(wc.code).trigger();
  const r = await h.eventually(
    () => h.stores.production.maintenanceRequest.findFirst({ where: { workCenter: { code: wc.code }, kind: 'preventive' } }),
    'a preventive request from the triggered run',
  );
  expect(r).toMatchObject({ number: expect.stringMatching(/^MNT-\d{5}$/), durationMinutes: 180 });
  expect(r.plannedStart).not.toBeNull();
  // Open around the clock and idle: the service starts at once and a technician is asked.
  const task = await h.openTask(r.number, 'preventive-maintenance');
  expect((await h.decide(task.id, 'done', 'technician')).status).toBe(200);
  await h.eventually(
    async () => (await h.stores.production.maintenanceRequest.findUniqueOrThrow({ where: { id: r.id } })).status === 'done',
    'the service to be done',
  );

  expect((await put(wc.code, { everyDays: 3, durationMinutes: 60 }, 'manager')).status).toBe(200);
  expect((await schedule(wc.code).describe()).spec.intervals).toMatchObject([{ every: 3 * DAY_MS }]);

  const removed = await h.api('DELETE', plan(wc.code), { as: 'planner' });
  expect([removed.status, removed.body.active]).toEqual([200, false]);
  await expect(schedule(wc.code).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
  expect((await h.api('DELETE', plan(wc.code), { as: 'planner' })).status).toBe(200); // again: nothing left to delete
  // Only active plans get their schedule back at start.
  expect(await ensureMaintenanceSchedules(h.stores.production, h.env.client)).not.toContain(wc.code);
});

test('schedules of active plans are created at start, once', async () => {
  const wc = await workCenter(h);
  await h.stores.production.maintenancePlan.create({
    data: { workCenterId: wc.id, everyOperatingHours: 100, durationMinutes: 30, updatedBy: 'seed' },
  });
  expect(await ensureMaintenanceSchedules(h.stores.production, h.env.client)).toContain(wc.code);
  expect(await ensureMaintenanceSchedules(h.stores.production, h.env.client)).not.toContain(wc.code);
  const d = await schedule(wc.code).describe();
  expect(d.spec.intervals).toMatchObject([{ every: DAY_MS }]);
  await schedule(wc.code).delete();
});

test('bad plans are refused naming the field; an unknown work center is 404; other roles are 403', async () => {
  const wc = await workCenter(h);
  const neither = await put(wc.code, { durationMinutes: 60 });
  expect([neither.status, neither.body.error.details]).toEqual([
    400,
    [{ field: 'everyDays', message: expect.stringMatching(/everyDays or everyOperatingHours/) }],
  ]);
  const both = await put(wc.code, { everyDays: 7, everyOperatingHours: 100, durationMinutes: 60 });
  expect([both.status, both.body.error.details[0].field]).toEqual([400, 'everyOperatingHours']);
  const zero = await put(wc.code, { everyDays: 0, durationMinutes: 60 });
  expect([zero.status, zero.body.error.details[0].field]).toEqual([400, 'everyDays']);
  const noDuration = await put(wc.code, { everyDays: 7 });
  expect([noDuration.status, noDuration.body.error.details[0].field]).toEqual([400, 'durationMinutes']);
  expect((await put('NOPE-WC', { everyDays: 7, durationMinutes: 60 })).status).toBe(404);
  expect((await h.get(plan(wc.code), 'planner')).status).toBe(404); // nothing was written
  expect((await put(wc.code, { everyDays: 7, durationMinutes: 60 }, 'technician')).status).toBe(403);
  await expect(schedule(wc.code).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
  const bad = await h.post('/api/maintenance-requests/MNT-99999/reschedule', { plannedStart: 'tomorrow' }, 'planner');
  expect([bad.status, bad.body.error.details[0].field]).toEqual([400, 'plannedStart']);
  expect((await h.post('/api/maintenance-requests/MNT-99999/reschedule', { plannedStart: '2030-01-01T08:00:00Z' }, 'planner')).status).toBe(
    404,
  );
});

test('an hours-based plan counts run time from when it was written: no service before its hours, one after', async () => {
  const wc = await workCenter(h);
  const material = await component(h, { shop: 5 });
  const p = await manufactured(h, { parts: [{ sku: material.sku, quantity: 1 }], steps: [{ workCenter: wc, minutesPerUnit: 70 }] });
  const run = async () => waitMo(h, await planMo(h, p.sku, 1), 'done');
  await run(); // before the plan: does not count towards its first service
  const written = await put(wc.code, { everyOperatingHours: 1, durationMinutes: 30 });
  expect(written.body.operatingMinutesAtLast).toBeGreaterThanOrEqual(70);
  const fire = (): Promise<PreventiveOpening> =>
    h.env.client.workflow.execute('preventiveMaintenance', {
      taskQueue: 'orchestration',
      workflowId: uniq(`preventive-${wc.code}`),
      args: [{ workCenterCode: wc.code, policy: { everyOperatingHours: 1, durationMinutes: 30 } }],
    });
  expect(await fire()).toEqual({ opened: false, reason: `${wc.code} ran 0 of 60 minutes since the last service` });

  await run();
  const opening = await fire();
  expect(opening).toMatchObject({ opened: true, created: true });
  const saved = await h.stores.production.maintenancePlan.findUniqueOrThrow({ where: { workCenterId: wc.id } });
  expect(saved.operatingMinutesAtLast).toBeGreaterThanOrEqual(140);
  expect(saved.lastOpenedAt).not.toBeNull();
  if (opening.opened) {
    const task = await h.openTask(opening.number, 'preventive-maintenance');
    expect((await h.decide(task.id, 'done', 'technician')).status).toBe(200);
  }
  await schedule(wc.code).delete();
});
