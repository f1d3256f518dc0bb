// Order-to-delivery: credit check → reservation (with backorders) → pick/pack/ship → delivery →
// invoice → payment. Cancellation before shipment runs the compensations in reverse.
import { CancellationScope, allHandlersFinished, condition, isCancellation, patched, setHandler } from '@temporalio/workflow';
import { ops } from './shared/activities';
import { publishIdentity } from './shared/visibility';
import { Lock } from './shared/lock';
import { refuse } from './shared/messages';
import { bill, invoiceUpFront } from './order/billing';
import { OrderCancelled, OrderContext } from './order/context';
import { creditCheck } from './order/credit';
import { acceptDeliveryConfirmations } from './order/delivery-confirmation';
import { fulfil } from './order/fulfilment';
import { cancelOrderUpdate, orderStateQuery, stockReplenishedSignal, type CancelRequest, type OrderProcessState } from './order/messages';
import { acceptPayments, type Turns } from './order/payments';
import { acceptReturnCredits } from './order/return-credits';
import type { OrderProcessInput } from './order/types';

export async function orderToDelivery(input: OrderProcessInput): Promise<OrderProcessState> {
  const ctx = new OrderContext(input);
  const work = new CancellationScope();
  let cancelRequest: CancelRequest | undefined;
  let cancelling = false;
  let compensated = false;
  // Payments, delivery confirmations and cancellation take turns, each deciding on state the one
  // before it may have changed. Processes recorded before the lock keep running their handlers at once.
  const lock = patched('serialised-money-handlers') ? new Lock() : undefined;
  const turns: Turns = { serialised: lock !== undefined, run: (critical) => (lock ? lock.run(critical) : critical()) };

  setHandler(orderStateQuery, () => ctx.snapshot());
  // A receipt announced twice (a retried API call) wakes the backorder once.
  const receipts = new Set<string>();
  setHandler(stockReplenishedSignal, ({ receiptReference }) => {
    if (receipts.has(receiptReference)) return;
    receipts.add(receiptReference);
    ctx.restocks++;
  });
  setHandler(
    cancelOrderUpdate,
    async (req: CancelRequest) => {
      cancelling = true;
      return turns.run(async () => {
        // A payment that went before may have made the order uncancellable.
        const refusal = turns.serialised ? ctx.cancelRefusal() : undefined;
        if (refusal) {
          cancelling = false;
          throw refuse(refusal);
        }
        cancelRequest = req;
        work.cancel();
        // Answer only once the compensations are written, so the caller sees the order as it now is.
        await condition(() => compensated);
        return ctx.snapshot();
      });
    },
    {
      validator: (_req: CancelRequest) => {
        const refusal = cancelRequest || cancelling ? `Order ${input.orderNumber} is already being cancelled` : ctx.cancelRefusal();
        if (refusal) throw refuse(refusal);
      },
    },
  );
  acceptDeliveryConfirmations(ctx, turns);
  acceptPayments(ctx, turns);
  acceptReturnCredits(ctx, turns);

  ctx.order = await ops.loadOrder(input.orderNumber);
  publishIdentity({
    kind: 'order',
    document: input.orderNumber,
    customer: ctx.order.customerCode,
    amountCents: ctx.order.totalCents,
    status: ctx.state.status,
  });
  try {
    const outcome = await work.run(async () => {
      await creditCheck(ctx);
      if (ctx.order.invoicePolicy === 'ordered') await invoiceUpFront(ctx);
      await fulfil(ctx);
      return bill(ctx);
    });
    await ctx.setStatus(outcome);
  } catch (e) {
    // After a cancel request, a step cut off by a dying worker ends timed out rather than cancelled;
    // it is still the cancellation that ended the work (processes recorded before this replay as they did).
    const cancelled =
      e instanceof OrderCancelled
        ? e
        : cancelRequest && (isCancellation(e) || (work.consideredCancelled && patched('cancellation-outlasts-timeouts')))
          ? new OrderCancelled(cancelRequest.reason, cancelRequest.requestedBy)
          : undefined;
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
