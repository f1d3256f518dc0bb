import { defineUpdate } from '@temporalio/workflow';
import type { TaskDecision } from './task-types';

/** Every process that opens inbox tasks answers this update; the API sends it after checking the user's role. */
export const decideTaskUpdate = defineUpdate<{ taskId: string; decision: string }, [TaskDecision]>('decideTask');

/** Failure types the API maps to HTTP statuses when an update is refused. */
export const REFUSAL = { illegal: 'ILLEGAL_TRANSITION', invalid: 'INVALID_INPUT', forbidden: 'FORBIDDEN' } as const;
