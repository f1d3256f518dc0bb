import { AppError } from '../errors';

export interface ViewOptions {
  /**
   * The request that asks for the view has just started the process. Its state is then not asked:
   * the process has not run its first step yet, and a query waits for that step, behind every other
   * process's steps on a busy worker (at 64 concurrent order creations the query was 16.7 s of the
   * 17 s a creation took). The view says the process was started instead.
   */
  justStarted?: boolean;
}

/** The live state a view shows for a process its request has just started. */
export const JUST_STARTED = {
  started: true,
  note: 'the process was started by this request; read the document again for its live state',
} as const;

/**
 * A process's live state for a record view; a process that cannot be asked does not hide the record,
 * but a refusal (e.g. the process belongs to another record) is not a missing state and is passed on.
 */
export async function liveState<T>(
  query: () => Promise<T>,
  opts: ViewOptions = {},
): Promise<T | typeof JUST_STARTED | { unavailable: string }> {
  if (opts.justStarted) return JUST_STARTED;
  try {
    return await query();
  } catch (e) {
    if (e instanceof AppError) throw e;
    return { unavailable: `process state could not be read: ${(e as Error).message}` };
  }
}
