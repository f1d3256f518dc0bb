// What a person sees of an order: the business record from the operations store plus the live
// state of its process (when the process can be asked).
import type { Client } from '@temporalio/client';
import type { OperationsDb } from '../../db/clients';
import { notFound } from '../errors';
import { fromCents } from '../money';
import { pageOf, type PageQuery } from '../paging';
import { liveState, type ViewOptions } from '../processes/live-state';
import { orderStateQuery, orderWorkflowId } from '../../workflows/order/messages';
import { ownedHandle, ownerOf } from '../processes/process-identity';

export async function getOrderView(db: OperationsDb, temporal: Client, number: string, opts: ViewOptions = {}) {
  const order = await db.salesOrder.findUnique({
    where: { number },
    include: { customer: true, lines: { orderBy: { lineNo: 'asc' } }, shipments: { include: { lines: true } }, invoices: true },
  });
  if (!order) throw notFound(`Order ${number}`);
  const products = new Map(
    (await db.product.findMany({ where: { id: { in: order.lines.map((l) => l.productId) } } })).map((p) => [p.id, p]),
  );
  const tasks = await db.task.findMany({ where: { documentRef: number, status: 'open' }, orderBy: { createdAt: 'asc' } });
  const process = await liveState(
    async () => (await ownedHandle(temporal, ownerOf(orderWorkflowId(number), order))).query(orderStateQuery),
    opts,
  );
  return {
    number: order.number,
    status: order.status,
    customer: { code: order.customer.code, name: order.customer.name },
    requestedDate: order.requestedDate.toISOString().slice(0, 10),
    deliverySteps: order.deliverySteps,
    net: fromCents(order.netCents),
    tax: fromCents(order.taxCents),
    total: fromCents(order.netCents + order.taxCents),
    cancelReason: order.cancelReason,
    createdBy: order.createdBy,
    createdAt: order.createdAt.toISOString(),
    lines: order.lines.map((l) => ({
      lineNo: l.lineNo,
      sku: products.get(l.productId)?.sku,
      name: products.get(l.productId)?.name,
      quantity: l.quantity,
      unitPrice: fromCents(l.unitPriceCents),
      reserved: l.reservedQty,
      backordered: l.backorderQty,
      shipped: l.shippedQty,
      delivered: l.deliveredQty,
      cancelled: l.cancelledQty,
    })),
    shipments: order.shipments.map((s) => ({
      number: s.number,
      status: s.status,
      trackingNumber: s.trackingNumber,
      shippedAt: s.shippedAt,
      deliveredAt: s.deliveredAt,
      deliveredBy: s.deliveredBy,
    })),
    invoices: order.invoices.map((i) => ({
      number: i.number,
      kind: i.kind,
      status: i.status,
      total: fromCents(i.totalCents),
      paid: fromCents(i.paidCents),
      outstanding:
        i.status === 'void' || i.status === 'written_off' || i.kind === 'credit_note'
          ? 0
          : fromCents(i.totalCents - i.paidCents - i.creditedCents),
      dueAt: i.dueAt.toISOString().slice(0, 10),
    })),
    openTasks: tasks.map((t) => ({ id: t.id, kind: t.kind, title: t.title, role: t.role, dueAt: t.dueAt })),
    process,
  };
}

export async function listOrders(db: OperationsDb, q: PageQuery & { status?: string; customer?: string }) {
  const where = { ...(q.status ? { status: q.status } : {}), ...(q.customer ? { customer: { code: q.customer } } : {}) };
  return pageOf(
    q,
    () => db.salesOrder.count({ where }),
    (window) => db.salesOrder.findMany({ where, include: { customer: true }, orderBy: { id: 'desc' }, ...window }),
    (o) => ({
      number: o.number,
      status: o.status,
      customer: o.customer.code,
      total: fromCents(o.netCents + o.taxCents),
      createdAt: o.createdAt.toISOString(),
    }),
  );
}
