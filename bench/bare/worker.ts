// The bare process's own worker (its own task queue and bundle, BARE_WORKFLOW_BUNDLE), as its own
// OS process like the product's workers, with the SDK's default tuning like theirs.
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig } from '../../config';
import { temporalConnectionOptions } from '../../config/temporal-connection';
import { createBareActivities } from './activities';

import { BARE_TASK_QUEUE } from './workflow';

async function main() {
  const bundle = process.env.BARE_WORKFLOW_BUNDLE;
  if (!bundle) throw new Error('BARE_WORKFLOW_BUNDLE must name the bundled bare workflow');
  // The product's connection settings and namespace (an external server: the run's own namespace).
  const cfg = loadConfig();
  const connection = await NativeConnection.connect(temporalConnectionOptions(cfg));
  const worker = await Worker.create({
    connection,
    namespace: cfg.TEMPORAL_NAMESPACE,
    taskQueue: BARE_TASK_QUEUE,
    workflowBundle: { codePath: bundle },
    activities: createBareActivities(),
    // The product's orchestration and operations workers' tuning (workers/workers.ts), so the comparison is like for like.
    maxCachedWorkflows: 500,
    maxConcurrentWorkflowTaskExecutions: 40,
    maxConcurrentActivityTaskExecutions: 50,
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => worker.shutdown());
  console.log('bare worker running');
  await worker.run();
  await connection.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
