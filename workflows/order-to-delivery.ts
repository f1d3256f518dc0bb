// Order-to-delivery: credit check → reservation (with backorders) → pick/pack/ship → delivery →
// invoice → payment. Cancellation before shipment runs the compensations in reverse.
import { CancellationScope, allHandlersFinished, isCancellation, setHandler, condition } from '@temporalio/workflow';
import { ops } from './shared/activities';
import { REFUSAL, asRefusal, refuse } from './shared/messages';
import { bill, invoiceUpFront } from './order/billing';
import { OrderCancelled, OrderContext } from './order/context';
import { creditCheck } from './order/credit';
import { fulfil } from './order/fulfilment';
import {
  cancelOrderUpdate, confirmDeliveryUpdate, orderStateQuery, recordPaymentUpdate, stockReplenishedSignal,
  type CancelRequest, type OrderProcessState,
} from './order/messages';
import type { OrderProcessInput } from './order/types';

export async function orderToDelivery(input: OrderProcessInput): Promise<OrderProcessState> {
  const ctx = new OrderContext(input);
  const work = new CancellationScope();
  let cancelRequest: CancelRequest | undefined;
  let compensated = false;
  const confirming = new Set<string>();

  setHandler(orderStateQuery, () => ctx.snapshot());
  // A receipt announced twice (a retried API call) wakes the backorder once.
  const receipts = new Set<string>();
  setHandler(stockReplenishedSignal, ({ receiptReference }) => {
    if (receipts.has(receiptReference)) return;
    receipts.add(receiptReference);
    ctx.restocks++;
  });
  setHandler(cancelOrderUpdate, async (req: CancelRequest) => {
    cancelRequest = req;
    work.cancel();
    // Answer only once the compensations are written, so the caller sees the order as it now is.
    await condition(() => compensated);
    return ctx.snapshot();
  }, {
    validator: (_req: CancelRequest) => {
      const refusal = cancelRequest ? `Order ${input.orderNumber} is already being cancelled` : ctx.cancelRefusal();
      if (refusal) throw refuse(refusal);
    },
  });
  setHandler(confirmDeliveryUpdate, async (c) => {
    const shipment = c.shipmentNumber ?? ctx.state.shipments.find((s) => s.status === 'shipped' && !confirming.has(s.number))!.number;
    confirming.add(shipment);
    try {
      const info = await ops.confirmShipmentDelivery({ shipmentNumber: shipment, at: new Date().toISOString(), confirmedBy: c.confirmedBy, lines: c.lines });
      ctx.putShipment(info);
      ctx.note('delivered', `${shipment} confirmed by ${c.confirmedBy}`);
      return info;
    } catch (e) {
      confirming.delete(shipment);
      return asRefusal(e);
    }
  }, {
    validator: (c) => {
      const waiting = ctx.state.shipments.filter((s) => s.status === 'shipped' && !confirming.has(s.number));
      if (c.shipmentNumber && !ctx.state.shipments.some((s) => s.number === c.shipmentNumber)) throw refuse(`Shipment ${c.shipmentNumber} does not belong to order ${input.orderNumber}`, REFUSAL.invalid);
      if (c.shipmentNumber && !waiting.some((s) => s.number === c.shipmentNumber)) throw refuse(`Shipment ${c.shipmentNumber} is not awaiting delivery confirmation`);
      if (!c.shipmentNumber && waiting.length !== 1) {
        throw refuse(waiting.length === 0 ? `Order ${input.orderNumber} has no shipment awaiting delivery confirmation`
          : `Order ${input.orderNumber} has ${waiting.length} shipments in transit; name one with shipmentNumber (${waiting.map((s) => s.number).join(', ')})`);
      }
    },
  });
  setHandler(recordPaymentUpdate, async (p) => {
    try {
      const invoice = await ops.recordCustomerPayment({ orderNumber: input.orderNumber, reference: p.reference, amountCents: p.amountCents, method: p.method, recordedBy: p.recordedBy, at: new Date().toISOString() });
      ctx.state.invoice = invoice;
      ctx.note('payment', `${(p.amountCents / 100).toFixed(2)} (${p.reference}) recorded by ${p.recordedBy}`);
      return invoice;
    } catch (e) {
      return asRefusal(e);
    }
  }, {
    validator: (p) => {
      const invoice = ctx.state.invoice;
      if (!invoice || invoice.outstandingCents === 0) throw refuse(`Order ${input.orderNumber} has no open invoice to pay`);
      if (p.amountCents > invoice.outstandingCents) throw refuse(`Payment of ${(p.amountCents / 100).toFixed(2)} exceeds the outstanding ${(invoice.outstandingCents / 100).toFixed(2)} on ${invoice.number}`);
    },
  });

  ctx.order = await ops.loadOrder(input.orderNumber);
  try {
    const outcome = await work.run(async () => {
      await creditCheck(ctx);
      if (ctx.order.invoicePolicy === 'ordered') await invoiceUpFront(ctx);
      await fulfil(ctx);
      return bill(ctx);
    });
    await ctx.setStatus(outcome);
  } catch (e) {
    const cancelled = e instanceof OrderCancelled ? e : cancelRequest && isCancellation(e) ? new OrderCancelled(cancelRequest.reason, cancelRequest.requestedBy) : undefined;
    if (!cancelled) throw e;
    await CancellationScope.nonCancellable(async () => {
      for (const step of [...ctx.compensations].reverse()) {
        await step.run();
        ctx.note('compensated', step.name);
      }
      await ctx.tasks.withdraw(`order cancelled: ${cancelled.reason}`);
      ctx.state.cancelReason = cancelled.reason;
      await ctx.setStatus('cancelled', `${cancelled.reason} (by ${cancelled.by})`, cancelled.reason);
      compensated = true;
    });
  }
  // Let a cancel or payment update that is still answering finish before the process closes.
  await condition(allHandlersFinished);
  return ctx.snapshot();
}
