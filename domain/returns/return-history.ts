// An order's returns told in the order's history, from the audit rows every change of a return
// writes: the order's own process may have closed long before its goods come back.
import type { OperationsDb } from '../../db/clients';
import type { HistoryEntry } from '../processes/history';

/** What the audit row's data says in a few words: its plain fields (status, RMA, reference, line, amounts…), not its lists. */
export function detailOf(data: Record<string, unknown>): string | undefined {
  const parts = Object.entries(data)
    // The entry carries its own time; the row's copy of it would only repeat it.
    .filter(([k, v]) => k !== 'at' && ((typeof v === 'string' && v !== '') || typeof v === 'number'))
    .map(([k, v]) => `${k}: ${String(v)}`);
  return parts.length ? parts.join(', ') : undefined;
}

export async function orderReturnEntries(db: OperationsDb, orderNumber: string): Promise<HistoryEntry[]> {
  const returns = await db.customerReturn.findMany({ where: { order: { number: orderNumber } }, select: { number: true } });
  if (returns.length === 0) return [];
  const rows = await db.auditLog.findMany({
    where: { entityType: 'Return', entityRef: { in: returns.map((r) => r.number) } },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => {
    const data = JSON.parse(row.data) as Record<string, unknown>;
    const detail = detailOf(data);
    return {
      at: row.at.toISOString(),
      kind: 'return',
      step: `${row.entityRef} ${row.action.replace(/^return\./, '').replace(/[_.-]/g, ' ')}`,
      by: row.actor,
      ...(detail ? { detail } : {}),
    };
  });
}

/** The process's entries in their own order, with the other entries placed among them by time. */
export function mergeByTime(entries: HistoryEntry[], others: HistoryEntry[]): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  let i = 0;
  for (const e of entries) {
    while (i < others.length && e.at && others[i].at < e.at) out.push(others[i++]);
    out.push(e);
  }
  return [...out, ...others.slice(i)];
}
