// People acting on a running order. Each action is an update to the order's process: the process
// decides whether it is allowed now, and a refusal comes back as a 409 with its reason.
import type { Client } from '@temporalio/client';
import type { OperationsDb } from '../../db/clients';
import { illegal } from '../errors';
import { toCents } from '../money';
import { cancelOrderUpdate, confirmDeliveryUpdate, recordPaymentUpdate } from '../../workflows/order/messages';
import { orderHandle } from './order-process';

export async function cancelOrder(db: OperationsDb, temporal: Client, number: string, reason: string, by: string) {
  return (await orderHandle(db, temporal, number)).executeUpdate(cancelOrderUpdate, { args: [{ reason, requestedBy: by }] });
}

export async function confirmDelivery(
  db: OperationsDb,
  temporal: Client,
  number: string,
  input: { shipmentNumber?: string; lines?: { lineNo: number; deliveredQuantity: number }[] },
  by: string,
) {
  return (await orderHandle(db, temporal, number)).executeUpdate(confirmDeliveryUpdate, {
    args: [
      {
        shipmentNumber: input.shipmentNumber,
        confirmedBy: by,
        lines: input.lines?.map((l) => ({ lineNo: l.lineNo, deliveredQty: l.deliveredQuantity })),
      },
    ],
  });
}

/** The payment with this bank reference on the order's invoice, if one was recorded. */
async function paymentOnOrder(db: OperationsDb, number: string, reference: string) {
  return db.payment.findFirst({ where: { reference, invoice: { order: { number }, kind: 'invoice' } }, include: { invoice: true } });
}

function repeated(earlier: { amountCents: number; invoice: { number: string; status: string } }, reference: string, amountCents: number) {
  if (earlier.amountCents !== amountCents) {
    const amount = (earlier.amountCents / 100).toFixed(2);
    throw illegal(
      `Payment reference ${reference} was already used on ${earlier.invoice.number} for ${amount}; a different payment needs its own reference`,
    );
  }
  return { duplicate: true as const, invoiceNumber: earlier.invoice.number, reference, status: earlier.invoice.status };
}

/** 201 with the invoice when this request applied the payment; 200 `duplicate` when an earlier one had. */
export async function recordPayment(
  db: OperationsDb,
  temporal: Client,
  number: string,
  input: { reference: string; amount: number; method: string },
  by: string,
) {
  const handle = await orderHandle(db, temporal, number);
  const amountCents = toCents(input.amount)!;
  // A reference already applied to this order's invoice is answered from the books, not applied again.
  const earlier = await paymentOnOrder(db, number, input.reference);
  if (earlier) return repeated(earlier, input.reference, amountCents);
  try {
    const result = await handle.executeUpdate(recordPaymentUpdate, {
      args: [{ reference: input.reference, amountCents, method: input.method, recordedBy: by }],
    });
    if (!result.duplicate) return result;
    return { duplicate: true as const, invoiceNumber: result.number, reference: input.reference, status: result.status };
  } catch (e) {
    // A twin of this request may have paid the invoice in full meanwhile, and the process closed.
    const late = await paymentOnOrder(db, number, input.reference);
    if (late) return repeated(late, input.reference, amountCents);
    throw e;
  }
}
