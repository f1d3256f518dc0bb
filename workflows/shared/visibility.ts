// What a process publishes to Temporal's visibility store (see domain/processes/search-attributes.ts):
// its business facts once at the start, then its status and what it waits on whenever they change,
// so the Temporal Web UI and GET /api/processes can filter every process by them.
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { patched, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { ProcessKind, WaitingOn } from '../../domain/processes/kinds';
import { SA } from '../../domain/processes/search-attributes';

export interface Wait {
  waitingOn: WaitingOn;
  /** The role, user, partner code, work center or timer purpose. */
  waitingFor?: string;
  /** When the wait is due (ISO or Date); past it the process is overdue. */
  dueAt?: string | Date;
}

// Histories recorded before processes published anything must replay without these commands.
const enabled = () => patched('search-attributes');

/** The facts that stay for the process's life; called once at its start. */
export function publishIdentity(facts: {
  kind: ProcessKind;
  document: string;
  status: string;
  customer?: string;
  supplier?: string;
  amountCents?: number;
}): void {
  if (!enabled()) return;
  const pairs: SearchAttributeUpdatePair[] = [
    { key: SA.kind, value: facts.kind },
    { key: SA.document, value: facts.document },
    { key: SA.status, value: facts.status },
  ];
  if (facts.customer) pairs.push({ key: SA.customer, value: facts.customer });
  if (facts.supplier) pairs.push({ key: SA.supplier, value: facts.supplier });
  if (facts.amountCents !== undefined && Number.isSafeInteger(facts.amountCents)) pairs.push({ key: SA.amount, value: facts.amountCents });
  // A parent or the API may have set some at the start already; upsert only what differs.
  const current = workflowInfo().typedSearchAttributes;
  const changed = pairs.filter((p) => current.get(p.key as never) !== p.value);
  if (changed.some((p) => p.key === SA.status) || !current.get(SA.statusSince)) changed.push({ key: SA.statusSince, value: new Date() });
  if (changed.length) upsertSearchAttributes(changed);
  lastStatus = facts.status;
}

let lastStatus: string | undefined;
let lastWait: Wait | undefined;

/**
 * The process's status and/or what it waits on now. A status change without a wait clears the wait
 * (the process works on its own until it says what it waits on next).
 */
export function publish(change: { status?: string } & Partial<Wait>): void {
  if (!enabled()) return;
  const pairs: SearchAttributeUpdatePair[] = [];
  if (change.status !== undefined && change.status !== lastStatus) {
    // Workflow time: the moment the status changed, the same on every replay.
    pairs.push({ key: SA.status, value: change.status }, { key: SA.statusSince, value: new Date() });
    lastStatus = change.status;
  }
  const wait: Wait | undefined = change.waitingOn
    ? { waitingOn: change.waitingOn, waitingFor: change.waitingFor, dueAt: change.dueAt }
    : change.status !== undefined && pairs.length
      ? { waitingOn: 'nothing' }
      : undefined;
  if (wait && !sameWait(wait, lastWait)) {
    const due = wait.dueAt === undefined ? null : new Date(wait.dueAt);
    pairs.push(
      { key: SA.waitingOn, value: wait.waitingOn },
      { key: SA.waitingFor, value: wait.waitingFor ?? null },
      { key: SA.dueAt, value: due && !Number.isNaN(due.getTime()) ? due : null },
    );
    lastWait = wait;
  }
  if (pairs.length) upsertSearchAttributes(pairs);
}

const iso = (d?: string | Date) => (d === undefined ? undefined : String(new Date(d).getTime()));
const sameWait = (a: Wait, b?: Wait) =>
  !!b && a.waitingOn === b.waitingOn && a.waitingFor === b.waitingFor && iso(a.dueAt) === iso(b.dueAt);
