// A process's Temporal event history told for people: which step ran when, how it ended, how
// many attempts it took, which timers fired, and who sent which decision.
import type { Client, WorkflowExecutionDescription } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import type { OperationsDb } from '../../db/clients';
import { notFound } from '../errors';
import { mergeByTime, orderReturnEntries } from '../returns/return-history';
import { ownedHandle, ownerOf } from './process-identity';

type Event = temporal.api.history.v1.IHistoryEvent;

export interface HistoryEntry {
  at: string;
  kind: string;
  step: string;
  outcome?: string;
  attempts?: number;
  by?: string;
  detail?: string;
}

const decode = (payloads?: temporal.api.common.v1.IPayloads | null): unknown => {
  const p = payloads?.payloads?.[0];
  try {
    return p ? defaultPayloadConverter.fromPayload(p) : undefined;
  } catch {
    return undefined;
  }
};
const time = (e: Event) => {
  const t = e.eventTime;
  return t ? new Date(Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6)).toISOString() : '';
};
const words = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
const durationMs = (d?: { seconds?: unknown; nanos?: number | null } | null) => Number(d?.seconds ?? 0) * 1000 + (d?.nanos ?? 0) / 1e6;
const humanDuration = (ms: number) =>
  ms >= 86_400_000
    ? `${+(ms / 86_400_000).toFixed(1)} d`
    : ms >= 3_600_000
      ? `${+(ms / 3_600_000).toFixed(1)} h`
      : `${Math.round(ms / 1000)} s`;

// A task decision names its task; a decision sent to the process directly (a customer confirming or
// rejecting a resolution) has none, and its comment says why.
const decisionDetail = (input: Record<string, unknown>) => {
  if (input.taskId) return `${String(input.decision)} on ${String(input.taskId)}`;
  return input.comment ? `${String(input.decision)}: ${String(input.comment)}` : String(input.decision);
};

export function summarizeHistory(events: Event[]): HistoryEntry[] {
  const activities = new Map<string, string>();
  const timers = new Map<string, string>();
  const updates = new Map<string, { name: string; by?: string }>();
  const out: HistoryEntry[] = [];
  for (const e of events) {
    const id = String(e.eventId);
    if (e.workflowExecutionStartedEventAttributes) {
      out.push({
        at: time(e),
        kind: 'process',
        step: `${e.workflowExecutionStartedEventAttributes.continuedExecutionRunId ? 'continued as new' : 'started'} ${words(e.workflowExecutionStartedEventAttributes.workflowType?.name ?? '')}`,
      });
    } else if (e.activityTaskScheduledEventAttributes) {
      const a = e.activityTaskScheduledEventAttributes;
      const name = a.activityType?.name ?? 'activity';
      // Status changes are the process's milestones: name the status instead of the bookkeeping step.
      const status = name === 'setOrderStatus' ? (decode(a.input) as { status?: string } | undefined)?.status : undefined;
      activities.set(id, status ? `status: ${status}` : words(name));
    } else if (e.activityTaskCompletedEventAttributes || e.activityTaskFailedEventAttributes || e.activityTaskTimedOutEventAttributes) {
      const a = e.activityTaskCompletedEventAttributes ?? e.activityTaskFailedEventAttributes ?? e.activityTaskTimedOutEventAttributes!;
      const started = events.find((x) => String(x.eventId) === String(a.startedEventId));
      const attempts = started?.activityTaskStartedEventAttributes?.attempt ?? 1;
      const failure = e.activityTaskFailedEventAttributes?.failure ?? e.activityTaskTimedOutEventAttributes?.failure;
      const lastFailure = started?.activityTaskStartedEventAttributes?.lastFailure?.message;
      out.push({
        at: time(e),
        kind: 'step',
        step: activities.get(String(a.scheduledEventId)) ?? 'activity',
        outcome: e.activityTaskCompletedEventAttributes ? 'completed' : e.activityTaskTimedOutEventAttributes ? 'timed out' : 'failed',
        attempts,
        ...(failure?.message
          ? { detail: failure.cause?.message ?? failure.message }
          : attempts > 1 && lastFailure
            ? { detail: `retried after: ${lastFailure}` }
            : {}),
      });
    } else if (e.timerStartedEventAttributes) {
      timers.set(id, humanDuration(durationMs(e.timerStartedEventAttributes.startToFireTimeout)));
    } else if (e.timerFiredEventAttributes) {
      out.push({
        at: time(e),
        kind: 'timer',
        step: `waited ${timers.get(String(e.timerFiredEventAttributes.startedEventId)) ?? ''}`.trim(),
        outcome: 'deadline reached',
      });
    } else if (e.workflowExecutionSignaledEventAttributes) {
      const s = e.workflowExecutionSignaledEventAttributes;
      out.push({ at: time(e), kind: 'signal', step: words(s.signalName ?? ''), detail: JSON.stringify(decode(s.input)) });
    } else if (e.workflowExecutionUpdateAcceptedEventAttributes) {
      const u = e.workflowExecutionUpdateAcceptedEventAttributes;
      const input = decode(u.acceptedRequest?.input?.args) as Record<string, unknown> | undefined;
      const name = u.acceptedRequest?.input?.name ?? 'update';
      // Every human message names its sender: in a field ending in "By" (decidedBy, receivedBy, ...), or
      // plainly "by" (the ticket's messages).
      const byKey = input ? Object.keys(input).find((k) => /(^b|B)y$/.test(k) && typeof input[k] === 'string') : undefined;
      const by = byKey ? (input![byKey] as string) : undefined;
      updates.set(u.protocolInstanceId ?? id, { name, by });
      const what = input?.decision ? decisionDetail(input) : input?.reason ? `reason: ${input.reason}` : undefined;
      out.push({ at: time(e), kind: 'decision', step: words(name), by, ...(what ? { detail: String(what) } : {}) });
    } else if (e.workflowExecutionUpdateCompletedEventAttributes) {
      const c = e.workflowExecutionUpdateCompletedEventAttributes;
      const failed = c.outcome?.failure;
      if (failed)
        out.push({
          at: time(e),
          kind: 'decision',
          step: words(updates.get(c.meta?.updateId ?? '')?.name ?? 'update'),
          outcome: 'refused',
          detail: failed.message ?? undefined,
        });
    } else if (e.workflowExecutionCompletedEventAttributes) {
      const result = decode(e.workflowExecutionCompletedEventAttributes.result) as { status?: string } | undefined;
      out.push({ at: time(e), kind: 'process', step: 'completed', outcome: result?.status });
    } else if (e.workflowExecutionFailedEventAttributes) {
      out.push({
        at: time(e),
        kind: 'process',
        step: 'failed',
        detail: e.workflowExecutionFailedEventAttributes.failure?.message ?? undefined,
      });
    } else if (e.workflowExecutionTerminatedEventAttributes) {
      out.push({
        at: time(e),
        kind: 'process',
        step: 'terminated',
        detail: e.workflowExecutionTerminatedEventAttributes.reason ?? undefined,
      });
    }
  }
  return out;
}

/** A step still being retried has no completion event yet: shown with its attempts and last error. */
export function pendingSteps(description: WorkflowExecutionDescription): HistoryEntry[] {
  return (description.raw.pendingActivities ?? []).map((a) => ({
    at: new Date(Number(a.lastStartedTime?.seconds ?? a.scheduledTime?.seconds ?? 0) * 1000).toISOString(),
    kind: 'step',
    step: words(a.activityType?.name ?? 'activity'),
    outcome: a.attempt && a.attempt > 1 ? 'retrying' : 'running',
    attempts: a.attempt ?? 1,
    ...(a.lastFailure?.message ? { detail: a.lastFailure.message } : {}),
  }));
}

// The records whose processes are addressed by their number; other processes (purchase orders)
// are children of a requisition and tell their own story.
const RECORDS: { prefix: string; find: (db: OperationsDb, number: string) => Promise<{ id: number; createdAt: Date } | null> }[] = [
  { prefix: 'order-', find: (db, number) => db.salesOrder.findUnique({ where: { number }, select: { id: true, createdAt: true } }) },
  { prefix: 'ticket-', find: (db, number) => db.ticket.findUnique({ where: { number }, select: { id: true, createdAt: true } }) },
  { prefix: 'requisition-', find: (db, number) => db.requisition.findUnique({ where: { number }, select: { id: true, createdAt: true } }) },
  { prefix: 'return-', find: (db, number) => db.customerReturn.findUnique({ where: { number }, select: { id: true, createdAt: true } }) },
];

/** A history is only told for the process of a record this database knows, never for another record's. */
async function recordsProcess(db: OperationsDb, temporal: Client, workflowId: string) {
  const kind = RECORDS.find((k) => workflowId.startsWith(k.prefix));
  if (!kind) return temporal.workflow.getHandle(workflowId);
  const record = await kind.find(db, workflowId.slice(kind.prefix.length));
  if (!record) throw notFound(`Process ${workflowId}`);
  return ownedHandle(temporal, ownerOf(workflowId, record));
}

const continuedFrom = (events: Event[]) => events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;

/**
 * The events of every run of a process, the earliest run first: one that continued as new (a
 * long-lived ticket) tells its story over several runs (event ids restart with every run).
 */
export async function runHistories(temporal: Client, handle: { workflowId: string; fetchHistory(): Promise<{ events?: Event[] | null }> }) {
  const runs = [(await handle.fetchHistory()).events ?? []];
  for (let previous = continuedFrom(runs[0]); previous && runs.length < 1000; previous = continuedFrom(runs[0]))
    runs.unshift((await temporal.workflow.getHandle(handle.workflowId, previous).fetchHistory()).events ?? []);
  return runs;
}

export async function processHistory(db: OperationsDb, temporal: Client, workflowId: string) {
  const handle = await recordsProcess(db, temporal, workflowId);
  let description;
  try {
    description = await handle.describe();
  } catch (e) {
    if ((e as Error).name === 'WorkflowNotFoundError') throw notFound(`Process ${workflowId}`);
    throw e;
  }
  const runs = await runHistories(temporal, handle);
  const entries = [...runs.flatMap(summarizeHistory), ...pendingSteps(description)];
  // An order's returns belong to its story, also those that come back after its process closed.
  const returns = workflowId.startsWith('order-') ? await orderReturnEntries(db, workflowId.slice('order-'.length)) : [];
  return {
    workflowId,
    type: description.type,
    status: description.status.name,
    startedAt: description.startTime.toISOString(),
    closedAt: description.closeTime?.toISOString(),
    entries: mergeByTime(entries, returns),
  };
}
