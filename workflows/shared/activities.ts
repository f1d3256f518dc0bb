// Activity proxies with timeouts and retries chosen per kind of work.
import { ActivityCancellationType, proxyActivities } from '@temporalio/workflow';
import type { OperationsActivities } from '../../activities/operations';
import type { ProductionActivities } from '../../activities/production';
import { TASK_QUEUES } from './task-queues';

/**
 * Database work: quick, and a failure is almost always a lock or a lost connection, so retry soon.
 * Rule and data errors (a broken unique key, a missing record) leave the activity as non-retryable
 * failures (activities/errors.ts), so they are never retried. Anything else gets ten minutes in all:
 * a database back within that is ridden out (about a dozen attempts at up to a minute apart); one
 * that stays broken longer needs a person, and an endless retry would only hide it. When the deadline
 * passes, an update handler refuses its request (503, "retry later") and a main flow fails, which
 * shows in the process history with the step that failed. On cancellation the workflow waits for a
 * running step to finish, so a compensation never overtakes the step it undoes.
 */
const DATABASE_STEP_DEADLINE = '10 minutes';

export const ops = proxyActivities<OperationsActivities>({
  taskQueue: TASK_QUEUES.operations,
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  startToCloseTimeout: '30s',
  scheduleToCloseTimeout: DATABASE_STEP_DEADLINE,
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

/**
 * Outside parties (carriers) are slow or down for minutes at a time: each call may take 15 s, and
 * backoff grows to 30 s. After 8 attempts (about 3 minutes) a person is asked whether to go on.
 */
export const partners = proxyActivities<OperationsActivities>({
  taskQueue: TASK_QUEUES.operations,
  startToCloseTimeout: '15s',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '30s',
    maximumAttempts: 8,
    nonRetryableErrorTypes: ['CarrierRefused'],
  },
});

/**
 * Cancelling a purchase order at its supplier: the supplier must hear of it however long its
 * gateway is down, so there is no overall deadline (unlike `ops`); backoff grows to 30 minutes.
 * A refusal (goods already received) is a final failure as everywhere.
 */
export const supplierCancellation = proxyActivities<OperationsActivities>({
  taskQueue: TASK_QUEUES.operations,
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30m' },
});

/** Database work on the production store, with the same deadline, retries and cancellation as `ops`. */
export const production = proxyActivities<ProductionActivities>({
  taskQueue: TASK_QUEUES.production,
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  startToCloseTimeout: '30s',
  scheduleToCloseTimeout: DATABASE_STEP_DEADLINE,
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});
