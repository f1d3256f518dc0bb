// A fresh namespace on an external Temporal server (a cluster): test files and chaos runs that share
// one server each work in their own, so nothing steals another's tasks on the shared task queue names.
import { randomUUID } from 'node:crypto';
import type { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { registerSearchAttributes } from '../domain/processes/register-search-attributes';
import { SEARCH_ATTRIBUTE_KEYS } from '../domain/processes/search-attributes';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries `step` until it succeeds; a cluster's services learn of a new namespace from their caches, seconds later. */
async function until<T>(what: string, step: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await step();
    } catch (e) {
      if (Date.now() > deadline)
        throw new Error(`${what} did not succeed within ${timeoutMs / 1000} s: ${(e as Error).message}`, { cause: e });
      await sleep(250);
    }
  }
}

/**
 * Creates a fresh namespace on the external server and waits until the whole cluster serves it:
 * the frontend describes it, history accepts a workflow start in it, matching answers for its task
 * queues and the search attributes are registered and listed.
 */
export async function createFreshNamespace(connection: Connection, prefix: string): Promise<string> {
  const namespace = `${prefix}-${randomUUID().slice(0, 13)}`;
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

/** Drops a namespace made by createFreshNamespace; the server deletes its executions in the background. */
export async function dropNamespace(connection: Connection, namespace: string): Promise<void> {
  await connection.operatorService.deleteNamespace({ namespace }).catch(() => undefined);
}
