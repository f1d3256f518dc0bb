import type { OperationsTx } from './clients';

/** Next business number of a series (SO-00001...), taken inside the caller's transaction. */
export async function nextNumber(tx: OperationsTx, series: string, prefix: string): Promise<string> {
  const row = await tx.sequence.upsert({ where: { name: series }, create: { name: series, next: 2 }, update: { next: { increment: 1 } } });
  const value = row.next - 1;
  return `${prefix}-${String(value).padStart(5, '0')}`;
}
