// Creating a business document that a process then runs: replay an earlier request with the same
// Idempotency-Key, write the document, start its process, and remove the document again if the
// process cannot be started, so a refused request leaves nothing behind.
import type { OperationsDb } from '../../db/clients';
import { isUniqueViolation } from '../../db/idempotency';
import { AppError, AppErrorCode } from '../errors';
import { earlierResult, type KeyedRequest } from '../idempotency-key';
import { countProcessStarted, type ProcessKind } from '../../observability/metrics';

export async function createWithProcess(
  db: OperationsDb,
  keyed: KeyedRequest | undefined,
  steps: {
    /** What the document is, for the count of processes started. */
    kind: ProcessKind;
    /** Validates and writes the document (with rememberResult in the same transaction); returns its number. */
    record: () => Promise<string>;
    /** Starts the process; a no-op when the record's own process already runs, an AppError when another record's does. */
    start: (number: string) => Promise<void>;
    /** Deletes the document, its audit rows and its idempotency record in one transaction. */
    remove: (number: string) => Promise<void>;
  },
): Promise<{ number: string; created: boolean }> {
  const replay = async () => {
    const earlier = await earlierResult(db, keyed);
    if (earlier) await steps.start(earlier); // heals a start that failed after the commit
    return earlier;
  };
  const earlier = await replay();
  if (earlier) return { number: earlier, created: false };
  let number: string;
  try {
    number = await steps.record();
  } catch (e) {
    // The same key sent twice at once: the other request won; answer as it did.
    if (keyed && isUniqueViolation(e)) return { number: (await replay())!, created: false };
    throw e;
  }
  try {
    await steps.start(number);
  } catch (e) {
    await steps.remove(number);
    // A refusal (the process id belongs to another record) is answered as it is, not as an outage.
    if (e instanceof AppError) throw e;
    throw new AppError(AppErrorCode.UNAVAILABLE, {
      message: `The process engine is unavailable (${(e as Error).message}); nothing was saved, retry the request`,
    });
  }
  countProcessStarted(steps.kind);
  return { number, created: true };
}

/** Remembers a keyed request's result when the document lives outside the operations store (no shared transaction). */
export async function rememberKeyedResult(db: OperationsDb, keyed: KeyedRequest | undefined, resourceRef: string): Promise<void> {
  if (!keyed) return;
  try {
    await db.idempotencyRecord.create({ data: { key: keyed.key, requestHash: keyed.hash, resourceRef } });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e; // the same request's twin remembered it first
  }
}

/**
 * As createWithProcess, for a document kept in the production store: the Idempotency-Key is kept in the
 * operations store once the process runs, and a document this request wrote is removed again if its
 * process cannot start (one it only found, e.g. a request already open, stays).
 */
export async function createProductionDocument(
  db: OperationsDb,
  keyed: KeyedRequest | undefined,
  steps: {
    kind: ProcessKind;
    write: () => Promise<{ number: string; created: boolean }>;
    start: (number: string) => Promise<void>;
    remove: (number: string) => Promise<void>;
  },
): Promise<{ number: string; created: boolean }> {
  const earlier = await earlierResult(db, keyed);
  if (earlier) {
    await steps.start(earlier); // heals a start that failed after the document was written
    return { number: earlier, created: false };
  }
  const written = await steps.write();
  try {
    await steps.start(written.number);
  } catch (e) {
    if (written.created) await steps.remove(written.number);
    if (e instanceof AppError) throw e;
    throw new AppError(AppErrorCode.UNAVAILABLE, {
      message: `The process engine is unavailable (${(e as Error).message}); nothing was saved, retry the request`,
    });
  }
  await rememberKeyedResult(db, keyed, written.number);
  // A request that found its document already open (and its process running) started nothing.
  if (written.created) countProcessStarted(steps.kind);
  return written;
}
