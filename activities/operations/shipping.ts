import type { OperationsDb, OperationsTx } from '../../db/clients';
import { once } from '../../db/idempotency';
import { illegal, invalid, notFound } from '../../domain/errors';
import type { ShipmentInfo } from '../../workflows/order/types';
import { bookWithCarrier } from './carrier-gateway';
import { audit } from './ledger';
import { releaseReserved } from './stock';

async function shipmentInfo(db: OperationsDb | OperationsTx, number: string): Promise<ShipmentInfo> {
  const s = await db.shipment.findUnique({ where: { number }, include: { lines: true } });
  if (!s) throw notFound(`Shipment ${number}`);
  const orderLines = await db.salesOrderLine.findMany({ where: { id: { in: s.lines.map((l) => l.orderLineId) } } });
  const products = await db.product.findMany({ where: { id: { in: s.lines.map((l) => l.productId) } } });
  return {
    number: s.number,
    status: s.status as ShipmentInfo['status'],
    carrierCode: s.carrierCode ?? undefined,
    trackingNumber: s.trackingNumber ?? undefined,
    lines: s.lines.map((l) => ({
      lineNo: orderLines.find((o) => o.id === l.orderLineId)!.lineNo,
      sku: products.find((p) => p.id === l.productId)!.sku,
      quantity: l.quantity,
      deliveredQty: l.deliveredQty,
    })),
  };
}

export function createShippingActivities(db: OperationsDb) {
  return {
    /** Puts every reserved, unshipped unit of the order on a new shipment; null when nothing is reserved. */
    async createShipment(input: { orderNumber: string; shipmentNumber: string }): Promise<ShipmentInfo | null> {
      const created = await once(db, `shipment:${input.shipmentNumber}`, async (tx) => {
        const order = await tx.salesOrder.findUniqueOrThrow({ where: { number: input.orderNumber }, include: { lines: true } });
        const lines = order.lines.filter((l) => l.reservedQty > 0);
        if (lines.length === 0) return false;
        await tx.shipment.create({
          data: {
            number: input.shipmentNumber,
            orderId: order.id,
            status: 'ready',
            lines: { create: lines.map((l) => ({ orderLineId: l.id, productId: l.productId, quantity: l.reservedQty })) },
          },
        });
        await audit(tx, 'process', 'shipment.created', 'Shipment', input.shipmentNumber, { order: order.number });
        return true;
      });
      return created ? shipmentInfo(db, input.shipmentNumber) : null;
    },

    /** Pick and pack are recorded as their own steps so the warehouse's progress is visible. */
    async recordShipmentStep(input: { shipmentNumber: string; step: 'picked' | 'packed'; at: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const s = await tx.shipment.findUnique({ where: { number: input.shipmentNumber } });
        if (!s) throw notFound(`Shipment ${input.shipmentNumber}`);
        const stamp = input.step === 'picked' ? { pickedAt: new Date(input.at) } : { packedAt: new Date(input.at) };
        if ((input.step === 'picked' && s.pickedAt) || (input.step === 'packed' && s.packedAt)) return;
        await tx.shipment.update({ where: { id: s.id }, data: { status: input.step, ...stamp } });
        await audit(tx, 'process', `shipment.${input.step}`, 'Shipment', s.number);
      });
    },

    /** Books the carrier (idempotent on their side by shipment number) and remembers the tracking number. */
    async bookCarrier(input: { shipmentNumber: string }): Promise<{ trackingNumber: string }> {
      const shipment = await db.shipment.findUnique({
        where: { number: input.shipmentNumber },
        include: { lines: true, order: { include: { customer: true } } },
      });
      if (!shipment) throw notFound(`Shipment ${input.shipmentNumber}`);
      if (shipment.trackingNumber) return { trackingNumber: shipment.trackingNumber };
      // The first carrier on file is the house carrier; carrier choice per customer can come later.
      const carrier = await db.carrier.findFirst({ orderBy: { id: 'asc' } });
      if (!carrier) throw notFound('A carrier (none is configured)');
      const booking = await bookWithCarrier(carrier.apiUrl, {
        shipmentNumber: shipment.number,
        parcels: shipment.lines.reduce((s, l) => s + l.quantity, 0),
        destination: shipment.order.customer.name,
      });
      await db.shipment.update({ where: { id: shipment.id }, data: { carrierCode: carrier.code, trackingNumber: booking.trackingNumber } });
      return booking;
    },

    /** Goods leave the warehouse: on-hand and reserved both drop and the reservations are consumed. */
    async shipShipment(input: { shipmentNumber: string; at: string }): Promise<ShipmentInfo> {
      await once(db, `ship:${input.shipmentNumber}`, async (tx) => {
        const s = await tx.shipment.findUniqueOrThrow({ where: { number: input.shipmentNumber }, include: { lines: true, order: true } });
        for (const l of s.lines) {
          await releaseReserved(tx, s.order.warehouseId, l.productId, l.quantity);
          const out =
            await tx.$executeRaw`UPDATE "StockLevel" SET "onHand" = "onHand" - ${l.quantity} WHERE "warehouseId" = ${s.order.warehouseId} AND "productId" = ${l.productId} AND "onHand" - "reserved" >= ${l.quantity}`;
          if (out !== 1) throw new Error(`on-hand stock of product ${l.productId} is below the shipped ${l.quantity}`);
          await tx.stockMove.create({
            data: {
              key: `ship:${s.number}:${l.id}`,
              warehouseId: s.order.warehouseId,
              productId: l.productId,
              quantity: -l.quantity,
              reason: 'shipment',
              reference: s.number,
            },
          });
          await tx.reservation.updateMany({ where: { orderLineId: l.orderLineId, status: 'active' }, data: { status: 'consumed' } });
          await tx.salesOrderLine.update({
            where: { id: l.orderLineId },
            data: { reservedQty: { decrement: l.quantity }, shippedQty: { increment: l.quantity } },
          });
        }
        await tx.shipment.update({ where: { id: s.id }, data: { status: 'shipped', shippedAt: new Date(input.at) } });
        await audit(tx, 'process', 'shipment.shipped', 'Shipment', s.number, { tracking: s.trackingNumber });
        return true;
      });
      return shipmentInfo(db, input.shipmentNumber);
    },

    /** Records what arrived; lines not mentioned arrived in full. */
    async confirmShipmentDelivery(input: {
      shipmentNumber: string;
      at: string;
      confirmedBy: string;
      lines?: { lineNo: number; deliveredQty: number }[];
    }): Promise<ShipmentInfo> {
      await once(db, `deliver:${input.shipmentNumber}`, async (tx) => {
        const s = await tx.shipment.findUniqueOrThrow({ where: { number: input.shipmentNumber }, include: { lines: true } });
        if (s.status !== 'shipped') throw illegal(`Shipment ${s.number} is ${s.status}, not shipped`);
        const orderLines = await tx.salesOrderLine.findMany({ where: { id: { in: s.lines.map((l) => l.orderLineId) } } });
        // Refused, not clamped: a line the shipment does not carry or more than was shipped is a wrong report.
        input.lines?.forEach((r, i) => {
          const line = s.lines.find((l) => orderLines.find((o) => o.id === l.orderLineId)?.lineNo === r.lineNo);
          if (!line) throw invalid(`lines.${i}.lineNo`, `shipment ${s.number} carries no order line ${r.lineNo}`);
          if (r.deliveredQty > line.quantity)
            throw invalid(`lines.${i}.deliveredQuantity`, `${r.deliveredQty} is more than the ${line.quantity} shipped`);
        });
        for (const l of s.lines) {
          const orderLine = orderLines.find((o) => o.id === l.orderLineId)!;
          const delivered = input.lines?.find((x) => x.lineNo === orderLine.lineNo)?.deliveredQty ?? l.quantity;
          await tx.shipmentLine.update({ where: { id: l.id }, data: { deliveredQty: delivered } });
          await tx.salesOrderLine.update({ where: { id: l.orderLineId }, data: { deliveredQty: { increment: delivered } } });
        }
        await tx.shipment.update({
          where: { id: s.id },
          data: { status: 'delivered', deliveredAt: new Date(input.at), deliveredBy: input.confirmedBy },
        });
        await audit(tx, input.confirmedBy, 'shipment.delivered', 'Shipment', s.number, { lines: input.lines ?? 'all' });
        return true;
      });
      return shipmentInfo(db, input.shipmentNumber);
    },
  };
}
