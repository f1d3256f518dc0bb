// The API process's Prometheus metrics (prom-client). Counters that move with requests live here,
// process-wide; figures read from the databases are collected per app at scrape time (api/metrics.ts).
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The processes the API starts, by the business document that carries them. */
export type ProcessKind = 'order' | 'requisition' | 'ticket' | 'return' | 'manufacturing_order' | 'maintenance_request';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'API request duration by method, route pattern (as in the OpenAPI document) and status',
  labelNames: ['method', 'route', 'status'] as const,
  // Reads answer in milliseconds; creates and updates wait on the process engine, up to seconds.
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

const processesStarted = new Counter({
  name: 'processes_started_total',
  help: 'Business processes started through the API since this process started, by kind',
  labelNames: ['kind'] as const,
  registers: [registry],
});

/** Counts a process the API has just started for a newly created document (a replayed request is not counted). */
export function countProcessStarted(kind: ProcessKind): void {
  processesStarted.inc({ kind });
}
