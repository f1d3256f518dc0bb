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

/**
 * An active repair BoM of `productSku`: the returned unit itself (one per unit) plus spare parts, mended in one
 * step 'Repair' on the given work center.
 */
export async function repairBom(
  prod: ProductionDb,
  productSku: string,
  parts: { sku: string; quantity: number }[],
  step: { workCenterId: number; setupMinutes?: number; minutesPerUnit: number },
) {
  return prod.bom.create({
    data: {
      productSku,
      purpose: 'repair',
      lines: { create: [{ sku: productSku, quantity: 1 }, ...parts].map((l) => ({ componentSku: l.sku, quantity: l.quantity })) },
      routing: {
        create: [
          {
            sequence: 10,
            name: 'Repair',
            workCenterId: step.workCenterId,
            setupMinutes: step.setupMinutes ?? 0,
            minutesPerUnit: step.minutesPerUnit,
          },
        ],
      },
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
