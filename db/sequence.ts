import type { OperationsTx, ProductionTx } from './clients';

/** Next business number of a series (SO-00001...), taken inside the caller's transaction. */
export async function nextNumber(tx: OperationsTx | ProductionTx, series: string, prefix: string): Promise<string> {
  // Both stores keep their own series table of the same shape.
  const row = await (tx as OperationsTx).sequence.upsert({
    where: { name: series },
    create: { name: series, next: 2 },
    update: { next: { increment: 1 } },
  });
  const value = row.next - 1;
  return `${prefix}-${String(value).padStart(5, '0')}`;
}
