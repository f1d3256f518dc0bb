// Purchase orders: sending to the supplier's gateway, switching supplier, receipts into stock,
// chasing late deliveries, closing short and cancelling.
import type { OperationsDb, OperationsTx } from '../../db/clients';
import { once } from '../../db/idempotency';
import { AppError, AppErrorCode, illegal, notFound } from '../../domain/errors';
import { receiptIssues } from '../../domain/procurement/goods-receipt';
import { bookStockIn } from '../../domain/stock/stock-in';
import { QUALITY_HOLD_WAREHOUSE } from '../../db/reference-data';
import type { PurchaseOrderInfo, SupplierSwitchQuote } from '../../workflows/procurement/types';
import { audit } from './ledger';
import { callSupplier } from './supplier-gateway';

/** One inspection per received line of a delivery note. */
export const inspectionKey = (poNumber: string, reference: string, lineNo: number) => `inspection:${poNumber}:${reference}:${lineNo}`;

export async function purchaseOrderInfo(db: OperationsDb | OperationsTx, number: string): Promise<PurchaseOrderInfo> {
  const po = await db.purchaseOrder.findUnique({ where: { number }, include: { lines: { orderBy: { lineNo: 'asc' } } } });
  if (!po) throw notFound(`Purchase order ${number}`);
  // Three independent reads at once: on PostgreSQL their round trips overlap on the pool's connections.
  const [supplier, products, held] = await Promise.all([
    db.supplier.findUniqueOrThrow({ where: { id: po.supplierId } }),
    db.product.findMany({ where: { id: { in: po.lines.map((l) => l.productId) } } }),
    db.incomingInspection.findMany({ where: { purchaseOrderId: po.id, status: 'pending' }, orderBy: { id: 'asc' } }),
  ]);
  const sku = (productId: number) => products.find((p) => p.id === productId)!.sku;
  return {
    number: po.number,
    supplierCode: supplier.code,
    status: po.status,
    promisedDate: po.promisedDate?.toISOString(),
    lines: po.lines.map((l) => ({
      lineNo: l.lineNo,
      sku: sku(l.productId),
      quantity: l.quantity,
      receivedQty: l.receivedQty,
      unitPriceCents: l.unitPriceCents,
    })),
    ...(held.length
      ? {
          inspections: held.map((i) => ({
            key: i.key,
            receiptRef: i.receiptRef,
            lineNo: i.lineNo,
            sku: sku(i.productId),
            quantity: i.quantity,
          })),
        }
      : {}),
  };
}

export function createPurchaseOrderActivities(db: OperationsDb) {
  return {
    loadPurchaseOrder: (number: string) => purchaseOrderInfo(db, number),

    async setPurchaseOrderStatus(input: { number: string; status: string; actor?: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const po = await tx.purchaseOrder.findUniqueOrThrow({ where: { number: input.number } });
        if (po.status === input.status) return;
        await tx.purchaseOrder.update({ where: { id: po.id }, data: { status: input.status } });
        await audit(tx, input.actor ?? 'process', `purchase-order.${input.status}`, 'PurchaseOrder', po.number);
      });
    },

    /** Sends the PO; the supplier answers idempotently by PO number with its promised date. */
    async sendPurchaseOrder(input: { poNumber: string }): Promise<PurchaseOrderInfo> {
      const po = await db.purchaseOrder.findUniqueOrThrow({ where: { number: input.poNumber }, include: { lines: true } });
      const supplier = await db.supplier.findUniqueOrThrow({ where: { id: po.supplierId } });
      const products = await db.product.findMany({ where: { id: { in: po.lines.map((l) => l.productId) } } });
      const answer = await callSupplier<{ promisedDate?: string; status?: string }>(`${supplier.apiUrl}/orders`, {
        poNumber: po.number,
        requestedDate: po.requestedDate.toISOString().slice(0, 10),
        lines: po.lines.map((l) => ({
          lineNo: l.lineNo,
          sku: products.find((p) => p.id === l.productId)!.sku,
          quantity: l.quantity,
          unitPrice: l.unitPriceCents / 100,
        })),
      });
      const promised = answer.promisedDate ? new Date(answer.promisedDate) : po.requestedDate;
      await db.$transaction(async (tx) => {
        await tx.purchaseOrder.update({ where: { id: po.id }, data: { status: 'confirmed', sentAt: new Date(), promisedDate: promised } });
        await audit(tx, 'process', 'purchase-order.confirmed', 'PurchaseOrder', po.number, {
          supplier: supplier.code,
          promisedDate: answer.promisedDate,
        });
      });
      return purchaseOrderInfo(db, po.number);
    },

    /** Another supplier that offers every product of the PO, or null. */
    async alternativeSupplier(input: { poNumber: string }): Promise<string | null> {
      const po = await db.purchaseOrder.findUniqueOrThrow({ where: { number: input.poNumber }, include: { lines: true } });
      const offers = await db.supplierPrice.findMany({
        where: { productId: { in: po.lines.map((l) => l.productId) }, supplierId: { not: po.supplierId } },
        include: { supplier: true },
      });
      const candidates = [...new Set(offers.map((o) => o.supplierId))].filter((sid) =>
        po.lines.every((l) => offers.some((o) => o.supplierId === sid && o.productId === l.productId)),
      );
      if (candidates.length === 0) return null;
      const cost = (sid: number) =>
        po.lines.reduce((s, l) => s + l.quantity * offers.find((o) => o.supplierId === sid && o.productId === l.productId)!.priceCents, 0);
      const best = candidates.sort((a, b) => cost(a) - cost(b))[0];
      return offers.find((o) => o.supplierId === best)!.supplier.code;
    },

    /** What switching an unsent PO to another supplier would cost: that supplier's prices, quantities raised to its minimums. */
    async quoteSupplierSwitch(input: { poNumber: string; supplierCode: string }): Promise<SupplierSwitchQuote> {
      const po = await db.purchaseOrder.findUniqueOrThrow({
        where: { number: input.poNumber },
        include: { lines: { orderBy: { lineNo: 'asc' } }, requisition: true },
      });
      const from = await db.supplier.findUniqueOrThrow({ where: { id: po.supplierId } });
      const to = await db.supplier.findUniqueOrThrow({ where: { code: input.supplierCode } });
      const lines = [];
      for (const l of po.lines) {
        const offer = await db.supplierPrice.findUniqueOrThrow({
          where: { supplierId_productId: { supplierId: to.id, productId: l.productId } },
        });
        lines.push({
          lineNo: l.lineNo,
          quantity: l.quantity,
          newQuantity: Math.max(l.quantity, offer.minOrderQty),
          newUnitPriceCents: offer.priceCents,
        });
      }
      return {
        from: from.code,
        to: to.code,
        totalCents: po.totalCents,
        newTotalCents: lines.reduce((s, l) => s + l.newQuantity * l.newUnitPriceCents, 0),
        lines,
        requester: po.requisition.requester,
        requisitionTotalCents: po.requisition.totalCents,
      };
    },

    /**
     * Re-addresses an unsent PO to another supplier at that supplier's prices, with the reason (who
     * chose it, who approved a higher amount) on the PO and in the audit of PO and requisition. Refused
     * if the prices moved past the amount that was approved since the quote.
     */
    async switchSupplier(input: {
      poNumber: string;
      supplierCode: string;
      decidedBy: string;
      reason?: string;
      approvedTotalCents?: number;
    }): Promise<PurchaseOrderInfo> {
      await once(db, `switch:${input.poNumber}:${input.supplierCode}`, async (tx) => {
        const po = await tx.purchaseOrder.findUniqueOrThrow({
          where: { number: input.poNumber },
          include: { lines: true, requisition: true },
        });
        if (po.sentAt) throw illegal(`Purchase order ${po.number} was already accepted by its supplier`);
        const supplier = await tx.supplier.findUniqueOrThrow({ where: { code: input.supplierCode } });
        let total = 0;
        for (const l of po.lines) {
          const offer = await tx.supplierPrice.findUniqueOrThrow({
            where: { supplierId_productId: { supplierId: supplier.id, productId: l.productId } },
          });
          const quantity = Math.max(l.quantity, offer.minOrderQty);
          await tx.purchaseOrderLine.update({ where: { id: l.id }, data: { unitPriceCents: offer.priceCents, quantity } });
          total += quantity * offer.priceCents;
        }
        if (input.approvedTotalCents !== undefined && total > input.approvedTotalCents) {
          throw illegal(
            `Switching ${po.number} to ${supplier.code} now costs ${total / 100}, more than the ${input.approvedTotalCents / 100} approved`,
          );
        }
        await tx.purchaseOrder.update({
          where: { id: po.id },
          data: { supplierId: supplier.id, totalCents: total, ...(input.reason ? { reason: input.reason } : {}) },
        });
        await audit(tx, input.decidedBy, 'purchase-order.supplier-switched', 'PurchaseOrder', po.number, {
          to: supplier.code,
          totalCents: total,
          reason: input.reason,
        });
        if (input.reason)
          await audit(tx, input.decidedBy, 'requisition.supplier-switched', 'Requisition', po.requisition.number, {
            po: po.number,
            reason: input.reason,
          });
        return true;
      });
      return purchaseOrderInfo(db, input.poNumber);
    },

    /** Cancels at the supplier (if it was sent) and in the books; refuses once goods arrived. */
    async cancelPurchaseOrder(input: { poNumber: string; reason: string }): Promise<void> {
      const po = await db.purchaseOrder.findUniqueOrThrow({ where: { number: input.poNumber }, include: { lines: true } });
      if (po.status === 'cancelled') return;
      if (po.lines.some((l) => l.receivedQty > 0)) throw illegal(`Purchase order ${po.number} has receipts and can no longer be cancelled`);
      if (po.sentAt) {
        const supplier = await db.supplier.findUniqueOrThrow({ where: { id: po.supplierId } });
        await callSupplier(`${supplier.apiUrl}/orders/${po.number}/cancel`, { reason: input.reason });
      }
      await db.$transaction(async (tx) => {
        await tx.purchaseOrder.update({ where: { id: po.id }, data: { status: 'cancelled', reason: input.reason } });
        await audit(tx, 'process', 'purchase-order.cancelled', 'PurchaseOrder', po.number, { reason: input.reason });
      });
    },

    async chaseSupplier(input: { poNumber: string; level: number }): Promise<void> {
      await once(db, `chase:${input.poNumber}:${input.level}`, async (tx) => {
        await audit(tx, 'process', 'purchase-order.chased', 'PurchaseOrder', input.poNumber, { level: input.level });
        return true;
      });
    },

    /**
     * Goods in: stock rises, the PO's received quantities grow. The delivery note makes it idempotent
     * per purchase order (two suppliers may both send a "DN-1"); each line's open quantity is taken by
     * a conditional update, so concurrent receipts never book more than was ordered. With `inspect`
     * (a process that opens inspection tasks), products inspected on receipt land in the quality hold
     * with a pending inspection instead of in MAIN.
     */
    async recordGoodsReceipt(input: {
      poNumber: string;
      reference: string;
      lines: { lineNo: number; quantity: number }[];
      receivedBy: string;
      at: string;
      inspect?: boolean;
    }): Promise<PurchaseOrderInfo> {
      const key = `grn:${input.poNumber}:${input.reference}`;
      await once(db, key, async (tx) => {
        const po = await tx.purchaseOrder.findUnique({ where: { number: input.poNumber }, include: { lines: true } });
        if (!po) throw notFound(`Purchase order ${input.poNumber}`);
        if (['cancelled', 'closed_short', 'received'].includes(po.status))
          throw illegal(`Purchase order ${po.number} is ${po.status}; it takes no more receipts`);
        const issues = receiptIssues(po.number, po.lines, input.lines);
        if (issues.length)
          throw new AppError(AppErrorCode.INVALID_INPUT, {
            message: issues.map((i) => `${i.field}: ${i.message}`).join('; '),
            details: issues,
          });
        const main = await tx.warehouse.findUniqueOrThrow({ where: { code: 'MAIN' } });
        const inspected = input.inspect
          ? await tx.product.findMany({ where: { id: { in: po.lines.map((l) => l.productId) }, inspectOnReceipt: true } })
          : [];
        const hold = inspected.length ? await tx.warehouse.findUniqueOrThrow({ where: { code: QUALITY_HOLD_WAREHOUSE } }) : undefined;
        const held: number[] = [];
        for (const [i, r] of input.lines.entries()) {
          const line = po.lines.find((l) => l.lineNo === r.lineNo)!;
          const warehouse = hold && inspected.some((p) => p.id === line.productId) ? hold : main;
          const taken = await tx.purchaseOrderLine.updateMany({
            where: { id: line.id, receivedQty: { lte: line.quantity - r.quantity } },
            data: { receivedQty: { increment: r.quantity } },
          });
          if (taken.count !== 1) {
            throw new AppError(AppErrorCode.INVALID_INPUT, {
              message: `line ${r.lineNo}: ${r.quantity} received but less is open`,
              details: [{ field: `lines.${i}.quantity`, message: 'more than is still open' }],
            });
          }
          await bookStockIn(tx, {
            key: `${key}:${r.lineNo}`,
            warehouseId: warehouse.id,
            productId: line.productId,
            quantity: r.quantity,
            reason: 'purchase_receipt',
            reference: po.number,
          });
          if (warehouse === hold) {
            held.push(r.lineNo);
            await tx.incomingInspection.create({
              data: {
                key: inspectionKey(po.number, input.reference, r.lineNo),
                purchaseOrderId: po.id,
                receiptRef: input.reference,
                lineNo: r.lineNo,
                productId: line.productId,
                quantity: r.quantity,
                status: 'pending',
              },
            });
          }
        }
        const lines = await tx.purchaseOrderLine.findMany({ where: { purchaseOrderId: po.id } });
        const status = lines.every((l) => l.receivedQty >= l.quantity) ? 'received' : 'partially_received';
        await tx.purchaseOrder.update({ where: { id: po.id }, data: { status } });
        await tx.goodsReceipt.create({
          data: {
            reference: input.reference,
            purchaseOrderId: po.id,
            receivedBy: input.receivedBy,
            lines: JSON.stringify(input.lines),
            receivedAt: new Date(input.at),
          },
        });
        await audit(tx, input.receivedBy, 'purchase-order.goods-received', 'PurchaseOrder', po.number, {
          reference: input.reference,
          lines: input.lines,
          ...(held.length ? { heldForInspection: held } : {}),
        });
        return true;
      });
      return purchaseOrderInfo(db, input.poNumber);
    },
  };
}
