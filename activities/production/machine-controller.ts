// The machine controller is an outside system on the shop-floor network: an unreachable or failing
// controller is retried; a refusal of the job itself is final.
import { ApplicationFailure } from '@temporalio/common';

/** A job as the controller reports it. */
export interface MachineJobStatus {
  jobId: string;
  state: 'running' | 'done' | 'broken' | 'rejected' | 'aborted';
  progress: number;
  minutesActual?: number;
  /** What the machine measured on the part (only on a finished job, and only if the machine measures). */
  measurements?: Record<string, number>;
  starts: number[];
}

/** Per-call timeout: a poll that hangs is abandoned and the next one tried, long before a heartbeat is missed. */
export const MACHINE_CALL_TIMEOUT_MS = 5_000;

/** One call to a machine controller; `cancelled` aborts it when the activity is cancelled. */
export async function callMachine(
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  body?: unknown,
  cancelled?: AbortSignal,
): Promise<unknown> {
  const timeout = AbortSignal.timeout(MACHINE_CALL_TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: cancelled ? AbortSignal.any([cancelled, timeout]) : timeout,
    });
  } catch (e) {
    if (cancelled?.aborted) throw cancelled.reason;
    throw new Error(`machine controller at ${url} did not answer: ${(e as Error).message}`, { cause: e });
  }
  const answer = (await res.json().catch(() => ({}))) as { message?: string };
  if (res.ok) return answer;
  if (res.status === 422)
    throw ApplicationFailure.nonRetryable(`machine refused the job: ${answer.message ?? res.statusText}`, 'MachineRejected');
  // 404 on a job the controller lost (a restart): the next attempt posts it again from the last heartbeat.
  if (res.status >= 400 && res.status < 500 && ![404, 408, 429].includes(res.status)) {
    throw ApplicationFailure.nonRetryable(
      `machine controller refused ${method} ${url}: ${res.status} ${JSON.stringify(answer)}`,
      'MachineRefused',
    );
  }
  throw new Error(`machine controller at ${url} answered ${res.status}; will retry`);
}
