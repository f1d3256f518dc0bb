// GET /metrics: request timings and process starts (observability/metrics.ts) plus figures read from
// the databases at scrape time, so they hold across API restarts and whatever process wrote them.
import type { RequestHandler } from 'express';
import { Gauge, Registry } from 'prom-client';
import { ROLES } from '../config';
import { httpRequestDuration, registry } from '../observability/metrics';
import type { AppDeps } from './deps';

/** The statuses in which each kind of process has ended (no process runs for the document any more). */
const FINAL_STATUSES = {
  order: ['paid', 'closed', 'cancelled', 'written_off'],
  requisition: ['completed', 'rejected', 'cancelled'],
  ticket: ['closed'],
  return: ['done', 'rejected', 'cancelled', 'expired'],
  manufacturing_order: ['done', 'cancelled', 'failed'],
  maintenance_request: ['done', 'failed', 'cancelled'],
} as const;

type Counts = Map<string, number>;
const counts = (rows: { status: string; _count: { _all: number } }[]): Counts => new Map(rows.map((r) => [r.status, r._count._all]));

export function metricsEndpoint(deps: Pick<AppDeps, 'operations' | 'production'>): RequestHandler {
  const { operations: ops, production: prod } = deps;
  const perApp = new Registry();
  // Prisma types each table's groupBy apart; each answer is turned into counts by status.
  const byStatus: Record<keyof typeof FINAL_STATUSES, (statuses: string[]) => Promise<Counts>> = {
    order: async (s) => {
      const rows = await ops.salesOrder.groupBy({ by: ['status'], where: { status: { in: s } }, _count: { _all: true } });
      return counts(rows);
    },
    requisition: async (s) => {
      const rows = await ops.requisition.groupBy({ by: ['status'], where: { status: { in: s } }, _count: { _all: true } });
      return counts(rows);
    },
    ticket: async (s) => {
      const rows = await ops.ticket.groupBy({ by: ['status'], where: { status: { in: s } }, _count: { _all: true } });
      return counts(rows);
    },
    return: async (s) => {
      const rows = await ops.customerReturn.groupBy({ by: ['status'], where: { status: { in: s } }, _count: { _all: true } });
      return counts(rows);
    },
    manufacturing_order: async (s) => {
      const rows = await prod.manufacturingOrder.groupBy({ by: ['status'], where: { status: { in: s } }, _count: { _all: true } });
      return counts(rows);
    },
    maintenance_request: async (s) => {
      const rows = await prod.maintenanceRequest.groupBy({ by: ['status'], where: { status: { in: s } }, _count: { _all: true } });
      return counts(rows);
    },
  };
  new Gauge({
    name: 'processes_completed',
    help: 'Business documents whose process has ended, by kind and final status (read from the databases at scrape time)',
    labelNames: ['kind', 'status'] as const,
    registers: [perApp],
    async collect() {
      for (const [kind, statuses] of Object.entries(FINAL_STATUSES) as [keyof typeof FINAL_STATUSES, readonly string[]][]) {
        const found = await byStatus[kind]([...statuses]);
        for (const status of statuses) this.set({ kind, status }, found.get(status) ?? 0);
      }
    },
  });
  new Gauge({
    name: 'task_inbox_open',
    help: 'Open tasks waiting for a person, by the role they are assigned to (read from the Task table at scrape time)',
    labelNames: ['role'] as const,
    registers: [perApp],
    async collect() {
      const rows = await ops.task.groupBy({ by: ['role'], where: { status: 'open' }, _count: { _all: true } });
      const counts = new Map(rows.map((r) => [r.role, r._count._all]));
      for (const role of new Set<string>([...ROLES, ...counts.keys()])) this.set({ role }, counts.get(role) ?? 0);
    },
  });
  const merged = Registry.merge([registry, perApp]);
  return async (_req, res, next) => {
    try {
      const text = await merged.metrics();
      res.type(merged.contentType).send(text);
    } catch (e) {
      next(e);
    }
  };
}

/** Times every request into the duration histogram, labelled by the route pattern. */
export function requestTimer(route: (req: Parameters<RequestHandler>[0]) => string): RequestHandler {
  return (req, res, next) => {
    const end = httpRequestDuration.startTimer();
    res.once('finish', () => end({ method: req.method, route: route(req), status: String(res.statusCode) }));
    next();
  };
}
