// When a running process is expected to finish, measured rather than assumed: past completed runs of
// the same kind say how long they took from the moment they entered the status this one is in now.
import type { Client } from '@temporalio/client';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import type { temporal } from '@temporalio/proto';
import { literal } from './process-search';
import { SA } from './search-attributes';

type Event = temporal.api.history.v1.IHistoryEvent;

export type Eta =
  | {
      expectedAt: string;
      basedOnRuns: number;
      range: { earliest: string; latest: string };
      fromStatus: string;
      method: string;
    }
  | { expectedAt: null; basedOnRuns: 0; reason: string };

/** How many completed runs of a kind are measured, and for how long their figures are reused. */
export const ETA_RUNS = 50;
export const ETA_CACHE_MS = 30_000;

const ms = (t?: { seconds?: unknown; nanos?: number | null } | null) =>
  t ? Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6) : 0;

/** Each business status the history entered, in order, with when (from the start's and the upserts' search attributes). */
export function statusEntries(events: Event[]): { status: string; at: number }[] {
  const out: { status: string; at: number }[] = [];
  for (const e of events) {
    const fields =
      e.workflowExecutionStartedEventAttributes?.searchAttributes?.indexedFields ??
      e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
    if (!fields || !fields[SA.status.name]) continue;
    const status = decodeTypedSearchAttributes(fields).get(SA.status);
    if (status && status !== out.at(-1)?.status) out.push({ status, at: ms(e.eventTime) });
  }
  return out;
}

/** For one completed run: per status it passed, the time from first entering it to the run's close. */
function remainingByStatus(events: Event[], closedAt: number): Map<string, number> {
  const m = new Map<string, number>();
  for (const { status, at } of statusEntries(events)) if (!m.has(status)) m.set(status, closedAt - at);
  return m;
}

interface KindFigures {
  at: number;
  runs: Map<string, number>[];
}
const cache = new WeakMap<Client, Map<string, Promise<KindFigures>>>();

/** The last completed runs of a kind, measured; kept ETA_CACHE_MS so a list page reads each kind's histories once. */
async function kindFigures(temporal: Client, kind: string, now: number): Promise<KindFigures> {
  const perClient = cache.get(temporal) ?? new Map<string, Promise<KindFigures>>();
  cache.set(temporal, perClient);
  const hit = perClient.get(kind);
  if (hit) {
    const f = await hit.catch(() => undefined);
    if (f && now - f.at < ETA_CACHE_MS) return f;
  }
  const fresh = measure(temporal, kind, now);
  perClient.set(kind, fresh);
  // Nothing to measure is cheap to ask again, and the first completed run should count at once.
  fresh.then((f) => f.runs.length || perClient.delete(kind)).catch(() => perClient.delete(kind));
  return fresh;
}

async function measure(temporal: Client, kind: string, now: number): Promise<KindFigures> {
  const { executions } = await temporal.workflowService.listWorkflowExecutions({
    namespace: temporal.options.namespace,
    query: `${SA.kind.name} = ${literal(kind)} AND ExecutionStatus = 'Completed'`,
    pageSize: ETA_RUNS,
  });
  const runs = await Promise.all(
    (executions ?? []).slice(0, ETA_RUNS).map(async (e) => {
      const history = await temporal.workflow.getHandle(e.execution!.workflowId!, e.execution!.runId ?? undefined).fetchHistory();
      return remainingByStatus(history.events ?? [], ms(e.closeTime));
    }),
  );
  return { at: now, runs };
}

const quantile = (sorted: number[], q: number) => {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  return sorted[lo] + (sorted[Math.ceil(i)] - sorted[lo]) * (i - lo);
};

/**
 * The expected completion of a running process of `kind` that entered `status` at `enteredAt`.
 * Runs that finished sooner after that status than this one has already spent in it say nothing
 * about this one and are left out (unless every run did).
 */
export async function estimateCompletion(
  temporal: Client,
  kind: string,
  status: string,
  enteredAt: number,
  now = Date.now(),
): Promise<Eta> {
  const { runs } = await kindFigures(temporal, kind, now);
  const all = runs.map((r) => r.get(status)).filter((d): d is number => d !== undefined);
  if (all.length === 0) {
    return {
      expectedAt: null,
      basedOnRuns: 0,
      reason: runs.length
        ? `none of the last ${runs.length} completed ${kind} processes passed status ${status}`
        : `no completed ${kind} process to measure yet`,
    };
  }
  const elapsed = now - enteredAt;
  const longer = all.filter((d) => d >= elapsed);
  const durations = (longer.length ? longer : all).sort((a, b) => a - b);
  const few = durations.length < 5;
  const at = (d: number) => new Date(Math.max(enteredAt + d, now)).toISOString();
  return {
    expectedAt: at(quantile(durations, 0.5)),
    basedOnRuns: durations.length,
    range: { earliest: at(few ? durations[0] : quantile(durations, 0.1)), latest: at(few ? durations.at(-1)! : quantile(durations, 0.9)) },
    fromStatus: status,
    method:
      `median time from entering "${status}" to completion over ${durations.length} of the last ${runs.length} completed ${kind} processes` +
      `${longer.length ? ' that spent at least as long in it' : ''}; range ${few ? 'min–max' : '10th–90th percentile'}`,
  };
}

/** The ETA of one execution: closed ones have none; running ones are measured from their current status's entry. */
export async function etaOf(temporal: Client, workflowId: string, running: boolean, kind: string, now = Date.now()): Promise<Eta> {
  if (!running) return { expectedAt: null, basedOnRuns: 0, reason: 'closed' };
  const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
  const entries = statusEntries(history.events ?? []);
  const current = entries.at(-1);
  if (!current) return { expectedAt: null, basedOnRuns: 0, reason: 'the process has not published a status yet' };
  return estimateCompletion(temporal, kind, current.status, current.at, now);
}
