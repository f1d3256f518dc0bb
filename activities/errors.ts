import { ApplicationFailure } from '@temporalio/common';
import { AppError, AppErrorCode } from '../domain/errors';

/** Failure type of a write the database refused for its data (a unique key or a reference broken). */
export const CONSTRAINT_VIOLATION = 'CONSTRAINT_VIOLATION';

/**
 * Business rule violations (AppError) cannot be fixed by retrying, so they leave the activity as
 * non-retryable failures typed by their code. The same holds for writes the database refuses for
 * their data (unique or foreign key, a record that is not there): the next attempt sends the same
 * data and is refused again, so retrying only hides the defect behind endless attempts. Anything else
 * (a lost connection, a locked database, a write conflict, a slow partner) is thrown as is and retried
 * with backoff. `once()` settles its own unique-key race before an error gets here.
 */
export function withFailureTypes<T extends Record<string, (...args: any[]) => Promise<any>>>(activities: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await fn(...args);
      } catch (e) {
        throw asFailure(e, name);
      }
    };
  }
  return wrapped as T;
}

/** The failure an activity leaves with: final for rule and data errors, the error itself otherwise. */
export function asFailure(e: unknown, activity: string): unknown {
  if (e instanceof AppError) return ApplicationFailure.nonRetryable(e.message, e.code, e.details);
  const kind = dataError(e);
  if (kind)
    return ApplicationFailure.nonRetryable(`${activity}: ${lastLine(e)}`, kind, { activity, prismaCode: (e as { code?: string }).code });
  return e;
}

/** Prisma's codes (P2002 unique, P2003 foreign key, P2025 record missing) and the drivers' own wording. */
function dataError(e: unknown): string | undefined {
  const err = e as { code?: unknown; message?: unknown } | undefined;
  const code = typeof err?.code === 'string' ? err.code : undefined;
  const message = typeof err?.message === 'string' ? err.message : '';
  if (code === 'P2025') return AppErrorCode.NOT_FOUND;
  if (code === 'P2002' || code === 'P2003' || code === 'P2014') return CONSTRAINT_VIOLATION;
  if (/UNIQUE constraint failed|duplicate key value|FOREIGN KEY constraint failed|violates foreign key constraint/i.test(message))
    return CONSTRAINT_VIOLATION;
  return undefined;
}

/** Prisma messages repeat the whole query; the last line says what went wrong. */
function lastLine(e: unknown): string {
  const lines = String((e as Error)?.message ?? e)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines[lines.length - 1] ?? 'database refused the write';
}
