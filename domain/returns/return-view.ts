// What a person sees of a customer return: the record with its lines, receipts and refunds, the
// documents it led to, open tasks, and the live state of its process while it runs.
import type { Client } from '@temporalio/client';
import type { OperationsDb } from '../../db/clients';
import { notFound } from '../errors';
import { fromCents } from '../money';
import { pageOf, type PageQuery } from '../paging';
import { liveState, type ViewOptions } from '../processes/live-state';
import { returnStateQuery, returnWorkflowId } from '../../workflows/returns/messages';
import { returnHandle } from './return-process';

const iso = (d: Date | null) => d?.toISOString() ?? null;

// A running process answers a query in milliseconds. One no worker can run (workers down, or its
// first step not taken yet) would hold the view for the server's query timeout (~30 s); the record
// is worth more to the reader than waiting, so the live state gives up after this long.
const LIVE_STATE_DEADLINE_MS = 3_000;

export async function getReturnView(db: OperationsDb, temporal: Client, number: string, opts: ViewOptions = {}) {
  const r = await db.customerReturn.findUnique({
    where: { number },
    include: {
      order: { select: { number: true } },
      customer: { select: { code: true, name: true } },
      lines: { orderBy: { lineNo: 'asc' } },
      receipts: { orderBy: { id: 'asc' } },
      refunds: { orderBy: { id: 'asc' } },
    },
  });
  if (!r) throw notFound(`Return ${number}`);
  const orderLines = new Map(
    (await db.salesOrderLine.findMany({ where: { id: { in: r.lines.map((l) => l.orderLineId) } } })).map((l) => [l.id, l.lineNo]),
  );
  const products = new Map((await db.product.findMany({ where: { id: { in: r.lines.map((l) => l.productId) } } })).map((p) => [p.id, p]));
  const tasks = await db.task.findMany({
    where: { status: 'open', OR: [{ documentRef: number }, { workflowId: returnWorkflowId(number) }] },
    orderBy: { createdAt: 'asc' },
  });
  // A closed return's process has nothing more to tell than the record does.
  const process = r.closedAt
    ? null
    : await liveState(
        () =>
          temporal.withDeadline(Date.now() + LIVE_STATE_DEADLINE_MS, async () =>
            (await returnHandle(db, temporal, number)).query(returnStateQuery),
          ),
        opts,
      );
  return {
    number: r.number,
    status: r.status,
    statusNote: r.statusNote,
    order: r.order.number,
    customer: { code: r.customer.code, name: r.customer.name },
    reason: r.reason,
    outsideWindow: r.outsideWindow,
    approvedBy: r.approvedBy,
    rmaNumber: r.rmaNumber,
    pickupTracking: r.pickupTracking,
    requestedBy: r.requestedBy,
    createdAt: r.createdAt.toISOString(),
    authorizedAt: iso(r.authorizedAt),
    receiveBy: iso(r.receiveBy),
    closedAt: iso(r.closedAt),
    lines: r.lines.map((l) => ({
      lineNo: l.lineNo,
      orderLineNo: orderLines.get(l.orderLineId),
      sku: products.get(l.productId)?.sku,
      name: products.get(l.productId)?.name,
      quantity: l.quantity,
      received: l.receivedQty,
      outcome: l.outcome,
      condition: l.condition,
      inspectedBy: l.inspectedBy,
      inspectionNote: l.inspectionNote,
      photoRef: l.photoRef,
      disposition: l.disposition,
      settlement: l.settlement,
      settledAt: iso(l.settledAt),
    })),
    receipts: r.receipts.map((x) => ({
      reference: x.reference,
      lines: JSON.parse(x.lines) as unknown,
      receivedBy: x.receivedBy,
      receivedAt: x.receivedAt.toISOString(),
    })),
    refunds: r.refunds.map((x) => ({ number: x.number, amount: fromCents(x.amountCents), paidAt: x.paidAt.toISOString() })),
    restockingFee: fromCents(r.restockingFeeCents),
    refunded: fromCents(r.refundCents),
    documents: {
      order: r.order.number,
      ticket: r.ticketNumber,
      creditNote: r.creditNoteNumber,
      replacementOrder: r.replacementOrderNumber,
      sendBackOrder: r.sendBackOrderNumber,
      repairOrders: r.lines.flatMap((l) => (l.repairMoNumber ? [l.repairMoNumber] : [])),
      refunds: r.refunds.map((x) => x.number),
    },
    openTasks: tasks.map((t) => ({ id: t.id, kind: t.kind, title: t.title, role: t.role, dueAt: t.dueAt })),
    process,
  };
}

export async function listReturns(db: OperationsDb, q: PageQuery & { status?: string; customer?: string; order?: string }) {
  const where = {
    ...(q.status ? { status: q.status } : {}),
    ...(q.customer ? { customer: { code: q.customer } } : {}),
    ...(q.order ? { order: { number: q.order } } : {}),
  };
  return pageOf(
    q,
    () => db.customerReturn.count({ where }),
    (window) =>
      db.customerReturn.findMany({
        where,
        include: { order: { select: { number: true } }, customer: { select: { code: true } }, lines: { select: { quantity: true } } },
        orderBy: { id: 'desc' },
        ...window,
      }),
    (r) => ({
      number: r.number,
      status: r.status,
      order: r.order.number,
      customer: r.customer.code,
      units: r.lines.reduce((s, l) => s + l.quantity, 0),
      outsideWindow: r.outsideWindow,
      rmaNumber: r.rmaNumber,
      createdAt: r.createdAt.toISOString(),
    }),
  );
}
