import type { OperationsDb } from '../../db/clients';
import { once } from '../../db/idempotency';
import { nextNumber } from '../../db/sequence';
import { illegal, notFound } from '../../domain/errors';
import type { PurchaseOrderPlan, RequisitionSnapshot } from '../../workflows/procurement/types';
import { recordRequisition } from '../../domain/procurement/create-requisition';
import { audit } from './ledger';

export function createRequisitionActivities(db: OperationsDb) {
  return {
    async loadRequisition(number: string): Promise<RequisitionSnapshot> {
      const r = await db.requisition.findUnique({ where: { number }, include: { lines: { orderBy: { lineNo: 'asc' } } } });
      if (!r) throw notFound(`Requisition ${number}`);
      const products = await db.product.findMany({ where: { id: { in: r.lines.map((l) => l.productId) } } });
      return {
        number: r.number,
        requester: r.requester,
        totalCents: r.totalCents,
        lines: r.lines.map((l) => ({
          lineNo: l.lineNo,
          sku: products.find((p) => p.id === l.productId)!.sku,
          quantity: l.quantity,
          estimatedUnitCents: l.estimatedUnitCents,
        })),
      };
    },

    async setRequisitionStatus(input: { number: string; status: string; reason?: string; actor?: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const r = await tx.requisition.findUnique({ where: { number: input.number } });
        if (!r) throw notFound(`Requisition ${input.number}`);
        if (r.status === input.status) return;
        await tx.requisition.update({
          where: { id: r.id },
          data: { status: input.status, ...(input.reason ? { cancelReason: input.reason } : {}) },
        });
        await audit(
          tx,
          input.actor ?? 'process',
          `requisition.${input.status}`,
          'Requisition',
          r.number,
          input.reason ? { reason: input.reason } : {},
        );
      });
    },

    async recordApproval(input: {
      number: string;
      level: number;
      role: string;
      decision: string;
      decidedBy: string;
      comment?: string;
      at: string;
    }): Promise<void> {
      await once(db, `approval:${input.number}:${input.level}`, async (tx) => {
        const r = await tx.requisition.findUniqueOrThrow({ where: { number: input.number } });
        await tx.approval.create({
          data: {
            requisitionId: r.id,
            level: input.level,
            role: input.role,
            decision: input.decision,
            decidedBy: input.decidedBy,
            comment: input.comment,
            decidedAt: new Date(input.at),
          },
        });
        await audit(tx, input.decidedBy, `requisition.${input.decision}`, 'Requisition', r.number, {
          level: input.level,
          comment: input.comment,
        });
        return true;
      });
    },

    /**
     * Reorder points: after goods leave a warehouse, every product whose free stock fell below its
     * reorder point gets a requisition (up to twice the reorder point) unless one is already open.
     */
    async raiseReorderRequisitions(input: { shipmentNumber: string; at: string }): Promise<string[]> {
      return once(db, `reorder:${input.shipmentNumber}`, async (tx) => {
        const shipment = await tx.shipment.findUniqueOrThrow({
          where: { number: input.shipmentNumber },
          include: { lines: true, order: true },
        });
        const raised: string[] = [];
        for (const productId of [...new Set(shipment.lines.map((l) => l.productId))]) {
          const product = await tx.product.findUniqueOrThrow({ where: { id: productId }, include: { prices: true } });
          if (product.reorderPoint <= 0 || product.prices.length === 0) continue;
          const level = await tx.stockLevel.findUnique({
            where: { warehouseId_productId: { warehouseId: shipment.order.warehouseId, productId } },
          });
          const free = (level?.onHand ?? 0) - (level?.reserved ?? 0);
          if (free >= product.reorderPoint) continue;
          const open = await tx.requisition.findFirst({
            where: { source: 'reorder_point', sourceRef: product.sku, status: { notIn: ['rejected', 'cancelled', 'completed'] } },
          });
          if (open) continue;
          const neededBy = new Date(Date.parse(input.at) + 14 * 86_400_000).toISOString().slice(0, 10);
          const { number } = await recordRequisition(
            tx,
            {
              costCenter: 'INVENTORY',
              source: 'reorder_point',
              sourceRef: product.sku,
              justification: `Free stock of ${product.sku} fell to ${free} (reorder point ${product.reorderPoint}) after shipment ${shipment.number}`,
              lines: [{ sku: product.sku, quantity: 2 * product.reorderPoint - free, neededBy }],
            },
            'reorder point',
          );
          raised.push(number);
        }
        return raised;
      });
    },

    async remindApprover(input: { number: string; taskId: string; level: number }): Promise<void> {
      await db.auditLog.create({
        data: { actor: 'process', action: 'approval.reminder', entityType: 'Task', entityRef: input.taskId, data: JSON.stringify(input) },
      });
    },

    /**
     * Supplier selection: per line the preferred supplier (else the cheapest), quantity raised to
     * the minimum order quantity; lines of one supplier become one purchase order.
     */
    async planPurchaseOrders(input: { requisitionNumber: string }): Promise<PurchaseOrderPlan[]> {
      return once(db, `plan:${input.requisitionNumber}`, async (tx) => {
        const r = await tx.requisition.findUniqueOrThrow({
          where: { number: input.requisitionNumber },
          include: { lines: { orderBy: { lineNo: 'asc' } } },
        });
        const bySupplier = new Map<
          number,
          { productId: number; quantity: number; unitPriceCents: number; taxRateBp: number; neededBy: Date }[]
        >();
        for (const line of r.lines) {
          const offers = await tx.supplierPrice.findMany({ where: { productId: line.productId }, include: { product: true } });
          if (offers.length === 0) throw illegal(`No supplier offers product ${line.productId} (line ${line.lineNo})`);
          const offer = offers.find((o) => o.preferred) ?? offers.sort((a, b) => a.priceCents - b.priceCents)[0];
          const list = bySupplier.get(offer.supplierId) ?? [];
          list.push({
            productId: line.productId,
            quantity: Math.max(line.quantity, offer.minOrderQty),
            unitPriceCents: offer.priceCents,
            taxRateBp: offer.product.taxRateBp,
            neededBy: line.neededBy,
          });
          bySupplier.set(offer.supplierId, list);
        }
        const plans: PurchaseOrderPlan[] = [];
        for (const [supplierId, lines] of bySupplier) {
          const supplier = await tx.supplier.findUniqueOrThrow({ where: { id: supplierId } });
          const number = await nextNumber(tx, 'purchase-order', 'PO');
          const totalCents = lines.reduce((s, l) => s + l.quantity * l.unitPriceCents, 0);
          await tx.purchaseOrder.create({
            data: {
              number,
              requisitionId: r.id,
              supplierId,
              status: 'draft',
              totalCents,
              requestedDate: new Date(Math.min(...lines.map((l) => l.neededBy.getTime()))),
              lines: {
                create: lines.map((l, i) => ({
                  lineNo: i + 1,
                  productId: l.productId,
                  quantity: l.quantity,
                  unitPriceCents: l.unitPriceCents,
                  taxRateBp: l.taxRateBp,
                })),
              },
            },
          });
          await audit(tx, 'process', 'purchase-order.created', 'PurchaseOrder', number, { requisition: r.number, supplier: supplier.code });
          plans.push({ number, supplierCode: supplier.code, totalCents });
        }
        return plans;
      });
    },
  };
}
