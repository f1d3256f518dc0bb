// Work orders on machines through the machine gateway, against the machine simulator over real
// HTTP: slow machines kept alive by heartbeats, a stall caught by the heartbeat timeout and resumed
// where it stopped, breakdowns moving the work to the alternative work center, and with none the
// work center's maintenance request that holds it until repaired (or a shop-floor task once it is
// declared out of service).
import { declareOutOfService, repairWorkCenter } from '../maintenance/support';
import type { Harness } from '../support/harness';
import { component, historyEvents, machine, machineJobs, manufactured, planMo, waitMo, workCenter, usePlant } from './support';

let h: Harness;
usePlant((started) => (h = started));

async function oneStepProduct(steps: Parameters<typeof manufactured>[1]['steps']) {
  const part = await component(h, { cost: 1, shop: 100 });
  return manufactured(h, { parts: [{ sku: part.sku, quantity: 1 }], steps });
}

/** The machine-job activity's start events in a process history (one per attempt that completed or failed last). */
async function machineAttempts(workflowId: string) {
  const events = await historyEvents(h, workflowId);
  const scheduled = new Map(
    events
      .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'runMachineJob')
      .map((e) => [String(e.eventId), e.activityTaskScheduledEventAttributes!]),
  );
  return events
    .filter((e) => e.activityTaskStartedEventAttributes && scheduled.has(String(e.activityTaskStartedEventAttributes.scheduledEventId)))
    .map((e) => e.activityTaskStartedEventAttributes!);
}

test('a slow machine stays alive on its heartbeats and reports the longer run time', async () => {
  const wc = await workCenter(h);
  // 20 machine minutes × 4 at 50 ms a minute: 4 s, twice the heartbeat timeout.
  const p = await oneStepProduct([{ workCenter: wc, minutesPerUnit: 20 }]);
  await machine(h, wc.code, { slowFactor: 4 });
  const number = await planMo(h, p.sku, 1);
  await waitMo(h, number, 'done');
  const wo = await h.stores.production.workOrder.findFirstOrThrow({ where: { mo: { number } } });
  expect(wo).toMatchObject({ status: 'done', progress: 100, minutesPlanned: 20, minutesActual: 80, attempts: 1 });
  const [started] = await machineAttempts(`mo-${number}`);
  expect(started.attempt).toBe(1);
  await machine(h, wc.code, { reset: true });
});

test('a stalled machine is caught by the heartbeat timeout and the retry resumes from the last progress', async () => {
  const wc = await workCenter(h);
  const p = await oneStepProduct([{ workCenter: wc, minutesPerUnit: 10 }]);
  await machine(h, wc.code, { stallNext: 1 });
  const number = await planMo(h, p.sku, 1);
  await waitMo(h, number, 'done');
  const [job] = await machineJobs(h, wc.code);
  expect(job.state).toBe('done');
  expect(job.starts).toHaveLength(2);
  expect(job.starts[0]).toBe(0);
  expect(job.starts[1]).toBeGreaterThan(30); // it froze at about 40% and went on from there
  const attempts = await machineAttempts(`mo-${number}`);
  expect(attempts.at(-1)?.attempt).toBe(2);
  expect(attempts.at(-1)?.lastFailure?.message).toMatch(/heartbeat/i);
});

test('breakdowns move the work order to the alternative work center, and the rest of the plan follows', async () => {
  const saw = await workCenter(h);
  const backup = await workCenter(h);
  const bench = await workCenter(h);
  const p = await oneStepProduct([
    { name: 'Cut', workCenter: saw, alternative: backup, minutesPerUnit: 5 },
    { name: 'Assemble', workCenter: bench, minutesPerUnit: 5 },
  ]);
  await machine(h, saw.code, { breakdownNext: 2 });
  const number = await planMo(h, p.sku, 2);
  await waitMo(h, number, 'done');
  const view = (await h.get(`/api/manufacturing-orders/${number}`)).body;
  expect(view.workOrders.map((w: { workCenter: string; status: string }) => [w.workCenter, w.status])).toEqual([
    [backup.code, 'done'],
    [bench.code, 'done'],
  ]);
  expect(view.process.events.map((e: { step: string }) => e.step)).toEqual(expect.arrayContaining(['machine_failed', 'moved']));
  expect((await machineJobs(h, saw.code)).map((j) => j.state)).toEqual(['broken']);
  expect((await machineJobs(h, backup.code)).map((j) => j.state)).toEqual(['done']);
  await machine(h, saw.code, { reset: true });
});

test('with no alternative, the work order is held until the machine is repaired', async () => {
  const press = await workCenter(h);
  const p = await oneStepProduct([{ workCenter: press, minutesPerUnit: 3 }]);
  await machine(h, press.code, { breakdownNext: 2 });
  const number = await planMo(h, p.sku, 1);
  await waitMo(h, number, 'held');
  const held = (await h.get(`/api/manufacturing-orders/${number}`)).body;
  expect(held.workOrders[0].status).toBe('held');
  expect(held.statusNote).toMatch(/waits for .* \(MNT-\d+\)/);

  // The technician repairs the machine and the work order runs again.
  await repairWorkCenter(h, press.id);
  await waitMo(h, number, 'done');
  const jobs = await machineJobs(h, press.code);
  expect(jobs.map((j) => j.state)).toEqual(['broken', 'done']);
});

test('with no alternative and the machine beyond repair, the shop floor cancels the order', async () => {
  const oven = await workCenter(h);
  const p = await oneStepProduct([{ workCenter: oven, minutesPerUnit: 3 }]);
  await machine(h, oven.code, { rejectNext: 1 });
  const number = await planMo(h, p.sku, 1);
  await declareOutOfService(h, oven.id, 'the controller is dead');
  const task = await h.openTask(number, 'machine-down');
  expect(task.role).toBe('production');
  // Only production staff decide.
  const refused = await h.decide(task.id, 'cancel', 'warehouse');
  expect(refused.status).toBe(403);
  expect(refused.body.error.message).toMatch(/role production/);
  expect((await h.decide(task.id, 'cancel', 'planner', 'oven needs a new controller')).status).toBe(200);
  await waitMo(h, number, 'cancelled');
  const mo = await h.stores.production.manufacturingOrder.findUniqueOrThrow({ where: { number } });
  expect(mo.statusNote).toMatch(/oven needs a new controller/);
  // The part was issued before the first operation, so it is a loss; nothing ran.
  expect(mo.lossCents).toBe(100);
});
