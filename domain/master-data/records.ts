// What every master-data record shares: text search, the changes an update makes, and
// refusing a second record under a code that is taken.
import { isPostgresDb, type OperationsDb } from '../../db/clients';
import { isUniqueViolation } from '../../db/idempotency';
import { illegal } from '../errors';

// PostgreSQL compares LIKE case-sensitively and SQLite does not (for ASCII); a search for "bolt"
// should find "Bolt M6" on both, and the SQLite client refuses the `mode` argument.
export function textFilter(db: OperationsDb, q: string) {
  return { contains: q, ...(isPostgresDb(db) ? { mode: 'insensitive' as never } : {}) };
}

export type Changes = Record<string, { from: unknown; to: unknown }>;

/** The fields an update really changes, as they read in the API (amounts, percentages), for the audit row. */
export function changesOf<T extends object>(before: T, requested: Partial<T>): Changes {
  const changes: Changes = {};
  const was = before as Record<string, unknown>;
  for (const [field, to] of Object.entries(requested)) {
    if (to !== undefined && JSON.stringify(was[field]) !== JSON.stringify(to)) changes[field] = { from: was[field] ?? null, to };
  }
  return changes;
}

/**
 * Runs a create and turns the unique-key failure of a concurrent twin into the same 409 a
 * sequential duplicate gets (the check before the write cannot see a twin still in flight).
 */
export async function createOnce<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e)) throw illegal(`${what} already exists`);
    throw e;
  }
}
