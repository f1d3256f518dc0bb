// Stock arriving in a warehouse (a receipt, a passed inspection, goods from production): the level
// rises and the move that explains it is written, in the caller's transaction.
import type { OperationsTx } from '../../db/clients';

export interface StockIn {
  /** The move's idempotency key. */
  key: string;
  warehouseId: number;
  productId: number;
  quantity: number;
  reason: string;
  reference: string;
}

export async function bookStockIn(tx: OperationsTx, m: StockIn): Promise<void> {
  await tx.stockLevel.upsert({
    where: { warehouseId_productId: { warehouseId: m.warehouseId, productId: m.productId } },
    create: { warehouseId: m.warehouseId, productId: m.productId, onHand: m.quantity },
    update: { onHand: { increment: m.quantity } },
  });
  await tx.stockMove.create({ data: m });
}
