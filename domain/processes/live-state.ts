import { AppError } from '../errors';

/**
 * A process's live state for a record view; a process that cannot be asked does not hide the record,
 * but a refusal (e.g. the process belongs to another record) is not a missing state and is passed on.
 */
export async function liveState<T>(query: () => Promise<T>): Promise<T | { unavailable: string }> {
  try {
    return await query();
  } catch (e) {
    if (e instanceof AppError) throw e;
    return { unavailable: `process state could not be read: ${(e as Error).message}` };
  }
}
