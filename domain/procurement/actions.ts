// People acting on requisitions and purchase orders. Each action is an update to the owning
// process, which refuses what its state does not allow (409 with the reason).
import type { Client } from '@temporalio/client';
import type { ApiUser } from '../../config';
import type { OperationsDb } from '../../db/clients';
import { AppError, AppErrorCode, illegal, notFound } from '../errors';
import { toCents } from '../money';
import { wakeBackorders } from '../stock/receive-stock';
import { ownedHandle, ownerOf } from '../processes/process-identity';
import { receiptIssues } from './goods-receipt';
import {
  cancelRequisitionUpdate,
  closeShortUpdate,
  purchaseOrderWorkflowId,
  receiveGoodsUpdate,
  registerCreditNoteUpdate,
  registerInvoiceUpdate,
  requisitionWorkflowId,
} from '../../workflows/procurement/messages';
import { materialsReceivedSignal, moWorkflowId } from '../../workflows/manufacturing/messages';

// Only the purchase order's own process is addressed (a reset database repeats numbers).
const poHandle = (temporal: Client, po: { number: string; id: number; createdAt: Date }) =>
  ownedHandle(temporal, ownerOf(purchaseOrderWorkflowId(po.number), po));

async function purchaseOrder(db: OperationsDb, number: string) {
  const po = await db.purchaseOrder.findUnique({ where: { number } });
  if (!po) throw notFound(`Purchase order ${number}`);
  return po;
}

export async function cancelRequisition(db: OperationsDb, temporal: Client, user: ApiUser, number: string, reason: string) {
  const r = await db.requisition.findUnique({ where: { number }, include: { purchaseOrders: { include: { receipts: true } } } });
  if (!r) throw notFound(`Requisition ${number}`);
  const privileged = user.roles.some((role) => ['buyer', 'manager', 'admin'].includes(role));
  if (!privileged && r.requester !== user.name)
    throw new AppError(AppErrorCode.FORBIDDEN, { message: `Only ${r.requester}, a buyer or a manager may cancel ${number}` });
  const received = r.purchaseOrders.find((p) => p.receipts.length > 0);
  if (received)
    throw illegal(
      `Goods were already received on ${received.number}; the requisition can no longer be cancelled (close the purchase order short instead)`,
    );
  const handle = await ownedHandle(temporal, ownerOf(requisitionWorkflowId(number), r));
  return handle.executeUpdate(cancelRequisitionUpdate, { args: [{ reason, requestedBy: user.name }] });
}

export async function receiveGoods(
  db: OperationsDb,
  temporal: Client,
  number: string,
  input: { reference: string; lines: { lineNo: number; quantity: number }[] },
  by: string,
) {
  const order = await db.purchaseOrder.findUnique({ where: { number }, include: { lines: true } });
  if (!order) throw notFound(`Purchase order ${number}`);
  // Delivery notes are numbered by each supplier, so a reference is only a replay on the same PO.
  const earlier = await db.goodsReceipt.findUnique({
    where: { purchaseOrderId_reference: { purchaseOrderId: order.id, reference: input.reference } },
  });
  if (earlier) {
    if (earlier.lines !== JSON.stringify(input.lines))
      throw illegal(`Delivery note ${input.reference} was already booked on ${number} with different content`);
    return { duplicate: true, reference: input.reference };
  }
  // Answered here rather than by the process; the activity checks again inside its transaction.
  const issues = receiptIssues(number, order.lines, input.lines);
  if (issues.length)
    throw new AppError(AppErrorCode.INVALID_INPUT, {
      message: `Invalid receipt: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
      details: issues,
    });
  const po = await (
    await poHandle(temporal, order)
  ).executeUpdate(receiveGoodsUpdate, { args: [{ reference: input.reference, lines: input.lines, receivedBy: by }] });
  // A parallel call with the same note got there first; the process booked it once.
  if (po.duplicate) return { duplicate: true, reference: input.reference };
  // Purchased goods land in MAIN; customer orders waiting for them can now ship. Goods held for
  // incoming inspection wake them later, when the inspector passes them.
  const main = await db.warehouse.findUniqueOrThrow({ where: { code: 'MAIN' } });
  const held = (lineNo: number) => (po.inspections ?? []).some((i) => i.receiptRef === input.reference && i.lineNo === lineNo);
  const received = po.lines.filter((l) => input.lines.some((r) => r.lineNo === l.lineNo) && !held(l.lineNo));
  if (received.length === 0) return { ...po, notifiedOrders: [] as string[] };
  const products = await db.product.findMany({ where: { sku: { in: received.map((l) => l.sku) } }, select: { id: true } });
  // Orders ignore a receipt reference they saw before, and delivery notes are only unique per PO.
  const notifiedOrders = await wakeBackorders(
    db,
    temporal,
    main.id,
    products.map((p) => p.id),
    `${number}:${input.reference}`,
  );
  await wakeManufacturingOrder(db, temporal, order.requisitionId, `${number}:${input.reference}`);
  return { ...po, notifiedOrders };
}

/** A purchase raised for a manufacturing order's shortage: that order may now transfer and reserve again. */
export async function wakeManufacturingOrder(db: OperationsDb, temporal: Client, requisitionId: number, receiptReference: string) {
  const requisition = await db.requisition.findUnique({ where: { id: requisitionId }, select: { source: true, sourceRef: true } });
  if (requisition?.source !== 'make_to_order' || !requisition.sourceRef) return;
  // As with backorders: a process that has ended (or never started) has nothing left to wake.
  await temporal.workflow
    .getHandle(moWorkflowId(requisition.sourceRef))
    .signal(materialsReceivedSignal, { receiptReference })
    .catch(() => undefined);
}

export async function registerSupplierInvoice(
  db: OperationsDb,
  temporal: Client,
  number: string,
  input: { supplierRef: string; invoiceDate: string; lines: { lineNo: number; quantity: number; unitPrice: number }[] },
  by: string,
) {
  const po = await purchaseOrder(db, number);
  return (await poHandle(temporal, po)).executeUpdate(registerInvoiceUpdate, {
    args: [
      {
        supplierRef: input.supplierRef,
        invoiceDate: input.invoiceDate,
        registeredBy: by,
        lines: input.lines.map((l) => ({ lineNo: l.lineNo, quantity: l.quantity, unitPriceCents: toCents(l.unitPrice)! })),
      },
    ],
  });
}

export async function registerSupplierCreditNote(
  db: OperationsDb,
  temporal: Client,
  number: string,
  input: { supplierRef: string; amount: number },
  by: string,
) {
  const po = await purchaseOrder(db, number);
  return (await poHandle(temporal, po)).executeUpdate(registerCreditNoteUpdate, {
    args: [{ supplierRef: input.supplierRef, amountCents: toCents(input.amount)!, registeredBy: by }],
  });
}

export async function closePurchaseOrderShort(db: OperationsDb, temporal: Client, number: string, reason: string, by: string) {
  const po = await purchaseOrder(db, number);
  return (await poHandle(temporal, po)).executeUpdate(closeShortUpdate, { args: [{ decidedBy: by, reason }] });
}
