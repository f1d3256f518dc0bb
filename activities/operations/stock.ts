// Reservations and backorders. Every quantity change goes through a conditional UPDATE, so two
// orders competing for the last units can never push reserved above on-hand.
import type { OperationsDb, OperationsTx } from '../../db/clients';
import { once } from '../../db/idempotency';
import type { ReservationRound } from '../../workflows/order/types';
import { audit } from './ledger';

/** Reserves up to `wanted` units; returns how many it got. */
async function reserveUpTo(tx: OperationsTx, warehouseId: number, productId: number, wanted: number): Promise<number> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const level = await tx.stockLevel.findUnique({ where: { warehouseId_productId: { warehouseId, productId } } });
    const take = Math.min(wanted, Math.max(0, (level?.onHand ?? 0) - (level?.reserved ?? 0)));
    if (take === 0 || !level) return 0;
    const changed =
      await tx.$executeRaw`UPDATE "StockLevel" SET "reserved" = "reserved" + ${take} WHERE "id" = ${level.id} AND "onHand" - "reserved" >= ${take}`;
    if (changed === 1) return take;
  }
  throw new Error('stock level kept changing while reserving; retrying the step');
}

export async function releaseReserved(tx: OperationsTx, warehouseId: number, productId: number, quantity: number) {
  const changed =
    await tx.$executeRaw`UPDATE "StockLevel" SET "reserved" = "reserved" - ${quantity} WHERE "warehouseId" = ${warehouseId} AND "productId" = ${productId} AND "reserved" >= ${quantity}`;
  if (changed !== 1) throw new Error(`reserved stock of product ${productId} is below ${quantity}; refusing to go negative`);
}

export function createStockActivities(db: OperationsDb) {
  return {
    /**
     * Reserves what each line still needs (ordered − reserved − shipped − cancelled); the shortfall
     * becomes the line's open backorder. Runs for the first reservation and after each restock.
     */
    async reserveOrderStock(input: { orderNumber: string; key: string }): Promise<ReservationRound> {
      return once(db, input.key, async (tx) => {
        const order = await tx.salesOrder.findUniqueOrThrow({
          where: { number: input.orderNumber },
          include: { lines: { orderBy: { lineNo: 'asc' } } },
        });
        const products = new Map(
          (await tx.product.findMany({ where: { id: { in: order.lines.map((l) => l.productId) } } })).map((p) => [p.id, p.sku]),
        );
        const round: ReservationRound = { lines: [] };
        for (const line of order.lines) {
          const need = line.quantity - line.reservedQty - line.shippedQty - line.cancelledQty;
          const reserved = need > 0 ? await reserveUpTo(tx, order.warehouseId, line.productId, need) : 0;
          const backordered = Math.max(0, need - reserved);
          if (reserved > 0) {
            await tx.reservation.create({
              data: {
                key: `${input.key}:${line.lineNo}`,
                orderLineId: line.id,
                warehouseId: order.warehouseId,
                productId: line.productId,
                quantity: reserved,
                status: 'active',
              },
            });
          }
          await tx.salesOrderLine.update({
            where: { id: line.id },
            data: { reservedQty: { increment: reserved }, backorderQty: backordered },
          });
          if (backordered > 0 || line.backorderQty > 0) {
            await tx.backorder.upsert({
              where: { orderLineId: line.id },
              create: {
                orderLineId: line.id,
                productId: line.productId,
                warehouseId: order.warehouseId,
                quantity: backordered,
                status: 'open',
              },
              update: { quantity: backordered, status: backordered > 0 ? 'open' : 'fulfilled' },
            });
          }
          round.lines.push({ lineNo: line.lineNo, sku: products.get(line.productId)!, reserved, backordered });
        }
        await audit(tx, 'process', 'stock.reserved', 'SalesOrder', order.number, round);
        return round;
      });
    },

    /**
     * Compensation: gives back every unshipped reservation of the order (picked and packed units are
     * still reserved until shipped) and calls off the shipments that had not left, so none stays
     * "picked" or "packed" for an order that no longer exists.
     */
    async releaseOrderReservations(input: { orderNumber: string; key: string }): Promise<number> {
      return once(db, input.key, async (tx) => {
        const order = await tx.salesOrder.findUniqueOrThrow({ where: { number: input.orderNumber }, include: { lines: true } });
        const unshipped = { orderId: order.id, status: { in: ['ready', 'picked', 'packed'] } };
        const calledOff = await tx.shipment.findMany({ where: unshipped, select: { number: true } });
        await tx.shipment.updateMany({ where: unshipped, data: { status: 'cancelled' } });
        for (const s of calledOff) await audit(tx, 'process', 'shipment.cancelled', 'Shipment', s.number, { order: order.number });
        let released = 0;
        for (const line of order.lines) {
          const active = await tx.reservation.findMany({ where: { orderLineId: line.id, status: 'active' } });
          const qty = active.reduce((s, r) => s + r.quantity, 0);
          if (qty === 0) continue;
          await releaseReserved(tx, order.warehouseId, line.productId, qty);
          await tx.reservation.updateMany({ where: { orderLineId: line.id, status: 'active' }, data: { status: 'released' } });
          await tx.salesOrderLine.update({
            where: { id: line.id },
            data: { reservedQty: { decrement: qty }, cancelledQty: { increment: qty } },
          });
          released += qty;
        }
        await audit(tx, 'process', 'stock.released', 'SalesOrder', order.number, { released });
        return released;
      });
    },

    /** Cancels what is still on backorder (on cancellation, or when the wait for stock runs out). */
    async cancelOrderBackorders(input: { orderNumber: string; key: string }): Promise<number> {
      return once(db, input.key, async (tx) => {
        const order = await tx.salesOrder.findUniqueOrThrow({
          where: { number: input.orderNumber },
          include: { lines: { include: { backorder: true } } },
        });
        let cancelled = 0;
        for (const line of order.lines) {
          if (line.backorder?.status !== 'open') continue;
          await tx.backorder.update({ where: { id: line.backorder.id }, data: { status: 'cancelled', quantity: 0 } });
          await tx.salesOrderLine.update({
            where: { id: line.id },
            data: { backorderQty: 0, cancelledQty: { increment: line.backorderQty } },
          });
          cancelled += line.backorderQty;
        }
        await audit(tx, 'process', 'backorder.cancelled', 'SalesOrder', order.number, { cancelled });
        return cancelled;
      });
    },
  };
}
