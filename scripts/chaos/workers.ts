// All three workers in one OS process, like `workers/main.ts`, but from a workflow bundle built
// once (WORKFLOW_BUNDLE): the chaos run kills and restarts this process several times and should
// not pay for webpack on every restart. Arguments name the roles to run instead of all three
// (`--worker-processes`: several processes per role).
import { NativeConnection } from '@temporalio/worker';
import { config } from '../../config';
import { temporalConnectionOptions } from '../../config/temporal-connection';
import { closeStores, openConfiguredStores } from '../../db/clients';
import { rootLogger } from '../../observability/logger';
import { installWorkerRuntime } from '../../observability/worker-runtime';
import { WORKER_ROLES, createWorker, runWorkers, type WorkerRole } from '../../workers/workers';

async function main() {
  const cfg = config();
  const bundle = process.env.WORKFLOW_BUNDLE;
  if (!bundle) throw new Error('WORKFLOW_BUNDLE must name a bundled workflows file');
  const asked = process.argv.slice(2);
  const unknown = asked.filter((r) => !(WORKER_ROLES as string[]).includes(r));
  if (unknown.length) throw new Error(`unknown worker role(s) ${unknown.join(', ')}; roles are ${WORKER_ROLES.join(', ')}`);
  const roles = asked.length ? (asked as WorkerRole[]) : WORKER_ROLES;
  const logger = rootLogger().child({ service: 'workers', roles });
  // The faults this run injects make the SDK warn all the time; its errors are what matter here.
  installWorkerRuntime(cfg, logger.child({}, { level: 'error' }));
  const stores = await openConfiguredStores(cfg);
  const connection = await NativeConnection.connect(temporalConnectionOptions(cfg));
  const workers = await Promise.all(
    roles.map((r) => createWorker(r, { connection, namespace: cfg.TEMPORAL_NAMESPACE, ...stores, workflowBundle: { codePath: bundle } })),
  );
  const stop = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => stop.abort());
  // The chaos run waits for this line, and runs with LOG_LEVEL=warn: it is written whatever the level.
  logger.child({}, { level: 'info' }).info({ temporal: cfg.TEMPORAL_ADDRESS }, 'workers running');
  try {
    await runWorkers(workers, stop.signal);
  } finally {
    await connection.close();
    await closeStores(stores);
  }
}

main().catch((e) => {
  rootLogger().fatal({ err: e }, 'workers stopped on an error');
  process.exit(1);
});
