// Standalone worker process: `tsx workers/main.ts [orchestration|operations|production ...]`
// (all three when none is named). Deploy them separately to scale or isolate each side.
import { NativeConnection } from '@temporalio/worker';
import { config } from '../config';
import { closeStores, openStores } from '../db/clients';
import { WORKER_ROLES, createWorker, runWorkers, type WorkerRole } from './workers';

async function main() {
  const cfg = config();
  const roles = (process.argv.slice(2).length ? process.argv.slice(2) : WORKER_ROLES) as WorkerRole[];
  const unknown = roles.filter((r) => !WORKER_ROLES.includes(r));
  if (unknown.length) throw new Error(`unknown worker role(s) ${unknown.join(', ')}; choose from ${WORKER_ROLES.join(', ')}`);
  const stores = await openStores({ operations: cfg.OPERATIONS_DATABASE_URL, production: cfg.PRODUCTION_DATABASE_URL });
  const connection = await NativeConnection.connect({ address: cfg.TEMPORAL_ADDRESS });
  const workers = await Promise.all(roles.map((r) => createWorker(r, { connection, namespace: cfg.TEMPORAL_NAMESPACE, ...stores })));
  const stop = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => stop.abort());
  console.log(`workers running: ${roles.join(', ')} on ${cfg.TEMPORAL_ADDRESS}`);
  try {
    await runWorkers(workers, stop.signal);
  } finally {
    await connection.close();
    await closeStores(stores);
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
