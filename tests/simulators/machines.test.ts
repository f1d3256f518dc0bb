// The machine simulator over HTTP: progress in real time, idempotent job ids, and the faults tests
// steer it into, each at an exact point so the engine's resume logic can be checked to the percent.
import { startPartnerSimulator, type PartnerSimulator } from '../../simulators/partners';

// 10 ms per percent for a 50-minute job: 1 s from start to done.
const MINUTE_MS = 20;
let sim: PartnerSimulator;
beforeAll(async () => {
  sim = await startPartnerSimulator(0, '127.0.0.1', { machines: { minuteMs: MINUTE_MS } });
});
afterAll(async () => {
  await new Promise((r) => sim?.server.close(r));
});

let machines = 0;
const newMachine = () => `M${++machines}`;

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sim.url}/machines${path}`, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}
const post = (code: string, job: { jobId: string; minutes: number; resumeFrom?: number }) => call('POST', `/${code}/jobs`, job);
const job = async (code: string, jobId: string) => (await call('GET', `/${code}/jobs/${jobId}`)).body;
const control = (code: string, body: unknown) => call('POST', `/${code}/control`, body);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(code: string, jobId: string, done: (j: any) => boolean, timeoutMs = 5_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const j = await job(code, jobId);
    if (done(j)) return j;
    if (Date.now() > end) throw new Error(`job ${jobId} on ${code} never got there: ${JSON.stringify(j)}`);
    await pause(20);
  }
}

test('a job advances in real time, finishes with its run minutes, and the same id again reports it', async () => {
  const m = newMachine();
  const started = await post(m, { jobId: 'J1', minutes: 50 });
  expect(started).toMatchObject({ status: 202, body: { jobId: 'J1', state: 'running' } });
  expect(started.body.progress).toBeLessThan(10);
  await pause(300);
  const mid = await job(m, 'J1');
  expect(mid.state).toBe('running');
  expect(mid.progress).toBeGreaterThan(15);
  expect(mid.progress).toBeLessThan(90);
  expect((await call('GET', `/${m}`)).body).toMatchObject({ code: m, state: 'running', jobs: [{ jobId: 'J1' }] });
  const done = await until(m, 'J1', (j) => j.state === 'done');
  expect(done).toMatchObject({ progress: 100, minutesActual: 50, starts: [0] });
  expect(await post(m, { jobId: 'J1', minutes: 50, resumeFrom: 30 })).toMatchObject({
    status: 202,
    body: { state: 'done', progress: 100 },
  });
  expect((await job(m, 'J1')).starts).toEqual([0]);
  expect((await call('GET', `/${m}`)).body.state).toBe('idle');
});

test('posting a running job again returns it unchanged, even with a resume point', async () => {
  const m = newMachine();
  await post(m, { jobId: 'J1', minutes: 50 });
  await pause(200);
  const again = await post(m, { jobId: 'J1', minutes: 50, resumeFrom: 0 });
  expect(again.body.state).toBe('running');
  expect(again.body.progress).toBeGreaterThan(10);
  expect((await job(m, 'J1')).starts).toEqual([0]);
  expect((await call('GET', `/${m}/jobs/nope`)).status).toBe(404);
});

test('a stalled job freezes at exactly 40 % while still running, and resumes from the given progress', async () => {
  const m = newMachine();
  await control(m, { stallNext: 1 });
  await post(m, { jobId: 'J1', minutes: 50 });
  const stalled = await until(m, 'J1', (j) => j.progress >= 40);
  await pause(300);
  expect(await job(m, 'J1')).toMatchObject({ state: 'running', progress: 40 });
  expect(stalled).toMatchObject({ state: 'running', progress: 40 });
  // Without a resume point the caller only learns where the job is.
  expect((await post(m, { jobId: 'J1', minutes: 50 })).body).toMatchObject({ state: 'running', progress: 40 });
  await post(m, { jobId: 'J1', minutes: 50, resumeFrom: 40 });
  const done = await until(m, 'J1', (j) => j.state === 'done');
  expect(done).toMatchObject({ starts: [0, 40], minutesActual: 50 });
});

test('a breakdown stops a job at half of what it had left; a resumed start can break down again', async () => {
  const m = newMachine();
  await control(m, { breakdownNext: 2 });
  await post(m, { jobId: 'J1', minutes: 40 });
  expect(await until(m, 'J1', (j) => j.state !== 'running')).toMatchObject({ state: 'broken', progress: 50 });
  expect((await post(m, { jobId: 'J1', minutes: 40 })).body.state).toBe('broken');
  await post(m, { jobId: 'J1', minutes: 40, resumeFrom: 50 });
  expect(await until(m, 'J1', (j) => j.state !== 'running')).toMatchObject({ state: 'broken', progress: 75, starts: [0, 50] });
  // Restarting from scratch runs the lost half again: the machine reports the extra minutes.
  await post(m, { jobId: 'J1', minutes: 40, resumeFrom: 0 });
  expect(await until(m, 'J1', (j) => j.state !== 'running')).toMatchObject({
    state: 'done',
    starts: [0, 50, 0],
    minutesActual: 20 + 10 + 40,
  });
});

test('a slow machine takes slowFactor times longer and still advances', async () => {
  const m = newMachine();
  await control(m, { slowFactor: 3 });
  await post(m, { jobId: 'J1', minutes: 20 });
  await pause(300);
  const mid = await job(m, 'J1');
  expect(mid.state).toBe('running');
  expect(mid.progress).toBeGreaterThan(20);
  expect(mid.progress).toBeLessThan(90);
  expect(await until(m, 'J1', (j) => j.state === 'done')).toMatchObject({ minutesActual: 60 });
});

test('a machine that rejects answers 422 for that job, keeps refusing it, and accepts the next', async () => {
  const m = newMachine();
  await control(m, { rejectNext: 1 });
  expect(await post(m, { jobId: 'J1', minutes: 5 })).toMatchObject({ status: 422, body: { error: 'rejected' } });
  expect((await post(m, { jobId: 'J1', minutes: 5, resumeFrom: 0 })).status).toBe(422);
  expect(await job(m, 'J1')).toMatchObject({ state: 'rejected' });
  expect((await post(m, { jobId: 'J2', minutes: 5 })).status).toBe(202);
});

test('a machine that is down answers 503 until it is up again; an aborted job stays aborted', async () => {
  const m = newMachine();
  await post(m, { jobId: 'J1', minutes: 50 });
  await control(m, { down: true });
  expect((await post(m, { jobId: 'J2', minutes: 5 })).status).toBe(503);
  expect((await call('GET', `/${m}/jobs/J1`)).status).toBe(503);
  expect((await call('GET', `/${m}`)).body.state).toBe('down');
  await control(m, { down: false });
  const aborted = await call('DELETE', `/${m}/jobs/J1`);
  expect(aborted.body.state).toBe('aborted');
  await pause(100);
  expect(await call('DELETE', `/${m}/jobs/J1`)).toMatchObject({ status: 200, body: { state: 'aborted', progress: aborted.body.progress } });
  expect((await call('GET', `/${m}`)).body.state).toBe('idle');
});

test('control input is validated strictly, and reset brings a machine back to normal', async () => {
  const m = newMachine();
  for (const bad of [{ stallNext: -1 }, { slowFactor: 0 }, { breakdownNext: 1.5 }, { explode: true }, { reset: false }]) {
    expect((await control(m, bad)).status).toBe(400);
  }
  expect((await post(m, { jobId: 'J1', minutes: -1 })).status).toBe(400);
  expect((await post(m, { jobId: 'J1', minutes: 5, resumeFrom: 101 })).status).toBe(400);
  await control(m, { stallNext: 3, slowFactor: 2, rejectNext: 1 });
  expect((await control(m, { reset: true })).body.control).toEqual({
    breakdownNext: 0,
    stallNext: 0,
    slowFactor: 1,
    rejectNext: 0,
    down: false,
    measurements: {},
    outOfToleranceNext: 0,
  });
});

test('a finished job reports the nominal measurements; outOfToleranceNext shifts the next jobs far out of tolerance', async () => {
  const m = newMachine();
  const plain = await post(m, { jobId: 'J0', minutes: 5 });
  expect(plain.status).toBe(202);
  expect((await until(m, 'J0', (j) => j.state === 'done')).measurements).toBeUndefined();
  await control(m, { measurements: { diameter_mm: 20, length_mm: 100.5 }, outOfToleranceNext: 1 });
  await post(m, { jobId: 'J1', minutes: 5 });
  await post(m, { jobId: 'J2', minutes: 5 });
  expect((await job(m, 'J1')).measurements).toBeUndefined(); // only once done
  expect((await until(m, 'J1', (j) => j.state === 'done')).measurements).toEqual({ diameter_mm: 1020, length_mm: 1100.5 });
  expect((await until(m, 'J2', (j) => j.state === 'done')).measurements).toEqual({ diameter_mm: 20, length_mm: 100.5 });
  expect((await control(m, { measurements: { bad: 'x' } })).status).toBe(400);
});
