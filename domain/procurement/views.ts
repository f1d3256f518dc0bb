// What people see of requisitions and purchase orders: the records plus the live process state.
import type { Client } from '@temporalio/client';
import type { OperationsDb } from '../../db/clients';
import { notFound } from '../errors';
import { fromCents } from '../money';
import { pageOf, type PageQuery } from '../paging';
import { liveState, type ViewOptions } from '../processes/live-state';
import { ownedHandle, ownerOf } from '../processes/process-identity';
import {
  purchaseOrderStateQuery,
  purchaseOrderWorkflowId,
  requisitionStateQuery,
  requisitionWorkflowId,
} from '../../workflows/procurement/messages';

export async function getPurchaseOrderView(db: OperationsDb, temporal: Client, number: string) {
  const po = await db.purchaseOrder.findUnique({
    where: { number },
    include: { lines: { orderBy: { lineNo: 'asc' } }, receipts: true, invoices: { include: { payments: true } }, requisition: true },
  });
  if (!po) throw notFound(`Purchase order ${number}`);
  const supplier = await db.supplier.findUniqueOrThrow({ where: { id: po.supplierId } });
  const products = await db.product.findMany({ where: { id: { in: po.lines.map((l) => l.productId) } } });
  const tasks = await db.task.findMany({ where: { documentRef: number, status: 'open' } });
  const inspections = await db.incomingInspection.findMany({ where: { purchaseOrderId: po.id }, orderBy: { id: 'asc' } });
  return {
    number: po.number,
    status: po.status,
    reason: po.reason ?? undefined,
    requisition: po.requisition.number,
    supplier: { code: supplier.code, name: supplier.name },
    requestedDate: po.requestedDate.toISOString().slice(0, 10),
    promisedDate: po.promisedDate?.toISOString().slice(0, 10),
    total: fromCents(po.totalCents),
    lines: po.lines.map((l) => ({
      lineNo: l.lineNo,
      sku: products.find((p) => p.id === l.productId)?.sku,
      quantity: l.quantity,
      received: l.receivedQty,
      unitPrice: fromCents(l.unitPriceCents),
      inspectOnReceipt: products.find((p) => p.id === l.productId)?.inspectOnReceipt ?? false,
    })),
    receipts: po.receipts.map((r) => ({
      reference: r.reference,
      receivedBy: r.receivedBy,
      receivedAt: r.receivedAt,
      lines: JSON.parse(r.lines),
    })),
    inspections: inspections.map((i) => inspectionView(i, products.find((p) => p.id === i.productId)?.sku)),
    invoices: po.invoices.map((i) => ({
      number: i.number,
      kind: i.kind,
      supplierRef: i.supplierRef,
      status: i.status,
      total: fromCents(i.totalCents),
      dueAt: i.dueAt.toISOString().slice(0, 10),
      discountDueAt: i.discountDueAt?.toISOString().slice(0, 10),
      match: i.matchResult ? JSON.parse(i.matchResult) : undefined,
      payments: i.payments.map((p) => ({ amount: fromCents(p.amountCents), discount: fromCents(p.discountCents), paidAt: p.paidAt })),
    })),
    openTasks: tasks.map((t) => ({ id: t.id, kind: t.kind, title: t.title, role: t.role, dueAt: t.dueAt })),
    process: await liveState(async () =>
      (await ownedHandle(temporal, ownerOf(purchaseOrderWorkflowId(number), po))).query(purchaseOrderStateQuery),
    ),
  };
}

export async function getRequisitionView(db: OperationsDb, temporal: Client, number: string, opts: ViewOptions = {}) {
  const r = await db.requisition.findUnique({
    where: { number },
    include: { lines: { orderBy: { lineNo: 'asc' } }, approvals: { orderBy: { level: 'asc' } }, purchaseOrders: true },
  });
  if (!r) throw notFound(`Requisition ${number}`);
  const products = await db.product.findMany({ where: { id: { in: r.lines.map((l) => l.productId) } } });
  const docs = [number, ...r.purchaseOrders.map((p) => p.number)];
  const tasks = await db.task.findMany({ where: { documentRef: { in: docs }, status: 'open' } });
  return {
    number: r.number,
    status: r.status,
    requester: r.requester,
    costCenter: r.costCenter,
    justification: r.justification,
    source: r.source,
    total: fromCents(r.totalCents),
    reason: r.cancelReason,
    createdAt: r.createdAt.toISOString(),
    lines: r.lines.map((l) => ({
      lineNo: l.lineNo,
      sku: products.find((p) => p.id === l.productId)?.sku,
      quantity: l.quantity,
      neededBy: l.neededBy.toISOString().slice(0, 10),
      estimatedUnitPrice: fromCents(l.estimatedUnitCents),
    })),
    approvals: r.approvals.map((a) => ({
      level: a.level,
      role: a.role,
      decision: a.decision,
      decidedBy: a.decidedBy,
      comment: a.comment,
      decidedAt: a.decidedAt,
    })),
    purchaseOrders: r.purchaseOrders.map((p) => ({
      number: p.number,
      status: p.status,
      total: fromCents(p.totalCents),
      reason: p.reason ?? undefined,
    })),
    openTasks: tasks.map((t) => ({ id: t.id, kind: t.kind, title: t.title, role: t.role, dueAt: t.dueAt })),
    process: await liveState(
      async () => (await ownedHandle(temporal, ownerOf(requisitionWorkflowId(number), r))).query(requisitionStateQuery),
      opts,
    ),
  };
}

export async function listRequisitions(db: OperationsDb, q: PageQuery & { status?: string; requester?: string }) {
  const where = { ...(q.status ? { status: q.status } : {}), ...(q.requester ? { requester: q.requester } : {}) };
  return pageOf(
    q,
    () => db.requisition.count({ where }),
    (window) => db.requisition.findMany({ where, orderBy: { id: 'desc' }, ...window }),
    (r) => ({
      number: r.number,
      status: r.status,
      requester: r.requester,
      total: fromCents(r.totalCents),
      createdAt: r.createdAt.toISOString(),
    }),
  );
}

type InspectionRow = Awaited<ReturnType<OperationsDb['incomingInspection']['findMany']>>[number];

const inspectionView = (i: InspectionRow, sku?: string) => ({
  receipt: i.receiptRef,
  lineNo: i.lineNo,
  sku,
  quantity: i.quantity,
  status: i.status,
  reason: i.reason ?? undefined,
  photoRef: i.photoRef ?? undefined,
  decidedBy: i.decidedBy ?? undefined,
  decidedAt: i.decidedAt?.toISOString(),
  receivedAt: i.createdAt.toISOString(),
});

/** Each inspection with the purchase order, its supplier and the product it holds. */
async function withSources(db: OperationsDb, rows: InspectionRow[]) {
  const pos = await db.purchaseOrder.findMany({ where: { id: { in: rows.map((r) => r.purchaseOrderId) } } });
  const suppliers = await db.supplier.findMany({ where: { id: { in: pos.map((p) => p.supplierId) } } });
  const products = await db.product.findMany({ where: { id: { in: rows.map((r) => r.productId) } } });
  return rows.map((inspection) => {
    const po = pos.find((p) => p.id === inspection.purchaseOrderId);
    const supplier = suppliers.find((x) => x.id === po?.supplierId);
    return { inspection, po, supplier, sku: products.find((p) => p.id === inspection.productId)?.sku };
  });
}

/** Goods held in quality (pending) and past decisions, newest first. */
export async function listIncomingInspections(db: OperationsDb, q: PageQuery & { status?: string }) {
  const where = q.status ? { status: q.status } : {};
  return pageOf(
    q,
    () => db.incomingInspection.count({ where }),
    async (window) => withSources(db, await db.incomingInspection.findMany({ where, orderBy: { id: 'desc' }, ...window })),
    ({ inspection, po, supplier, sku }) => ({ purchaseOrder: po?.number, supplier: supplier?.code, ...inspectionView(inspection, sku) }),
  );
}
