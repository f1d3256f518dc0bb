// Shop-floor stock: every change is a conditional UPDATE together with its move, so two manufacturing
// orders competing for the last units can never push reserved above on-hand, nor on-hand below zero.
import type { ProductionTx } from '../../db/clients';

/** Every manufacturing order works out of one shop location. */
export const SHOP = 'SHOP';

/** `maintenance`: spare parts used up repairing a work center. */
export type ShopMoveReason = 'transfer_in' | 'transfer_out' | 'consumed' | 'produced' | 'handover' | 'maintenance';

export async function recordMove(
  tx: ProductionTx,
  move: { key: string; sku: string; quantity: number; reason: ShopMoveReason; reference: string },
) {
  await tx.productionStockMove.create({ data: { ...move, location: SHOP } });
}

/** Stock arriving (a transfer, produced output): the row is created on first use. */
export async function addToShop(tx: ProductionTx, sku: string, quantity: number): Promise<void> {
  await tx.productionStock.upsert({
    where: { sku_location: { sku, location: SHOP } },
    create: { sku, location: SHOP, onHand: quantity },
    update: { onHand: { increment: quantity } },
  });
}

/**
 * Takes up to `wanted` free units (on hand − reserved), either holding them (`reserve`) or removing them
 * from the shop (`remove`); returns how many it got. The read only sizes the attempt: the UPDATE decides.
 */
export async function takeFreeUpTo(tx: ProductionTx, sku: string, wanted: number, how: 'reserve' | 'remove'): Promise<number> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const level = await tx.productionStock.findUnique({ where: { sku_location: { sku, location: SHOP } } });
    const take = Math.min(wanted, Math.max(0, (level?.onHand ?? 0) - (level?.reserved ?? 0)));
    if (take <= 0 || !level) return 0;
    const changed =
      how === 'reserve'
        ? await tx.$executeRaw`UPDATE "ProductionStock" SET "reserved" = "reserved" + ${take} WHERE "id" = ${level.id} AND "onHand" - "reserved" >= ${take}`
        : await tx.$executeRaw`UPDATE "ProductionStock" SET "onHand" = "onHand" - ${take} WHERE "id" = ${level.id} AND "onHand" - "reserved" >= ${take}`;
    if (changed === 1) return take;
  }
  throw new Error(`shop stock of ${sku} kept changing; retrying the step`);
}

/** Removes exactly `quantity` free units, or nothing: false when they are not there. */
export async function removeFree(tx: ProductionTx, sku: string, quantity: number): Promise<boolean> {
  const changed =
    await tx.$executeRaw`UPDATE "ProductionStock" SET "onHand" = "onHand" - ${quantity} WHERE "sku" = ${sku} AND "location" = ${SHOP} AND "onHand" - "reserved" >= ${quantity}`;
  return changed === 1;
}

/** Gives back held units (release), optionally taking them out of the shop too (consumption). */
export async function unreserve(tx: ProductionTx, sku: string, quantity: number, consume: boolean): Promise<void> {
  const changed = consume
    ? await tx.$executeRaw`UPDATE "ProductionStock" SET "reserved" = "reserved" - ${quantity}, "onHand" = "onHand" - ${quantity} WHERE "sku" = ${sku} AND "location" = ${SHOP} AND "reserved" >= ${quantity} AND "onHand" >= ${quantity}`
    : await tx.$executeRaw`UPDATE "ProductionStock" SET "reserved" = "reserved" - ${quantity} WHERE "sku" = ${sku} AND "location" = ${SHOP} AND "reserved" >= ${quantity}`;
  // Reservations and the reserved column are written together, so a mismatch is a defect, not a race.
  if (changed !== 1) throw new Error(`reserved shop stock of ${sku} is below ${quantity}; refusing to go negative`);
}
