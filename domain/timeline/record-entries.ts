// What the records say happened to a timeline's documents, beside their processes' histories: the
// audit rows written under any of their references (the documents, their shipments and invoices,
// the tasks their processes opened) and the events of their service tickets.
import type { OperationsDb } from '../../db/clients';
import { detailOf } from '../returns/return-history';
import type { DocumentRef } from './documents';
import type { TimelineRecord } from './records';

export interface RecordEntry {
  at: string;
  doc: DocumentRef;
  step: string;
  actor: string;
  detail?: string;
}

const words = (s: string) => s.replace(/[_.-]/g, ' ');
const parse = (data: string): Record<string, unknown> => {
  try {
    const v: unknown = JSON.parse(data);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

export async function recordEntries(db: OperationsDb, records: { record: TimelineRecord; workflowId: string }[]): Promise<RecordEntry[]> {
  const byRef = new Map<string, DocumentRef>();
  for (const { record } of records) for (const ref of record.auditRefs) byRef.set(ref, record.doc);
  const byWorkflow = new Map(records.map(({ record, workflowId }) => [workflowId, record.doc]));
  const tickets = records.filter(({ record }) => record.doc.type === 'ticket').map(({ record }) => record);
  const [tasks, ticketEvents] = await Promise.all([
    db.task.findMany({ where: { workflowId: { in: [...byWorkflow.keys()] } }, select: { id: true, workflowId: true } }),
    tickets.length
      ? // Its opening is told by the audit row already.
        db.ticketEvent.findMany({ where: { ticketId: { in: tickets.map((t) => t.id) }, kind: { not: 'created' } }, orderBy: { id: 'asc' } })
      : Promise.resolve([]),
  ]);
  for (const t of tasks) byRef.set(t.id, byWorkflow.get(t.workflowId)!);
  const audit = byRef.size ? await db.auditLog.findMany({ where: { entityRef: { in: [...byRef.keys()] } }, orderBy: { id: 'asc' } }) : [];
  const ticketOf = new Map(tickets.map((t) => [t.id, t.doc]));
  return [
    ...audit.map((row) => {
      const detail = detailOf(parse(row.data));
      const ref = row.entityRef === byRef.get(row.entityRef)!.number ? '' : ` ${row.entityRef}`;
      return {
        at: row.at.toISOString(),
        doc: byRef.get(row.entityRef)!,
        step: `${words(row.action)}${ref}`,
        actor: row.actor,
        ...(detail ? { detail } : {}),
      };
    }),
    ...ticketEvents.map((ev) => {
      const detail = detailOf(parse(ev.data));
      return {
        at: ev.at.toISOString(),
        doc: ticketOf.get(ev.ticketId)!,
        step: `ticket ${words(ev.kind)}`,
        actor: ev.actor,
        ...(detail ? { detail } : {}),
      };
    }),
  ];
}
