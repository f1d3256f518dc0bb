/** A process's live state for a record view; a process that cannot be asked does not hide the record. */
export async function liveState<T>(query: () => Promise<T>): Promise<T | { unavailable: string }> {
  try {
    return await query();
  } catch (e) {
    return { unavailable: `process state could not be read: ${(e as Error).message}` };
  }
}
