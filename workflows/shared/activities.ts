// Activity proxies with timeouts and retries chosen per kind of work.
import { ActivityCancellationType, proxyActivities } from '@temporalio/workflow';
import type { OperationsActivities } from '../../activities/operations';
import type { ProductionActivities } from '../../activities/production';
import { TASK_QUEUES } from './task-queues';

/**
 * Database work: quick, and a failure is almost always a lock or a lost connection, so retry soon and
 * forever. On cancellation the workflow waits for a running step to finish, so a compensation never
 * overtakes the step it undoes.
 */
export const ops = proxyActivities<OperationsActivities>({
  taskQueue: TASK_QUEUES.operations,
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

/**
 * Outside parties (carriers) are slow or down for minutes at a time: each call may take 15 s, and
 * backoff grows to 30 s. After 8 attempts (about 3 minutes) a person is asked whether to go on.
 */
export const partners = proxyActivities<OperationsActivities>({
  taskQueue: TASK_QUEUES.operations,
  startToCloseTimeout: '15s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 8, nonRetryableErrorTypes: ['CarrierRefused'] },
});

export const production = proxyActivities<ProductionActivities>({
  taskQueue: TASK_QUEUES.production,
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});
