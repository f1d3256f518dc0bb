// The business timeline of one document: every process it touched (its own, what it started or
// caused, what started or caused it), read from Temporal in parallel and told together with the
// records' audit rows, in the order things happened.
import type { Client } from '@temporalio/client';
import { notFound } from '../errors';
import { temporalUiLink } from '../processes/temporal-ui';
import {
  documentLabel,
  documentOfNumber,
  documentOfWorkflowId,
  documentPath,
  workflowIdOf,
  type DocumentRef,
  type DocumentType,
} from './documents';
import { readProcess, type ProcessRead } from './process-reading';
import { recordEntries } from './record-entries';
import { loadRecord, type Stores, type TimelineRecord } from './records';
import { childRelation, parentRelation, relationOver, type Link, type Relation } from './relations';

export type EntryType = 'process' | 'step' | 'timer' | 'signal' | 'decision' | 'audit';

export interface TimelineEntry {
  at: string;
  workflowId: string;
  kind: DocumentType;
  document: string;
  type: EntryType;
  step: string;
  outcome?: string;
  attempts?: number;
  actor?: string;
  detail?: string;
  link?: string;
}

export interface TimelineProcess {
  workflowId: string;
  kind: DocumentType;
  document: string;
  /** The document's own status in its record. */
  status: string;
  relation: Relation;
  /** The document through which this one is related, when not directly. */
  via?: string;
  executionStatus?: string;
  startedAt?: string;
  closedAt?: string;
  unavailable?: string;
  temporalUiUrl: string;
  link: string;
}

interface Node {
  record: TimelineRecord;
  workflowId: string;
  relation: Relation;
  via?: string;
  process?: ProcessRead;
}

/** Enough for an order with several levels of sub-assemblies and their purchases; a bound on one request's reads. */
const MAX_PROCESSES = 60;

/** The links a process's history adds to those of its record (a child started, the process that started it). */
function processLinks(node: Node): Link[] {
  const p = node.process!;
  const type = node.record.doc.type;
  const parent = p.parent ? documentOfWorkflowId(p.parent) : undefined;
  return [
    ...(parent ? [{ doc: parent, relation: parentRelation(parent.type, type) }] : []),
    ...p.children.flatMap((id) => {
      const child = documentOfWorkflowId(id);
      return child ? [{ doc: child, relation: childRelation(type, child.type) }] : [];
    }),
  ];
}

/** The nodes' processes, read side by side. */
async function read(temporal: Client, nodes: Node[]): Promise<Node[]> {
  const reads = await Promise.all(nodes.map((n) => readProcess(temporal, n.record)));
  nodes.forEach((n, i) => (n.process = reads[i]));
  return nodes;
}

/** New nodes for these candidates whose records this database has, with their processes read. */
async function visit(stores: Stores, temporal: Client, candidates: { doc: DocumentRef; relation: Relation; via?: string }[]) {
  const records = await Promise.all(candidates.map((c) => loadRecord(stores, c.doc)));
  // A process may name a document this database does not have (an older record's): nothing to tell.
  const nodes = candidates.flatMap((c, i): Node[] => {
    const record = records[i];
    return record ? [{ record, workflowId: workflowIdOf(c.doc), relation: c.relation, ...(c.via ? { via: c.via } : {}) }] : [];
  });
  return read(temporal, nodes);
}

async function relatedProcesses(stores: Stores, temporal: Client, root: TimelineRecord): Promise<Node[]> {
  const nodes = new Map<string, Node>();
  let frontier = await read(temporal, [{ record: root, workflowId: workflowIdOf(root.doc), relation: 'self' }]);
  while (frontier.length) {
    for (const n of frontier) nodes.set(n.workflowId, n);
    // Each round follows what the last round's records and processes name, and reads the new ones side by side.
    const candidates: { doc: DocumentRef; relation: Relation; via?: string }[] = [];
    for (const n of frontier) {
      for (const l of [...n.record.links, ...processLinks(n)]) {
        const relation = relationOver(n.relation, l.relation);
        const id = workflowIdOf(l.doc);
        if (!relation || nodes.has(id) || candidates.some((c) => workflowIdOf(c.doc) === id)) continue;
        candidates.push({ doc: l.doc, relation, ...(n.relation === 'self' ? {} : { via: n.record.doc.number }) });
      }
    }
    frontier = await visit(stores, temporal, candidates.slice(0, Math.max(0, MAX_PROCESSES - nodes.size)));
  }
  // Last, the purchases whose goods arrived for the document (a backorder released), unless the walk
  // found them already as something it started or caused.
  const rootNode = nodes.get(workflowIdOf(root.doc))!;
  const supplied = (rootNode.process?.suppliedBy ?? []).flatMap((number) => {
    const po = documentOfNumber(number);
    return po && !nodes.has(workflowIdOf(po)) ? [{ doc: po, relation: 'supplied-by' as const }] : [];
  });
  for (const n of await visit(stores, temporal, supplied.slice(0, Math.max(0, MAX_PROCESSES - nodes.size)))) nodes.set(n.workflowId, n);
  return [...nodes.values()];
}

export async function businessTimeline(opts: { stores: Stores; temporal: Client; temporalUiUrl?: string; document: DocumentRef }) {
  const { stores, temporal, document } = opts;
  const root = await loadRecord(stores, document);
  if (!root) throw notFound(documentLabel(document));
  const nodes = await relatedProcesses(stores, temporal, root);
  const ui = (workflowId: string) => temporalUiLink(opts.temporalUiUrl, temporal.options.namespace, workflowId);

  const processEntries: TimelineEntry[] = nodes.flatMap((n) =>
    (n.process?.entries ?? []).map((e) => ({
      at: e.at,
      workflowId: n.workflowId,
      kind: n.record.doc.type,
      document: n.record.doc.number,
      type: e.kind as EntryType,
      step: e.step,
      ...(e.outcome ? { outcome: e.outcome } : {}),
      ...(e.attempts !== undefined ? { attempts: e.attempts } : {}),
      ...(e.by ? { actor: e.by } : {}),
      ...(e.detail ? { detail: e.detail } : {}),
      link: ui(n.workflowId),
    })),
  );
  const records = await recordEntries(
    stores.operations,
    nodes.map((n) => ({ record: n.record, workflowId: n.workflowId })),
  );
  const auditEntries: TimelineEntry[] = records.map((r) => ({
    at: r.at,
    workflowId: workflowIdOf(r.doc),
    kind: r.doc.type,
    document: r.doc.number,
    type: 'audit',
    step: r.step,
    actor: r.actor,
    ...(r.detail ? { detail: r.detail } : {}),
    link: documentPath(r.doc),
  }));
  // A stable sort: entries of one instant keep the order their process or record told them in.
  const entries = [...processEntries, ...auditEntries].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  const processes: TimelineProcess[] = nodes.map((n) => ({
    workflowId: n.workflowId,
    kind: n.record.doc.type,
    document: n.record.doc.number,
    status: n.record.status,
    relation: n.relation,
    ...(n.via ? { via: n.via } : {}),
    ...(n.process?.executionStatus ? { executionStatus: n.process.executionStatus } : {}),
    ...(n.process?.startedAt ? { startedAt: n.process.startedAt } : {}),
    ...(n.process?.closedAt ? { closedAt: n.process.closedAt } : {}),
    ...(n.process?.unavailable ? { unavailable: n.process.unavailable } : {}),
    temporalUiUrl: ui(n.workflowId),
    link: documentPath(n.record.doc),
  }));
  return { document: { type: document.type, number: document.number }, processes, entries };
}
