// Test files against one external Temporal server (TEST_TEMPORAL_ADDRESS, e.g. the cluster of
// scripts/cluster.sh): files run in parallel and use the same task queue names, so each file gets a
// namespace of its own, with the processes' search attributes, and drops it when done.
import { randomUUID } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { registerSearchAttributes } from '../../domain/processes/register-search-attributes';
import { SEARCH_ATTRIBUTE_KEYS } from '../../domain/processes/search-attributes';

export const externalTemporalAddress = (): string | undefined => process.env.TEST_TEMPORAL_ADDRESS || undefined;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries `step` until it succeeds; a cluster's services learn of a new namespace from their caches, seconds later. */
async function until<T>(what: string, step: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await step();
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`${what} did not succeed within ${timeoutMs / 1000} s: ${(e as Error).message}`);
      await sleep(250);
    }
  }
}

/**
 * Creates a fresh namespace on the external server and waits until the whole cluster serves it:
 * the frontend describes it, history accepts a workflow start in it, matching answers for its task
 * queues and the search attributes are registered and listed.
 */
export async function createTestNamespace(connection: Connection): Promise<string> {
  const namespace = `test-${randomUUID().slice(0, 13)}`;
  const { workflowService, operatorService } = connection;
  await workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
  await until(`namespace ${namespace} to be known`, () => workflowService.describeNamespace({ namespace }));
  await until(`search attributes in ${namespace}`, async () => {
    await registerSearchAttributes(connection, namespace);
    const listed = await operatorService.listSearchAttributes({ namespace });
    const missing = SEARCH_ATTRIBUTE_KEYS.filter((k) => !listed.customAttributes?.[k.name]);
    if (missing.length) throw new Error(`not yet listed: ${missing.map((k) => k.name).join(', ')}`);
  });
  await until(`matching to serve ${namespace}`, () =>
    workflowService.describeTaskQueue({ namespace, taskQueue: { name: 'namespace-probe' } }),
  );
  // A start reaches a history shard; it fails while history has not seen the namespace yet.
  const workflowId = `namespace-probe-${randomUUID()}`;
  await until(`history to serve ${namespace}`, () =>
    workflowService.startWorkflowExecution({
      namespace,
      workflowId,
      requestId: randomUUID(),
      workflowType: { name: 'namespaceProbe' },
      taskQueue: { name: 'namespace-probe' },
    }),
  );
  await workflowService.terminateWorkflowExecution({ namespace, workflowExecution: { workflowId }, reason: 'probe' });
  return namespace;
}

/** Drops a test namespace; the server deletes its executions in the background. */
export async function dropTestNamespace(connection: Connection, namespace: string): Promise<void> {
  await connection.operatorService.deleteNamespace({ namespace }).catch(() => undefined);
}
