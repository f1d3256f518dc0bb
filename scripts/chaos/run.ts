// What every driven process shares: its plan, the outcome its inputs call for, what happened.
import { jitter, sleep, type Api } from './client';

export type Kind = 'order' | 'requisition' | 'ticket' | 'manufacturing' | 'return';

export interface Run {
  kind: Kind;
  index: number;
  plan: string;
  /** The end state this process must reach given its inputs (set once the inputs are known). */
  expected: string;
  number?: string;
  outcome?: string;
  finished: boolean;
  /** Concurrent duplicate calls sent (same payment, receipt or decision twice at once). */
  duplicateCalls: number;
  /** Things the run saw through the API that must not happen (e.g. both of two racing full payments accepted). */
  anomalies: string[];
  lastSeen?: string;
  error?: string;
  /** The order a return is asked for, once that order's own run has taken it to paid. */
  from?: Run;
}

export interface DriveContext {
  api: Api;
  deadline: number;
  pollMs: number;
  today: string;
}

export const newRun = (kind: Kind, index: number, plan: string, expected: string): Run => ({
  kind,
  index,
  plan,
  expected,
  finished: false,
  duplicateCalls: 0,
  anomalies: [],
});

/** Polls `step` until it reports the process finished or the deadline passes. */
export async function drive(ctx: DriveContext, run: Run, step: () => Promise<string | undefined>): Promise<void> {
  try {
    while (Date.now() < ctx.deadline) {
      const outcome = await step();
      if (outcome) {
        run.outcome = outcome;
        run.finished = true;
        return;
      }
      await sleep(jitter(ctx.pollMs));
    }
    run.error = `not finished by the deadline (last seen: ${run.lastSeen ?? 'nothing'})`;
  } catch (e) {
    run.error = `driver failed: ${(e as Error).message}`;
  }
}

/** Sends the same call twice at once; both answers come back for the caller to judge. */
export async function twice<T>(run: Run, call: () => Promise<T>): Promise<[T, T]> {
  run.duplicateCalls++;
  return Promise.all([call(), call()]);
}

export const ok = (status: number) => status >= 200 && status < 300;
export const money = (x: number) => Math.round(x * 100) / 100;
