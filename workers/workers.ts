// The three workers. Each polls its own task queue, so the office side (operations store), the
// shop floor (production store) and orchestration scale, deploy and fail independently.
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createOperationsActivities } from '../activities/operations';
import { createProductionActivities } from '../activities/production';
import { config } from '../config';
import type { OperationsDb, ProductionDb } from '../db/clients';
import { TASK_QUEUES } from '../workflows/shared/task-queues';

export type WorkerRole = 'orchestration' | 'operations' | 'production';
export const WORKER_ROLES: WorkerRole[] = ['orchestration', 'operations', 'production'];

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  operations: OperationsDb;
  production: ProductionDb;
  /** How often machine jobs are polled (default: config MACHINE_POLL_MS); tests poll faster. */
  machinePollMs?: number;
  /** Workflow runs kept in the orchestration worker's cache (default: config WORKER_MAX_CACHED_WORKFLOWS). */
  maxCachedWorkflows?: number;
  /** A prebuilt bundle (tests build it once per run); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

export async function createWorker(role: WorkerRole, deps: WorkerDeps): Promise<Worker> {
  const base = { connection: deps.connection, namespace: deps.namespace };
  switch (role) {
    case 'orchestration':
      return Worker.create({
        ...base,
        taskQueue: TASK_QUEUES.orchestration,
        ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
        // Sized in config (WORKER_MAX_CACHED_WORKFLOWS), from the benchmark's scale section.
        maxCachedWorkflows: deps.maxCachedWorkflows ?? config().WORKER_MAX_CACHED_WORKFLOWS,
        maxConcurrentWorkflowTaskExecutions: 40,
      });
    case 'operations':
      return Worker.create({
        ...base,
        taskQueue: TASK_QUEUES.operations,
        activities: createOperationsActivities(deps.operations),
        // Activities mostly wait on the database or a partner's HTTP answer, not on CPU; SQLite
        // serialises writers anyway, so more slots would only queue inside the connection.
        maxConcurrentActivityTaskExecutions: 50,
      });
    case 'production':
      return Worker.create({
        ...base,
        taskQueue: TASK_QUEUES.production,
        activities: createProductionActivities(deps.production, { machinePollMs: deps.machinePollMs }),
        maxConcurrentActivityTaskExecutions: 20,
      });
  }
}

/** Runs the given workers until one fails or `signal` fires, then shuts all of them down. */
export async function runWorkers(workers: Worker[], signal?: AbortSignal): Promise<void> {
  const onAbort = () => workers.forEach((w) => w.getState() === 'RUNNING' && w.shutdown());
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await Promise.all(workers.map((w) => w.run()));
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
