import { ApplicationFailure } from '@temporalio/common';
import { AppError } from '../domain/errors';

/**
 * Business rule violations (AppError) cannot be fixed by retrying, so they leave the activity as
 * non-retryable failures typed by their code; anything else (a lost connection, a locked database,
 * a slow partner) is thrown as is and retried with backoff.
 */
export function withFailureTypes<T extends Record<string, (...args: any[]) => Promise<any>>>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await fn(...args);
      } catch (e) {
        if (e instanceof AppError) throw ApplicationFailure.nonRetryable(e.message, e.code, e.details);
        throw e;
      }
    };
  }
  return wrapped as T;
}
