// What a repair order that ended without its goods did with a return's units: a repair called off
// before it used them sends them back to RETURNS unrepaired (its process says how many only when it
// ends cancelled, not when it fails), and only those may be written off there for the return.
import type { OperationsDb } from '../../db/clients';
import { RETURNS_WAREHOUSE } from '../../db/reference-data';

export function createRepairSendBackActivities(db: OperationsDb) {
  return {
    /** Units of `sku` the repair order `moNumber` sent back to the returns warehouse. */
    async unitsBackFromRepair(input: { moNumber: string; sku: string }): Promise<number> {
      const [returns, product] = await Promise.all([
        db.warehouse.findUnique({ where: { code: RETURNS_WAREHOUSE } }),
        db.product.findUnique({ where: { sku: input.sku } }),
      ]);
      if (!returns || !product) return 0;
      const back = await db.stockMove.aggregate({
        where: { warehouseId: returns.id, productId: product.id, reference: input.moNumber, reason: 'from_production' },
        _sum: { quantity: true },
      });
      return back._sum.quantity ?? 0;
    },
  };
}
