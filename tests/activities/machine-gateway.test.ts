// The machine-job activity against the real machine simulator and a real production store: progress
// is heartbeated only as the machine moves, a retry resumes from the last heartbeat, faults leave with
// the failure types the process decides on, and only a requested cancellation stops the machine.
import { ActivityCancellationDetails, ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { createProductionActivities } from '../../activities/production';
import { startPartnerSimulator, type PartnerSimulator } from '../../simulators/partners';
import { activityWorld } from '../support/activity-world';
import { uniq } from '../support/fixtures';

const world = activityWorld();
// 20 ms per machine minute: a 25-minute job runs for half a second.
const MINUTE_MS = 20;
let sim: PartnerSimulator;
let production: ReturnType<typeof createProductionActivities>;
beforeAll(async () => {
  sim = await startPartnerSimulator(0, '127.0.0.1', { machines: { minuteMs: MINUTE_MS } });
  production = createProductionActivities(world.stores.production, { machinePollMs: 20 });
});
afterAll(async () => {
  await new Promise((r) => sim?.server.close(r));
});

/** A work center with its own simulated machine and one planned work order of `minutes` on it. */
async function workOrder(minutes = 25, opts: { controller?: boolean } = {}) {
  const db = world.stores.production;
  const code = uniq('WC');
  const controllerUrl = opts.controller === false ? null : `${sim.url}/machines/${code}`;
  const wc = await db.workCenter.create({ data: { code, name: 'Test cell', costPerHourCents: 6000, controllerUrl } });
  const mo = await db.manufacturingOrder.create({
    data: {
      number: uniq('MO'),
      key: uniq('K'),
      productSku: 'TEST',
      quantity: 1,
      bomId: 1,
      status: 'in_progress',
      parentType: 'planner',
      requestedBy: 'test',
    },
  });
  const wo = await db.workOrder.create({
    data: { moId: mo.id, sequence: 10, name: 'Build', workCenterId: wc.id, status: 'planned', minutesPlanned: minutes },
  });
  const input = { workOrderId: wo.id, jobId: `${mo.number}-10-${code}`, controllerUrl, minutes };
  return { code, wo, input, controlUrl: `${sim.url}/machines/${code}/control`, machineUrl: `${sim.url}/machines/${code}` };
}

/** One activity attempt; `heartbeats` collects the progress it reported. */
function attempt(info: { heartbeatDetails?: unknown; heartbeatTimeoutMs?: number } = {}) {
  // Failed attempts are what these tests are about; the SDK's warning for each would only hide the results.
  const env = new MockActivityEnvironment(info, { logger: new DefaultLogger('ERROR') });
  const heartbeats: number[] = [];
  env.on('heartbeat', (d: { progress: number }) => heartbeats.push(d.progress));
  return { env, heartbeats, run: (input: Parameters<typeof production.runMachineJob>[0]) => env.run(production.runMachineJob, input) };
}

const steer = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const machineJob = async (machineUrl: string, jobId: string) => (await fetch(`${machineUrl}/jobs/${jobId}`)).json() as Promise<any>;
const row = (id: number) => world.stores.production.workOrder.findUniqueOrThrow({ where: { id } });

test('a job runs to the end: rising heartbeats, and the work order done with its minutes in one step', async () => {
  const { wo, input } = await workOrder(25);
  const a = attempt();
  expect(await a.run(input)).toEqual({ minutesActual: 25, resumedFrom: 0 });
  expect(a.heartbeats.length).toBeGreaterThan(3);
  expect(a.heartbeats).toEqual([...a.heartbeats].sort((x, y) => x - y));
  expect(a.heartbeats.at(-1)).toBe(100);
  const done = await row(wo.id);
  expect(done).toMatchObject({ status: 'done', progress: 100, minutesActual: 25, attempts: 1 });
  expect(done.startedAt).toBeTruthy();
  expect(done.finishedAt!.getTime()).toBeGreaterThanOrEqual(done.startedAt!.getTime());
  // A retry after success (the result was lost) changes nothing and does not run the job again.
  expect(await attempt().run(input)).toMatchObject({ minutesActual: 25 });
  expect(await row(wo.id)).toMatchObject({ attempts: 1, finishedAt: done.finishedAt });
});

test('a stalled machine sends no heartbeats; the next attempt resumes from the last one', async () => {
  const { wo, input, controlUrl, machineUrl } = await workOrder(25);
  await steer(controlUrl, { stallNext: 1 });
  const first = attempt({ heartbeatTimeoutMs: 150 });
  // Nothing tells a stalled attempt that the server gave up on it, so it stops polling by itself.
  await expect(first.run(input)).rejects.toThrow(/no progress/);
  expect(first.heartbeats.at(-1)).toBe(40);
  expect(await row(wo.id)).toMatchObject({ status: 'running', attempts: 1 });
  const second = attempt({ heartbeatDetails: { progress: 40 }, heartbeatTimeoutMs: 150 });
  expect(await second.run(input)).toEqual({ minutesActual: 25, resumedFrom: 40 });
  expect(second.heartbeats[0]).toBeGreaterThan(40);
  expect((await machineJob(machineUrl, input.jobId)).starts).toEqual([0, 40]);
  expect(await row(wo.id)).toMatchObject({ status: 'done', attempts: 2, progress: 100 });
});

test('a breakdown is a retryable MachineBreakdown; the retry resumes from the break point', async () => {
  const { wo, input, controlUrl } = await workOrder(25);
  await steer(controlUrl, { breakdownNext: 1 });
  const first = attempt();
  const failure = await first.run(input).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(ApplicationFailure);
  expect(failure).toMatchObject({ type: 'MachineBreakdown', nonRetryable: false });
  expect(first.heartbeats.at(-1)).toBe(50);
  expect(await row(wo.id)).toMatchObject({ status: 'running', progress: 50 });
  expect(await attempt({ heartbeatDetails: { progress: 50 } }).run(input)).toEqual({ minutesActual: 25, resumedFrom: 50 });
});

test('a slow machine keeps heartbeating and finishes, reporting the longer run', async () => {
  const { input, controlUrl } = await workOrder(10);
  await steer(controlUrl, { slowFactor: 4 });
  const a = attempt({ heartbeatTimeoutMs: 150 });
  expect(await a.run(input)).toEqual({ minutesActual: 40, resumedFrom: 0 });
  expect(a.heartbeats.length).toBeGreaterThan(10);
});

test('refusals are final: a rejected job, a work center without a controller, an unknown or cancelled work order', async () => {
  const rejected = await workOrder(5);
  await steer(rejected.controlUrl, { rejectNext: 1 });
  await expect(attempt().run(rejected.input)).rejects.toMatchObject({ type: 'MachineRejected', nonRetryable: true });
  const noController = await workOrder(5, { controller: false });
  await expect(attempt().run(noController.input)).rejects.toMatchObject({ type: 'NoMachineController', nonRetryable: true });
  await expect(
    attempt().run({ ...noController.input, controllerUrl: rejected.input.controllerUrl, workOrderId: 999_999 }),
  ).rejects.toMatchObject({ type: 'NOT_FOUND', nonRetryable: true });
  const cancelled = await workOrder(5);
  await world.stores.production.workOrder.update({ where: { id: cancelled.wo.id }, data: { status: 'cancelled' } });
  await expect(attempt().run(cancelled.input)).rejects.toMatchObject({ type: 'ILLEGAL_TRANSITION', nonRetryable: true });
});

test('a controller that is down or unreachable is a plain, retryable error', async () => {
  const { input, controlUrl } = await workOrder(5);
  await steer(controlUrl, { down: true });
  const down = await attempt()
    .run(input)
    .catch((e: unknown) => e);
  expect(down).toBeInstanceOf(Error);
  expect(down).not.toBeInstanceOf(ApplicationFailure);
  expect(String(down)).toMatch(/503/);
  const unreachable = await attempt()
    .run({ ...input, controllerUrl: 'http://127.0.0.1:9/machines/X' })
    .catch((e: unknown) => e);
  expect(unreachable).not.toBeInstanceOf(ApplicationFailure);
  expect(String(unreachable)).toMatch(/did not answer/);
});

test('a cancellation asked for by the process aborts the job; a timed-out attempt leaves it running', async () => {
  const cancelled = await workOrder(100);
  const a = attempt();
  const running = a.run(cancelled.input);
  while (a.heartbeats.length === 0) await new Promise((r) => setTimeout(r, 10));
  a.env.cancel('CANCELLED', new ActivityCancellationDetails({ cancelRequested: true }));
  await expect(running).rejects.toBeInstanceOf(CancelledFailure);
  expect((await machineJob(cancelled.machineUrl, cancelled.input.jobId)).state).toBe('aborted');

  const timedOut = await workOrder(100);
  const b = attempt();
  const still = b.run(timedOut.input);
  while (b.heartbeats.length === 0) await new Promise((r) => setTimeout(r, 10));
  b.env.cancel('TIMED_OUT', new ActivityCancellationDetails({ timedOut: true }));
  await expect(still).rejects.toBeInstanceOf(CancelledFailure);
  expect((await machineJob(timedOut.machineUrl, timedOut.input.jobId)).state).toBe('running');
  await fetch(`${timedOut.machineUrl}/jobs/${timedOut.input.jobId}`, { method: 'DELETE' });
});
