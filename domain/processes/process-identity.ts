// A record and its process must prove they belong together. Workflow ids are business keys
// (order-SO-00001), so a database reset or restored beside a long-lived Temporal namespace hands
// out numbers whose ids an older process still holds. Each process therefore carries its record's
// token in its memo (the record's row id and creation instant, which no other record of any
// database generation shares), and every start, read and update compares it before trusting it.
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import { AppError, AppErrorCode } from '../errors';

export interface ProcessOwner {
  workflowId: string;
  /** The record's token, see recordToken. */
  token: string;
  /** The record's creation instant: the fallback proof for a process started without a token. */
  createdAt: Date;
}

export const MEMO_KEY = 'recordToken';

/** Row id plus creation instant: a reset database repeats ids and numbers, never both with the same instant. */
export const recordToken = (r: { id: number; createdAt: Date }) => `${r.id}@${r.createdAt.toISOString()}`;

export const ownerOf = (workflowId: string, r: { id: number; createdAt: Date }): ProcessOwner => ({
  workflowId,
  token: recordToken(r),
  createdAt: r.createdAt,
});

// Processes started by other processes (child workflows) carry no memo. A record is always written
// before its process starts, so a process that started clearly before the record was written
// belongs to an earlier record with the same number. The margin absorbs clock differences between
// this host and the Temporal server; a reset database is not refilled within seconds of the old run.
const CLOCK_MARGIN_MS = 5_000;

export function foreignProcess(workflowId: string): AppError {
  return new AppError(AppErrorCode.ILLEGAL_TRANSITION, {
    message:
      `process id ${workflowId} is already used by another record in this Temporal namespace; the database was reset beside an ` +
      'old namespace — use a fresh namespace or TEMPORAL_NAMESPACE',
  });
}

// A verified pair stays verified: a run's memo never changes and a new run of the same id is only
// started for a record with another token. Keyed per client so separate namespaces never mix.
const verified = new WeakMap<Client, Set<string>>();
const VERIFIED_LIMIT = 10_000;

async function belongs(temporal: Client, owner: ProcessOwner): Promise<boolean> {
  const seen = verified.get(temporal) ?? new Set<string>();
  verified.set(temporal, seen);
  const key = `${owner.workflowId} ${owner.token}`;
  if (seen.has(key)) return true;
  const d = await temporal.workflow.getHandle(owner.workflowId).describe();
  const memo = await d.memo;
  const token = memo?.[MEMO_KEY];
  const ok = typeof token === 'string' ? token === owner.token : d.startTime.getTime() >= owner.createdAt.getTime() - CLOCK_MARGIN_MS;
  if (seen.size >= VERIFIED_LIMIT) seen.clear(); // a cache, not a registry: a long-running API must not grow without bound
  if (ok) seen.add(key);
  return ok;
}

/**
 * Starts the record's process once; a second start for the same record is a no-op, never a twin.
 * An existing process of another record is refused (foreignProcess).
 */
export async function startOwnedProcess(
  temporal: Client,
  owner: ProcessOwner,
  workflowType: string,
  options: { taskQueue: string; args: unknown[] },
): Promise<void> {
  try {
    await temporal.workflow.start(workflowType, {
      taskQueue: options.taskQueue,
      workflowId: owner.workflowId,
      args: options.args,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      memo: { [MEMO_KEY]: owner.token },
    });
    verified.get(temporal)?.add(`${owner.workflowId} ${owner.token}`);
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    if (!(await belongs(temporal, owner))) throw foreignProcess(owner.workflowId);
  }
}

/**
 * The record's process, after proving it is the record's own. A record whose process does not
 * exist (yet) is left to the caller's call to fail as it always did.
 */
export async function ownedHandle(temporal: Client, owner: ProcessOwner): Promise<WorkflowHandle> {
  try {
    if (!(await belongs(temporal, owner))) throw foreignProcess(owner.workflowId);
  } catch (e) {
    if (!(e instanceof WorkflowNotFoundError)) throw e;
  }
  return temporal.workflow.getHandle(owner.workflowId);
}
