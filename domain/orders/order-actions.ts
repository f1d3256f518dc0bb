// People acting on a running order. Each action is an update to the order's process: the process
// decides whether it is allowed now, and a refusal comes back as a 409 with its reason.
import type { Client } from '@temporalio/client';
import type { OperationsDb } from '../../db/clients';
import { toCents } from '../money';
import { cancelOrderUpdate, confirmDeliveryUpdate, recordPaymentUpdate } from '../../workflows/order/messages';
import { orderHandle } from './order-process';

export async function cancelOrder(db: OperationsDb, temporal: Client, number: string, reason: string, by: string) {
  return (await orderHandle(db, temporal, number)).executeUpdate(cancelOrderUpdate, { args: [{ reason, requestedBy: by }] });
}

export async function confirmDelivery(db: OperationsDb, temporal: Client, number: string,
  input: { shipmentNumber?: string; lines?: { lineNo: number; deliveredQuantity: number }[] }, by: string) {
  return (await orderHandle(db, temporal, number)).executeUpdate(confirmDeliveryUpdate, {
    args: [{ shipmentNumber: input.shipmentNumber, confirmedBy: by, lines: input.lines?.map((l) => ({ lineNo: l.lineNo, deliveredQty: l.deliveredQuantity })) }],
  });
}

export async function recordPayment(db: OperationsDb, temporal: Client, number: string,
  input: { reference: string; amount: number; method: string }, by: string) {
  const handle = await orderHandle(db, temporal, number);
  // A reference already applied is answered from the books, not applied again.
  const existing = await db.payment.findUnique({ where: { reference: input.reference }, include: { invoice: true } });
  if (existing) return { duplicate: true, invoiceNumber: existing.invoice.number, status: existing.invoice.status };
  return handle.executeUpdate(recordPaymentUpdate, {
    args: [{ reference: input.reference, amountCents: toCents(input.amount)!, method: input.method, recordedBy: by }],
  });
}
