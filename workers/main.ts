// Standalone worker process: `tsx workers/main.ts [orchestration|operations|production ...]`
// (all three when none is named). Deploy them separately to scale or isolate each side.
import { NativeConnection } from '@temporalio/worker';
import { config } from '../config';
import { temporalConnectionOptions } from '../config/temporal-connection';
import { closeStores, openConfiguredStores } from '../db/clients';
import { rootLogger } from '../observability/logger';
import { installWorkerRuntime } from '../observability/worker-runtime';
import { TASK_QUEUES } from '../workflows/shared/task-queues';
import { WORKER_ROLES, createWorker, runWorkers, type WorkerRole } from './workers';

async function main() {
  const cfg = config();
  const roles = (process.argv.slice(2).length ? process.argv.slice(2) : WORKER_ROLES) as WorkerRole[];
  const unknown = roles.filter((r) => !WORKER_ROLES.includes(r));
  if (unknown.length) throw new Error(`unknown worker role(s) ${unknown.join(', ')}; choose from ${WORKER_ROLES.join(', ')}`);
  const logger = rootLogger().child({ service: 'workers', roles });
  installWorkerRuntime(cfg, logger);
  const stores = await openConfiguredStores(cfg);
  const connection = await NativeConnection.connect(temporalConnectionOptions(cfg));
  const workers = await Promise.all(roles.map((r) => createWorker(r, { connection, namespace: cfg.TEMPORAL_NAMESPACE, ...stores })));
  const stop = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => stop.abort());
  for (const role of roles) logger.info({ role, taskQueue: TASK_QUEUES[role], temporal: cfg.TEMPORAL_ADDRESS }, 'worker running');
  try {
    await runWorkers(workers, stop.signal);
  } finally {
    await connection.close();
    await closeStores(stores);
  }
}

if (require.main === module) {
  main().catch((e) => {
    rootLogger().fatal({ err: e }, 'workers stopped on an error');
    process.exit(1);
  });
}
