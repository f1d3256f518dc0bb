// One job on a simulated machine. Progress is computed from the clock when asked, not ticked by a
// timer, so a job's position is exact and repeatable: a stall freezes it at 40 % of what was left at its
// start, a breakdown at 50 %, whatever the load on the test machine.

export type MachineJobState = 'running' | 'done' | 'broken' | 'rejected' | 'aborted';

/** What interrupts a run: a stall freezes progress (the job still says running); a breakdown ends the run. */
export type Fault = 'stall' | 'breakdown';

/** Share of the remaining work done when a fault strikes, counted from the progress the run started at. */
const FAULT_AT: Record<Fault, number> = { stall: 0.4, breakdown: 0.5 };

interface Run {
  from: number;
  since: number;
  msPerPercent: number;
  slowFactor: number;
  fault?: Fault;
  faultAt?: number;
}

export interface MachineJob {
  jobId: string;
  minutes: number;
  state: MachineJobState;
  progress: number;
  /** Progress at each (re)start. */
  starts: number[];
  /** Machine minutes of the runs that have ended (a stalled run's frozen time does not count). */
  runMinutes: number;
  minutesActual?: number;
  /** What the machine measured on the part, reported once the job is done. */
  measurements?: Record<string, number>;
  run?: Run;
}

export interface RunSettings {
  minuteMs: number;
  slowFactor: number;
  fault?: Fault;
}

export function newJob(jobId: string, minutes: number): MachineJob {
  return { jobId, minutes, state: 'running', progress: 0, starts: [], runMinutes: 0 };
}

export function rejectedJob(jobId: string, minutes: number): MachineJob {
  return { ...newJob(jobId, minutes), state: 'rejected' };
}

/** Brings the job's progress and state up to `now`. */
export function advance(job: MachineJob, now: number): MachineJob {
  const run = job.run;
  if (job.state !== 'running' || !run) return job;
  const limit = run.faultAt ?? 100;
  const reached = run.from + (now - run.since) / run.msPerPercent;
  job.progress = Math.min(reached, limit);
  if (reached < limit) return job;
  if (run.fault === 'breakdown') {
    endRun(job);
    job.state = 'broken';
  } else if (!run.fault) {
    endRun(job);
    job.state = 'done';
    job.progress = 100;
    job.minutesActual = Math.round(job.runMinutes);
  }
  // A stall leaves the run open: the job says running, its progress no longer moves.
  return job;
}

/** Starts (or restarts) the job at `from` percent, under the machine's current settings. */
export function startRun(job: MachineJob, from: number, now: number, settings: RunSettings): MachineJob {
  advance(job, now);
  endRun(job);
  job.state = 'running';
  job.progress = from;
  job.starts.push(from);
  job.run = {
    from,
    since: now,
    msPerPercent: (job.minutes * settings.minuteMs * settings.slowFactor) / 100,
    slowFactor: settings.slowFactor,
    ...(settings.fault ? { fault: settings.fault, faultAt: from + (100 - from) * FAULT_AT[settings.fault] } : {}),
  };
  return advance(job, now);
}

/** A new speed applies from now on; progress made so far stays, and so does a fault still ahead. */
export function changeSpeed(job: MachineJob, now: number, settings: RunSettings): MachineJob {
  advance(job, now);
  const run = job.run;
  if (job.state !== 'running' || !run) return job;
  endRun(job);
  job.run = {
    ...run,
    from: job.progress,
    since: now,
    msPerPercent: (job.minutes * settings.minuteMs * settings.slowFactor) / 100,
    slowFactor: settings.slowFactor,
  };
  return job;
}

export function abort(job: MachineJob, now: number): MachineJob {
  advance(job, now);
  if (job.state !== 'running') return job;
  endRun(job);
  job.state = 'aborted';
  return job;
}

/** A stalled run: still running, frozen at its fault point. */
export function isStalled(job: MachineJob): boolean {
  return job.state === 'running' && job.run?.fault === 'stall' && job.progress >= (job.run.faultAt ?? 100);
}

export function jobView(job: MachineJob) {
  return {
    jobId: job.jobId,
    state: job.state,
    progress: Math.round(job.progress * 1000) / 1000,
    minutes: job.minutes,
    ...(job.minutesActual !== undefined ? { minutesActual: job.minutesActual } : {}),
    ...(job.state === 'done' && job.measurements ? { measurements: job.measurements } : {}),
    starts: job.starts,
  };
}

function endRun(job: MachineJob): void {
  const run = job.run;
  if (!run) return;
  job.runMinutes += ((job.progress - run.from) / 100) * job.minutes * run.slowFactor;
  job.run = undefined;
}
