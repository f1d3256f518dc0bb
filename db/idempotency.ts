// A side-effecting step runs at most once per key: the result is stored in the same transaction
// as the effect, so a retry (after a crash, a timeout or a lost reply) returns the first result.
import type { OperationsDb, OperationsTx, ProductionDb, ProductionTx } from './clients';

type Db = OperationsDb | ProductionDb;
type Tx<D> = D extends OperationsDb ? OperationsTx : ProductionTx;

export async function once<D extends Db, T>(db: D, key: string, effect: (tx: Tx<D>) => Promise<T>): Promise<T> {
  const run = () =>
    (db as OperationsDb).$transaction(async (tx) => {
      const done = await tx.processedOperation.findUnique({ where: { key } });
      if (done) return JSON.parse(done.result) as T;
      const result = await effect(tx as unknown as Tx<D>);
      await tx.processedOperation.create({ data: { key, result: JSON.stringify(result ?? null) } });
      return result;
    });
  try {
    return await run();
  } catch (e) {
    // Two attempts raced on the same key: the loser's transaction rolled back; read the winner's result.
    if (isUniqueViolation(e)) return run();
    throw e;
  }
}

export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | undefined;
  return err?.code === 'P2002' || /UNIQUE constraint failed|duplicate key value/i.test(err?.message ?? '');
}
