// Production master data and documents a test needs, written with their stock moves so the
// production invariants hold from the start.
import type { ProductionDb } from '../../db/clients';
import { uniq } from './fixtures';

/** Puts `quantity` of `sku` on the shop floor as a stock count would: the level and its move together. */
export async function stockShop(prod: ProductionDb, sku: string, quantity: number): Promise<void> {
  await prod.$transaction([
    prod.productionStock.upsert({
      where: { sku_location: { sku, location: 'SHOP' } },
      create: { sku, location: 'SHOP', onHand: quantity },
      update: { onHand: { increment: quantity } },
    }),
    prod.productionStockMove.create({ data: { key: uniq('count'), sku, location: 'SHOP', quantity, reason: 'count', reference: 'test' } }),
  ]);
}

/** An active BoM yielding `outputQty` of `productSku` from the given component lines. */
export async function bom(
  prod: ProductionDb,
  productSku: string,
  lines: { sku: string; quantity: number; scrapBp?: number }[],
  outputQty = 1,
) {
  return prod.bom.create({
    data: {
      productSku,
      outputQty,
      lines: { create: lines.map((l) => ({ componentSku: l.sku, quantity: l.quantity, scrapBp: l.scrapBp ?? 0 })) },
    },
  });
}

/** A manufacturing order for `quantity` by the given BoM, planned, with no work orders. */
export async function manufacturingOrder(prod: ProductionDb, b: { id: number; productSku: string }, quantity: number) {
  const number = uniq('MO');
  return prod.manufacturingOrder.create({
    data: {
      number,
      key: `test:${number}`,
      productSku: b.productSku,
      quantity,
      bomId: b.id,
      status: 'planned',
      parentType: 'planner',
      requestedBy: 'test',
    },
  });
}
