// Work-center rows as the shop floor's lock: anything that books a work center's time or changes whether
// it takes work writes its row first, so concurrent writers of one work center take turns (PostgreSQL row
// lock; on SQLite the first write takes the writer lock, instead of a read that would have to upgrade later).
import type { ProductionTx } from '../../db/clients';

/** Locks the work centers' rows in id order, so two lockers never wait on each other in a circle. */
export async function lockWorkCenters(tx: ProductionTx, ids: number[]): Promise<void> {
  for (const id of [...new Set(ids)].sort((a, b) => a - b))
    await tx.$executeRaw`UPDATE "WorkCenter" SET "status" = "status" WHERE "id" = ${id}`;
}
