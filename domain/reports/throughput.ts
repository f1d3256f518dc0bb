// How much work flows through each kind of process: per day or week, how many were started, how
// many completed and how many ended otherwise (cancelled, rejected, failed, expired), and how long
// the completed ones took.
import type { OperationsDb, ProductionDb } from '../../db/clients';
import { bucketOf, bucketsOf, inPeriod, mean, within, type BucketSize, type Period } from './period';

const HOUR_MS = 3_600_000;

/** One process's record as the report needs it: when it started, its status, and when it ended if it has. */
interface Run {
  createdAt: Date;
  status: string;
  endedAt: Date | null;
}

/** Per kind: the final statuses that count as completed and those that count as ended otherwise. */
export const KINDS = {
  orders: { completed: ['paid', 'closed', 'written_off'], stopped: ['cancelled'], endedAt: 'last change of the order' },
  requisitions: { completed: ['completed'], stopped: ['rejected', 'cancelled'], endedAt: 'last change of the requisition' },
  purchaseOrders: { completed: ['received', 'closed_short'], stopped: ['cancelled'], endedAt: 'last change of the purchase order' },
  tickets: { completed: ['closed'], stopped: [], endedAt: 'closedAt' },
  manufacturingOrders: { completed: ['done'], stopped: ['cancelled', 'failed'], endedAt: 'finishedAt, else last change' },
  maintenanceRequests: { completed: ['done'], stopped: ['failed', 'cancelled'], endedAt: 'last change of the request' },
  returns: { completed: ['done'], stopped: ['rejected', 'cancelled', 'expired'], endedAt: 'closedAt, else last change' },
} as const;
type Kind = keyof typeof KINDS;

/** Records started in the period, or ended in it: a Prisma filter shared by every kind. */
function touching(kind: Kind, period: Period, endField: 'updatedAt' | 'closedAt' | 'finishedAt') {
  const finals = [...KINDS[kind].completed, ...KINDS[kind].stopped];
  return { OR: [{ createdAt: within(period) }, { status: { in: finals }, [endField]: within(period) }] };
}

async function runsOf(ops: OperationsDb, prod: ProductionDb, period: Period): Promise<Record<Kind, Run[]>> {
  const select = { createdAt: true, status: true, updatedAt: true } as const;
  const byUpdate = (rows: { createdAt: Date; status: string; updatedAt: Date }[]) =>
    rows.map((r) => ({ createdAt: r.createdAt, status: r.status, endedAt: r.updatedAt }));
  const [orders, requisitions, purchaseOrders, tickets, mos, maintenance, returns] = await Promise.all([
    ops.salesOrder.findMany({ where: touching('orders', period, 'updatedAt'), select }),
    ops.requisition.findMany({ where: touching('requisitions', period, 'updatedAt'), select }),
    ops.purchaseOrder.findMany({ where: touching('purchaseOrders', period, 'updatedAt'), select }),
    ops.ticket.findMany({ where: touching('tickets', period, 'closedAt'), select: { createdAt: true, status: true, closedAt: true } }),
    prod.manufacturingOrder.findMany({
      where: { OR: [touching('manufacturingOrders', period, 'finishedAt'), touching('manufacturingOrders', period, 'updatedAt')] },
      select: { ...select, finishedAt: true },
    }),
    prod.maintenanceRequest.findMany({ where: touching('maintenanceRequests', period, 'updatedAt'), select }),
    ops.customerReturn.findMany({
      where: { OR: [touching('returns', period, 'closedAt'), touching('returns', period, 'updatedAt')] },
      select: { ...select, closedAt: true },
    }),
  ]);
  return {
    orders: byUpdate(orders),
    requisitions: byUpdate(requisitions),
    purchaseOrders: byUpdate(purchaseOrders),
    tickets: tickets.map((t) => ({ createdAt: t.createdAt, status: t.status, endedAt: t.closedAt })),
    manufacturingOrders: mos.map((m) => ({ createdAt: m.createdAt, status: m.status, endedAt: m.finishedAt ?? m.updatedAt })),
    maintenanceRequests: byUpdate(maintenance),
    returns: returns.map((r) => ({ createdAt: r.createdAt, status: r.status, endedAt: r.closedAt ?? r.updatedAt })),
  };
}

export async function throughputReport(ops: OperationsDb, prod: ProductionDb, period: Period, size: BucketSize) {
  const buckets = bucketsOf(period, size);
  const runs = await runsOf(ops, prod, period);
  const kinds = Object.fromEntries(
    (Object.keys(KINDS) as Kind[]).map((kind) => {
      const rule = KINDS[kind];
      const series = new Map(buckets.map((b) => [b, { bucket: b, started: 0, completed: 0, stopped: 0 }]));
      const durations: number[] = [];
      for (const r of runs[kind]) {
        if (inPeriod(period, r.createdAt)) series.get(bucketOf(r.createdAt, size))!.started++;
        if (!inPeriod(period, r.endedAt)) continue;
        const completed = (rule.completed as readonly string[]).includes(r.status);
        const stopped = (rule.stopped as readonly string[]).includes(r.status);
        if (completed) series.get(bucketOf(r.endedAt, size))!.completed++;
        if (stopped) series.get(bucketOf(r.endedAt, size))!.stopped++;
        if (completed) durations.push((r.endedAt.getTime() - r.createdAt.getTime()) / HOUR_MS);
      }
      const rows = [...series.values()];
      const total = (k: 'started' | 'completed' | 'stopped') => rows.reduce((s, x) => s + x[k], 0);
      return [
        kind,
        {
          started: total('started'),
          completed: total('completed'),
          stopped: total('stopped'),
          meanHoursToComplete: mean(durations),
          series: rows,
        },
      ];
    }),
  ) as Record<Kind, { started: number; completed: number; stopped: number; meanHoursToComplete: number | null; series: unknown[] }>;
  return {
    period: { from: period.from, to: period.to },
    bucket: size,
    basis:
      `Per ${size} (UTC; weeks start on Monday and are named by that day): started = records created in it; completed and stopped = ` +
      'records that reached a final status in it, dated by when they ended. ' +
      Object.entries(KINDS)
        .map(
          ([k, r]) =>
            `${k}: completed ${r.completed.join('/')}${r.stopped.length ? `, stopped ${r.stopped.join('/')}` : ''} (ended: ${r.endedAt})`,
        )
        .join('; ') +
      '. Mean hours to complete: creation to end, over the ones completed in the period.',
    buckets,
    kinds,
  };
}
