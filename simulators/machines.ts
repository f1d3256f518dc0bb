// Simulated machine controllers, one per work center code at /machines/{code}. A job's progress runs in
// real time (minutes × minuteMs × slowFactor for 0→100 %), so heartbeats, stalls and breakdowns reach the
// engine exactly as from a shop floor. Tests and operators steer each machine through /control.
// A finished job reports the machine's `measurements` of the part (the nominal values set by control, none
// by default); `outOfToleranceNext: n` shifts every measurement of the next n new jobs by +1000, far
// outside any sensible tolerance, so a quality check fails.
import express from 'express';
import { z } from 'zod';
import { config } from '../config';
import { abort, advance, changeSpeed, isStalled, jobView, newJob, rejectedJob, startRun, type Fault, type MachineJob } from './machine-job';

export interface MachineControl {
  /** The next n job starts (new or resumed) break down half way through what they had left. */
  breakdownNext: number;
  /** The next n job starts freeze at 40 % of what they had left: still running, no more progress. */
  stallNext: number;
  /** Jobs take this many times longer; progress still advances. */
  slowFactor: number;
  /** The next n new jobs are refused. */
  rejectNext: number;
  /** The controller answers job calls with 503 until it is brought back up. */
  down: boolean;
  /** Nominal values a finished job reports as measured (name → value), e.g. { diameter_mm: 20 }. */
  measurements: Record<string, number>;
  /** The next n new jobs report every measurement shifted by +1000 (out of tolerance). */
  outOfToleranceNext: number;
}

/** How far an out-of-tolerance job's measurements are off. */
export const OUT_OF_TOLERANCE_SHIFT = 1000;

const ZControl = z
  .object({
    breakdownNext: z.number().int().min(0).optional(),
    stallNext: z.number().int().min(0).optional(),
    slowFactor: z.number().positive().max(1000).optional(),
    rejectNext: z.number().int().min(0).optional(),
    down: z.boolean().optional(),
    measurements: z.record(z.string().min(1).max(100), z.number()).optional(),
    outOfToleranceNext: z.number().int().min(0).optional(),
    reset: z.literal(true).optional(),
  })
  .strict();

const ZJob = z.object({
  jobId: z.string().min(1).max(200),
  minutes: z.number().positive(),
  resumeFrom: z.number().min(0).max(100).optional(),
});

interface Machine {
  code: string;
  control: MachineControl;
  jobs: Map<string, MachineJob>;
}

const fresh = (): MachineControl => ({
  breakdownNext: 0,
  stallNext: 0,
  slowFactor: 1,
  rejectNext: 0,
  down: false,
  measurements: {},
  outOfToleranceNext: 0,
});

/** What a new job will report as measured: the nominal values, shifted while outOfToleranceNext lasts. */
function measurementsOf(c: MachineControl): Record<string, number> | undefined {
  const names = Object.keys(c.measurements);
  if (names.length === 0) return undefined;
  const shift = c.outOfToleranceNext > 0 ? OUT_OF_TOLERANCE_SHIFT : 0;
  if (shift) c.outOfToleranceNext--;
  return Object.fromEntries(names.map((n) => [n, c.measurements[n] + shift]));
}

export interface MachineSimulatorOptions {
  /** Real milliseconds per machine minute (default: config MACHINE_MINUTE_MS). */
  minuteMs?: number;
}

export function createMachineSimulator(opts: MachineSimulatorOptions = {}) {
  const minuteMs = opts.minuteMs ?? config().MACHINE_MINUTE_MS;
  const machines = new Map<string, Machine>();
  const machine = (code: string): Machine => {
    let m = machines.get(code);
    if (!m) machines.set(code, (m = { code, control: fresh(), jobs: new Map() }));
    return m;
  };
  const jobs = (m: Machine) => [...m.jobs.values()].map((j) => advance(j, Date.now()));
  const state = (m: Machine) => (m.control.down ? 'down' : jobs(m).some((j) => j.state === 'running') ? 'running' : 'idle');

  /** Each start takes at most one fault, a breakdown before a stall. */
  function nextFault(c: MachineControl): Fault | undefined {
    if (c.breakdownNext > 0) {
      c.breakdownNext--;
      return 'breakdown';
    }
    if (c.stallNext > 0) {
      c.stallNext--;
      return 'stall';
    }
    return undefined;
  }
  const start = (m: Machine, job: MachineJob, from: number) =>
    startRun(job, from, Date.now(), { minuteMs, slowFactor: m.control.slowFactor, fault: nextFault(m.control) });

  const router = express.Router();
  router.use(express.json());
  const bad = (res: express.Response, error: z.ZodError) => void res.status(400).json({ error: 'invalid', issues: error.issues });
  const unavailable = (res: express.Response, m: Machine) =>
    void res.status(503).json({ error: 'down', message: `machine ${m.code} is down` });

  router.get('/:code', (req, res) => {
    const m = machine(req.params.code);
    res.json({ code: m.code, state: state(m), control: m.control, jobs: jobs(m).map(jobView) });
  });

  router.post('/:code/control', (req, res) => {
    const parsed = ZControl.safeParse(req.body);
    if (!parsed.success) return bad(res, parsed.error);
    const m = machine(req.params.code);
    const { reset, ...changes } = parsed.data;
    const control = { ...(reset ? fresh() : m.control), ...changes };
    if (control.slowFactor !== m.control.slowFactor) {
      for (const job of m.jobs.values()) changeSpeed(job, Date.now(), { minuteMs, slowFactor: control.slowFactor });
    }
    m.control = control;
    res.json({ code: m.code, state: state(m), control });
  });

  router.post('/:code/jobs', (req, res) => {
    const parsed = ZJob.safeParse(req.body);
    if (!parsed.success) return bad(res, parsed.error);
    const m = machine(req.params.code);
    if (m.control.down) return unavailable(res, m);
    const { jobId, minutes, resumeFrom } = parsed.data;
    let job = m.jobs.get(jobId);
    if (!job) {
      const refused = m.control.rejectNext > 0;
      if (refused) m.control.rejectNext--;
      job = refused
        ? rejectedJob(jobId, minutes)
        : start(m, { ...newJob(jobId, minutes), measurements: measurementsOf(m.control) }, resumeFrom ?? 0);
      m.jobs.set(jobId, job);
    } else {
      advance(job, Date.now());
      // A caller that lost track of its job asks again: a job that cannot go on by itself restarts where
      // the caller last saw it; one still moving or finished is only reported.
      const halted = job.state === 'broken' || job.state === 'aborted' || isStalled(job);
      if (halted && resumeFrom !== undefined) start(m, job, resumeFrom);
    }
    if (job.state === 'rejected')
      return void res.status(422).json({ error: 'rejected', message: `machine ${m.code} rejected job ${jobId}` });
    res.status(202).json({ jobId, state: job.state, progress: jobView(job).progress });
  });

  router.get('/:code/jobs/:jobId', (req, res) => {
    const m = machine(req.params.code);
    if (m.control.down) return unavailable(res, m);
    const job = m.jobs.get(req.params.jobId);
    if (!job) return void res.status(404).json({ error: 'not_found', message: `no job ${req.params.jobId} on machine ${m.code}` });
    res.json(jobView(advance(job, Date.now())));
  });

  router.delete('/:code/jobs/:jobId', (req, res) => {
    const m = machine(req.params.code);
    if (m.control.down) return unavailable(res, m);
    const job = m.jobs.get(req.params.jobId);
    if (!job) return void res.status(404).json({ error: 'not_found', message: `no job ${req.params.jobId} on machine ${m.code}` });
    res.json(jobView(abort(job, Date.now())));
  });

  return { router, machines, minuteMs };
}

export type MachineSimulator = ReturnType<typeof createMachineSimulator>;
