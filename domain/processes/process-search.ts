// Finding processes by their business facts: a filter becomes a Temporal visibility query over the
// search attributes every process publishes (search-attributes.ts), answered a page at a time.
import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import type { temporal } from '@temporalio/proto';
import { PROCESS_KINDS, type ProcessKind, type WaitingOn } from './kinds';
import { invalid } from '../errors';
import { SA } from './search-attributes';
import { temporalUiLink } from './temporal-ui';

export interface ProcessFilter {
  kind?: ProcessKind;
  status?: string;
  customer?: string;
  supplier?: string;
  waitingOn?: WaitingOn;
  waitingFor?: string;
  document?: string;
  overdue?: boolean;
  running?: boolean;
  startedAfter?: Date;
  startedBefore?: Date;
}

export interface ProcessSummary {
  workflowId: string;
  kind: string;
  document: string;
  status: string;
  customer?: string;
  supplier?: string;
  waitingOn?: string;
  waitingFor?: string;
  dueAt?: string;
  overdue: boolean;
  amountCents?: number;
  startedAt: string;
  closedAt?: string;
  running: boolean;
  /** When it entered its current status (processes that publish it). */
  statusSince?: string;
  temporalUiUrl: string;
}

/** The server's address book for links and the namespace the processes run in. */
export interface VisibilityContext {
  temporal: Client;
  temporalUiUrl?: string;
}

/**
 * A visibility string literal. The filter's values are validated at the edge already (codes, words,
 * dates); quoting and escaping here keeps the query one literal whatever reaches it.
 */
export const literal = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The visibility query for a filter; `now` decides what is overdue. Only our processes (they have a kind). */
export function visibilityQuery(f: ProcessFilter, now: Date): string {
  const where: string[] = [
    f.kind ? `${SA.kind.name} = ${literal(f.kind)}` : `${SA.kind.name} IN (${PROCESS_KINDS.map(literal).join(', ')})`,
  ];
  const eq = (name: string, v?: string) => v !== undefined && where.push(`${name} = ${literal(v)}`);
  eq(SA.status.name, f.status);
  eq(SA.customer.name, f.customer);
  eq(SA.supplier.name, f.supplier);
  eq(SA.waitingOn.name, f.waitingOn);
  eq(SA.waitingFor.name, f.waitingFor);
  eq(SA.document.name, f.document);
  if (f.running !== undefined) where.push(`ExecutionStatus ${f.running ? '=' : '!='} 'Running'`);
  if (f.startedAfter) where.push(`StartTime >= ${literal(f.startedAfter.toISOString())}`);
  if (f.startedBefore) where.push(`StartTime < ${literal(f.startedBefore.toISOString())}`);
  const nowLit = literal(now.toISOString());
  if (f.overdue === true) where.push(`ExecutionStatus = 'Running'`, `${SA.dueAt.name} < ${nowLit}`);
  if (f.overdue === false) where.push(`(ExecutionStatus != 'Running' OR ${SA.dueAt.name} IS NULL OR ${SA.dueAt.name} >= ${nowLit})`);
  return where.join(' AND ');
}

type Execution = temporal.api.workflow.v1.IWorkflowExecutionInfo;

const ts = (t?: { seconds?: unknown; nanos?: number | null } | null) =>
  t ? new Date(Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6)) : undefined;

/** One execution from visibility (a list row or a describe) as the business sees it. */
export function summaryOf(ctx: VisibilityContext, e: Execution, now: Date): ProcessSummary {
  const sa = decodeTypedSearchAttributes(e.searchAttributes?.indexedFields);
  const workflowId = e.execution?.workflowId ?? '';
  const running = e.status === 1; // WORKFLOW_EXECUTION_STATUS_RUNNING
  const dueAt = sa.get(SA.dueAt);
  const amount = sa.get(SA.amount);
  const closedAt = running ? undefined : ts(e.closeTime);
  const temporalStatus = String(e.status ?? '');
  return {
    workflowId,
    kind: sa.get(SA.kind) ?? workflowId.replace(/-[A-Z]+-\d+$/, ''),
    document: sa.get(SA.document) ?? workflowId.replace(/^[a-z-]+-(?=[A-Z])/, ''),
    status: sa.get(SA.status) ?? (running ? 'running' : temporalStatus),
    ...opt('customer', sa.get(SA.customer)),
    ...opt('supplier', sa.get(SA.supplier)),
    ...opt('waitingOn', sa.get(SA.waitingOn)),
    ...opt('waitingFor', sa.get(SA.waitingFor)),
    ...opt('dueAt', dueAt?.toISOString()),
    overdue: running && !!dueAt && dueAt.getTime() < now.getTime(),
    ...opt('amountCents', amount === undefined ? undefined : Number(amount)),
    startedAt: (ts(e.startTime) ?? now).toISOString(),
    ...opt('closedAt', closedAt?.toISOString()),
    running,
    ...opt('statusSince', running ? sa.get(SA.statusSince)?.toISOString() : undefined),
    temporalUiUrl: temporalUiLink(ctx.temporalUiUrl, ctx.temporal.options.namespace, workflowId),
  };
}

const opt = <K extends string, V>(k: K, v: V | undefined | null) => (v === undefined || v === null ? {} : ({ [k]: v } as { [P in K]: V }));

export interface ProcessPage {
  items: ProcessSummary[];
  nextPageToken?: string;
  count: number;
}

/**
 * One page of the processes matching the filter, in visibility's order: running ones first, newest
 * start first, then closed ones, most recently closed first. `count` is all that match.
 */
export async function searchProcesses(
  ctx: VisibilityContext,
  filter: ProcessFilter,
  page: { pageSize: number; pageToken?: string },
  now = new Date(),
): Promise<ProcessPage> {
  const query = visibilityQuery(filter, now);
  const namespace = ctx.temporal.options.namespace;
  const token = page.pageToken ? unwrapToken(page.pageToken, filter) : undefined;
  const [list, count] = await Promise.all([
    ctx.temporal.workflowService.listWorkflowExecutions({ namespace, query, pageSize: page.pageSize, nextPageToken: token }),
    ctx.temporal.workflowService.countWorkflowExecutions({ namespace, query }),
  ]);
  const next = list.nextPageToken?.length ? wrapToken(Buffer.from(list.nextPageToken), filter) : undefined;
  return {
    items: (list.executions ?? []).map((e) => summaryOf(ctx, e, now)),
    ...(next ? { nextPageToken: next } : {}),
    count: Number(count.count ?? 0),
  };
}

// Our page token carries the server's together with a fingerprint of the filter it belongs to. A token
// of another search, or one made up, is refused here: the server answers a foreign token with an
// unknown error that clients retry for seconds.
const fingerprint = (f: ProcessFilter) =>
  createHash('sha256')
    .update(JSON.stringify(Object.entries(f).sort(([a], [b]) => a.localeCompare(b))))
    .digest('base64url')
    .slice(0, 16);

const wrapToken = (server: Buffer, f: ProcessFilter) =>
  Buffer.from(JSON.stringify({ f: fingerprint(f), t: server.toString('base64') })).toString('base64url');

function unwrapToken(token: string, f: ProcessFilter): Buffer {
  let parsed: { f?: unknown; t?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    throw invalid('pageToken', 'must be the nextPageToken of an earlier page');
  }
  if (typeof parsed?.t !== 'string' || typeof parsed.f !== 'string')
    throw invalid('pageToken', 'must be the nextPageToken of an earlier page');
  if (parsed.f !== fingerprint(f)) throw invalid('pageToken', 'belongs to a search with other filters; start again without it');
  const server = Buffer.from(parsed.t, 'base64');
  // The visibility stores' own tokens are JSON (SQL: the last row's times and run id; Elasticsearch: sort values).
  try {
    JSON.parse(server.toString('utf8'));
  } catch {
    throw invalid('pageToken', 'must be the nextPageToken of an earlier page');
  }
  return server;
}
