// Customer return: approval when outside the return window → authorization (RMA) and carrier pickup
// → receipt into RETURNS → inspection per line → restock, write-off or repair in the shop →
// refund, replacement or send-back. Called off before anything arrived, it releases the quantities.
import { CancellationScope, allHandlersFinished, condition, isCancellation, setHandler } from '@temporalio/workflow';
import { ops, production } from './shared/activities';
import { approve, authorize } from './returns/approval';
import { acceptCancellation } from './returns/cancellation';
import { ReturnContext, type ReturnEnding } from './returns/context';
import { dispose } from './returns/disposition';
import { inspect } from './returns/inspection';
import { returnStateQuery } from './returns/messages';
import { arrangePickup } from './returns/pickup';
import { acceptReceipts, awaitGoods } from './returns/receiving';
import { settle } from './returns/settlement';
import type { ReturnProcessInput, ReturnProcessState } from './returns/types';
import { publishIdentity } from './shared/visibility';

export async function customerReturn(input: ReturnProcessInput): Promise<ReturnProcessState> {
  const ctx = new ReturnContext(input);
  const work = new CancellationScope();
  // Every handler is registered before the first step: a receipt or a cancel sent the moment the
  // return was created may reach the process in its very first task.
  setHandler(returnStateQuery, () => ctx.snapshot());
  acceptReceipts(ctx);
  acceptCancellation(ctx, work);

  try {
    const [ending, reason] = await work.run(async (): Promise<[ReturnEnding, string]> => {
      await load(ctx);
      const approval = await approve(ctx);
      if ('rejected' in approval) return ['rejected', approval.rejected];
      await authorize(ctx, approval.approvedBy);
      await arrangePickup(ctx);
      if (!(await awaitGoods(ctx))) return ['expired', `nothing arrived by ${ctx.state.receiveBy}`];
      await inspect(ctx);
      await dispose(ctx);
      await settle(ctx);
      return ['done', 'settled'];
    });
    await ctx.close(ending, reason);
  } catch (e) {
    // Once a cancel was accepted, whatever ended the work is its doing (a step cut off may end timed out).
    const req = ctx.cancelRequest;
    if (!req || !(isCancellation(e) || work.consideredCancelled)) throw e;
    await CancellationScope.nonCancellable(() => ctx.close('cancelled', `${req.reason} (by ${req.requestedBy})`));
  }
  await condition(allHandlersFinished);
  return ctx.snapshot();
}

/** The record, and for each product whether the shop can repair it (an active repair bill of materials). */
async function load(ctx: ReturnContext): Promise<void> {
  ctx.ret = await ops.loadReturn({ returnNumber: ctx.number });
  const repairable = new Set(await production.repairableSkus({ skus: [...new Set(ctx.ret.lines.map((l) => l.sku))] }));
  ctx.state.lines = ctx.ret.lines.map((l) => ({ ...l, repairable: repairable.has(l.sku) }));
  publishIdentity({ kind: 'return', document: ctx.number, customer: ctx.ret.customerCode, status: ctx.state.status });
}
