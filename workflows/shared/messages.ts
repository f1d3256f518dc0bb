import { ActivityFailure, ApplicationFailure, defineUpdate } from '@temporalio/workflow';
import type { TaskDecision } from './task-types';

/** Every process that opens inbox tasks answers this update; the API sends it after checking the user's role. */
export const decideTaskUpdate = defineUpdate<{ taskId: string; decision: string }, [TaskDecision]>('decideTask');

/** Failure types the API maps to HTTP statuses when an update is refused. */
export const REFUSAL = { illegal: 'ILLEGAL_TRANSITION', invalid: 'INVALID_INPUT', forbidden: 'FORBIDDEN' } as const;

/** A refusal the API answers with the status of its type (409 by default). */
export const refuse = (message: string, type: string = REFUSAL.illegal) => ApplicationFailure.create({ type, message });

/**
 * An update whose activity failed for a business reason is refused with that reason, not left to crash
 * the handler; one whose step ran out of time or attempts is refused as unavailable (503, retry later).
 */
export function asRefusal(e: unknown): never {
  const cause = e instanceof ActivityFailure ? e.cause : e;
  if (cause instanceof ApplicationFailure)
    throw ApplicationFailure.create({ type: cause.type ?? REFUSAL.illegal, message: cause.message, details: cause.details as unknown[] });
  if (e instanceof ActivityFailure) {
    throw ApplicationFailure.create({
      type: 'UNAVAILABLE',
      message: `Step ${e.activityType} failed (${(cause as Error | undefined)?.message ?? e.message}); retry later`,
    });
  }
  throw e;
}
