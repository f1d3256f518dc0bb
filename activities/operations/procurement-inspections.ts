// Incoming inspection of purchased goods held in quality: passed, they move to MAIN and whoever waits
// for them is named; returned, they leave the hold and the PO line is open again (the supplier owes
// them). Each decision is one transaction, guarded by the inspection still being pending.
import type { OperationsDb, OperationsTx } from '../../db/clients';
import { once } from '../../db/idempotency';
import { QUALITY_HOLD_WAREHOUSE } from '../../db/reference-data';
import { illegal, notFound } from '../../domain/errors';
import { ordersWaitingFor } from '../../domain/stock/receive-stock';
import { bookStockIn } from '../../domain/stock/stock-in';
import type { PassedInspection, PurchaseOrderInfo } from '../../workflows/procurement/types';
import { audit } from './ledger';
import { purchaseOrderInfo } from './procurement-orders';

interface InspectionDecision {
  key: string;
  decidedBy: string;
  comment?: string;
  photoRef?: string;
  at: string;
}

/** Marks the inspection decided and takes its quantity out of the quality hold, or refuses. */
async function decide(tx: OperationsTx, input: InspectionDecision, status: 'passed' | 'rejected', reason: string) {
  const inspection = await tx.incomingInspection.findUnique({ where: { key: input.key } });
  if (!inspection) throw notFound(`Incoming inspection ${input.key}`);
  const decided = await tx.incomingInspection.updateMany({
    where: { id: inspection.id, status: 'pending' },
    data: {
      status,
      reason: input.comment ?? null,
      photoRef: input.photoRef ?? null,
      decidedBy: input.decidedBy,
      decidedAt: new Date(input.at),
    },
  });
  if (decided.count !== 1) throw illegal(`Incoming inspection ${input.key} is already ${inspection.status}`);
  const hold = await tx.warehouse.findUniqueOrThrow({ where: { code: QUALITY_HOLD_WAREHOUSE } });
  const out = await tx.stockLevel.updateMany({
    where: { warehouseId: hold.id, productId: inspection.productId, onHand: { gte: inspection.quantity } },
    data: { onHand: { decrement: inspection.quantity } },
  });
  if (out.count !== 1) throw illegal(`The quality hold has less than the ${inspection.quantity} units of ${input.key}`);
  const po = await tx.purchaseOrder.findUniqueOrThrow({ where: { id: inspection.purchaseOrderId } });
  await tx.stockMove.create({
    data: {
      key: `${input.key}:out`,
      warehouseId: hold.id,
      productId: inspection.productId,
      quantity: -inspection.quantity,
      reason,
      reference: po.number,
    },
  });
  return { inspection, po };
}

export function createInspectionActivities(db: OperationsDb) {
  return {
    /** QC → MAIN; then the customer orders with open backorders of the product and the manufacturing order the purchase was for. */
    async passIncomingInspection(input: InspectionDecision): Promise<PassedInspection> {
      const { poNumber, productId, requisitionId } = await once(db, `${input.key}:passed`, async (tx) => {
        const { inspection, po } = await decide(tx, input, 'passed', 'inspection_passed');
        const main = await tx.warehouse.findUniqueOrThrow({ where: { code: 'MAIN' } });
        await bookStockIn(tx, {
          key: `${input.key}:in`,
          warehouseId: main.id,
          productId: inspection.productId,
          quantity: inspection.quantity,
          reason: 'inspection_passed',
          reference: po.number,
        });
        await audit(tx, input.decidedBy, 'incoming-inspection.passed', 'PurchaseOrder', po.number, {
          inspection: input.key,
          quantity: inspection.quantity,
          comment: input.comment,
          photoRef: input.photoRef,
        });
        return { poNumber: po.number, productId: inspection.productId, requisitionId: po.requisitionId };
      });
      const main = await db.warehouse.findUniqueOrThrow({ where: { code: 'MAIN' } });
      const backorderedOrders = await ordersWaitingFor(db, main.id, [productId]);
      const requisition = await db.requisition.findUniqueOrThrow({ where: { id: requisitionId } });
      return {
        po: await purchaseOrderInfo(db, poNumber),
        backorderedOrders,
        ...(requisition.source === 'make_to_order' && requisition.sourceRef ? { manufacturingOrder: requisition.sourceRef } : {}),
      };
    },

    /** Out of the quality hold back to the supplier; the PO line's received quantity falls by it, so it is open again. */
    async returnToSupplier(input: InspectionDecision): Promise<PurchaseOrderInfo> {
      const poNumber = await once(db, `${input.key}:returned`, async (tx) => {
        const { inspection, po } = await decide(tx, input, 'rejected', 'returned_to_supplier');
        const reopened = await tx.purchaseOrderLine.updateMany({
          where: { purchaseOrderId: po.id, lineNo: inspection.lineNo, receivedQty: { gte: inspection.quantity } },
          data: { receivedQty: { decrement: inspection.quantity } },
        });
        if (reopened.count !== 1) throw illegal(`Line ${inspection.lineNo} of ${po.number} has less received than is returned`);
        // A PO closed short stays closed; otherwise it is waiting for goods again.
        if (['received', 'partially_received'].includes(po.status)) {
          const lines = await tx.purchaseOrderLine.findMany({ where: { purchaseOrderId: po.id } });
          const status = lines.some((l) => l.receivedQty > 0) ? 'partially_received' : 'confirmed';
          await tx.purchaseOrder.update({ where: { id: po.id }, data: { status } });
        }
        await audit(tx, input.decidedBy, 'purchase-order.returned-to-supplier', 'PurchaseOrder', po.number, {
          inspection: input.key,
          lineNo: inspection.lineNo,
          quantity: inspection.quantity,
          reason: input.comment,
          photoRef: input.photoRef,
        });
        return po.number;
      });
      return purchaseOrderInfo(db, poNumber);
    },
  };
}
