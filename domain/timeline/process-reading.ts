// One process of a timeline read from Temporal: its history told as entries, and the processes it
// names (the one that started it, those it started, the purchase orders whose goods it was told
// about). A process that cannot be read is marked, never allowed to hide the others.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal as proto } from '@temporalio/proto';
import { AppError } from '../errors';
import { pendingSteps, runHistories, summarizeHistory, type HistoryEntry } from '../processes/history';
import { ownedHandle, ownerOf } from '../processes/process-identity';
import { workflowIdOf } from './documents';
import type { TimelineRecord } from './records';

export interface ProcessRead {
  /** Temporal's execution status (RUNNING, COMPLETED, …); absent when the process could not be read. */
  executionStatus?: string;
  startedAt?: string;
  closedAt?: string;
  /** The workflow id of the process that started this one as its child. */
  parent?: string;
  /** The workflow ids of the processes this one started as children. */
  children: string[];
  /** Purchase orders whose goods receipts this process was told about (PO-00001:DN-1 → PO-00001). */
  suppliedBy: string[];
  entries: HistoryEntry[];
  /** Why the process could not be read. */
  unavailable?: string;
}

type Event = proto.api.history.v1.IHistoryEvent;

const RECEIPT_FROM_PO = /^(PO-\d{5,}):/;

function receiptPurchaseOrders(events: Event[]): string[] {
  const out = new Set<string>();
  for (const e of events) {
    const payload = e.workflowExecutionSignaledEventAttributes?.input?.payloads?.[0];
    if (!payload) continue;
    try {
      const input = defaultPayloadConverter.fromPayload(payload) as { receiptReference?: unknown } | undefined;
      const po = typeof input?.receiptReference === 'string' ? RECEIPT_FROM_PO.exec(input.receiptReference)?.[1] : undefined;
      if (po) out.add(po);
    } catch {
      // a signal without a JSON payload names no receipt
    }
  }
  return [...out];
}

export async function readProcess(temporal: Client, record: TimelineRecord): Promise<ProcessRead> {
  const workflowId = workflowIdOf(record.doc);
  try {
    // The same proof as a record view: a process of an older record with the same number is not told.
    const handle = await ownedHandle(temporal, ownerOf(workflowId, record));
    // Described first: a process that is not there answers that plainly, its history read would not.
    const description = await handle.describe();
    const runs = await runHistories(temporal, handle);
    const events = runs.flat();
    return {
      executionStatus: description.status.name,
      startedAt: description.startTime.toISOString(),
      closedAt: description.closeTime?.toISOString(),
      parent: description.parentExecution?.workflowId ?? undefined,
      children: events.flatMap((e) => e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId ?? []),
      suppliedBy: receiptPurchaseOrders(events),
      entries: [...runs.flatMap(summarizeHistory), ...pendingSteps(description)],
    };
  } catch (e) {
    const unavailable =
      e instanceof AppError
        ? e.message
        : e instanceof WorkflowNotFoundError || (e as Error).name === 'WorkflowNotFoundError'
          ? `process ${workflowId} is not in this Temporal namespace (not started yet, or removed)`
          : `process ${workflowId} could not be read: ${(e as Error).message}`;
    return { children: [], suppliedBy: [], entries: [], unavailable };
  }
}
