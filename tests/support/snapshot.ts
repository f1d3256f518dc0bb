// Invariants compare several tables; a process that is still moving (an order shipping after the
// test's last wait) must not be seen half before and half after a commit. On PostgreSQL the reads
// run in one REPEATABLE READ transaction (one snapshot); a SQLite read transaction is one already.
import type { OperationsDb, OperationsTx, ProductionDb, ProductionTx } from '../../db/clients';
import { usePostgres } from './databases';

// The clients are typed from the SQLite schema, which knows no isolation level but Serializable.
const options = () => ({ timeout: 30_000, ...(usePostgres() ? { isolationLevel: 'RepeatableRead' } : {}) }) as { timeout: number };

export function snapshot<R>(db: OperationsDb, reads: (tx: OperationsTx) => Promise<R>): Promise<R>;
export function snapshot<R>(db: ProductionDb, reads: (tx: ProductionTx) => Promise<R>): Promise<R>;
export function snapshot<R>(db: OperationsDb | ProductionDb, reads: (tx: never) => Promise<R>): Promise<R> {
  return (db as OperationsDb).$transaction(reads as (tx: OperationsTx) => Promise<R>, options());
}
