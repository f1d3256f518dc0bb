// Waiting for goods: receipts (possibly partial) arrive by update; past the promised date plus
// grace the supplier is chased and a buyer asked whether to keep waiting or close the PO short.
import { condition } from '@temporalio/workflow';
import { ops } from '../shared/activities';
import type { PoContext } from './po-context';

export type ReceivingOutcome = 'received' | 'closed_short' | 'cancelled';

export async function awaitGoods(ctx: PoContext): Promise<ReceivingOutcome> {
  await ctx.setStatus('awaiting_goods');
  let chased = false;
  for (;;) {
    if (ctx.fullyReceived) break;
    if (ctx.closedShort) return finish(ctx, 'closed_short');
    if (ctx.cancelReason && !ctx.anythingReceived) return 'cancelled';
    const seen = ctx.receipts;
    const woke = () => ctx.receipts > seen || !!ctx.closedShort || !!ctx.cancelReason;
    const lateAt = Date.parse(ctx.state.po!.promisedDate ?? new Date().toISOString()) + ctx.policy.receiptGraceMs;
    if (chased) await condition(woke);
    else if (!(await condition(woke, Math.max(1, lateAt - Date.now())))) {
      chased = true;
      await chase(ctx);
    }
  }
  return finish(ctx, 'received');
}

async function finish(ctx: PoContext, outcome: ReceivingOutcome): Promise<ReceivingOutcome> {
  await ctx.tasks.withdraw(outcome === 'received' ? 'all goods received' : 'purchase order closed short');
  return outcome;
}

async function chase(ctx: PoContext) {
  await ops.chaseSupplier({ poNumber: ctx.poNumber, level: 1 });
  ctx.note('supplier_chased', `nothing complete by ${ctx.state.po!.promisedDate?.slice(0, 10)} + grace`);
  const open = ctx.state.po!.lines.filter((l) => l.receivedQty < l.quantity).map((l) => `${l.quantity - l.receivedQty} × ${l.sku}`).join(', ');
  const id = await ctx.tasks.ask({
    id: `${ctx.workflowId}:late-delivery`,
    documentRef: ctx.poNumber, kind: 'late-delivery', role: 'buyer', decisions: ['keep-waiting', 'close-short'],
    title: `${ctx.poNumber} from ${ctx.state.po!.supplierCode} is late`,
    description: `Still open: ${open}. The supplier has been reminded. Keep waiting, or close the purchase order short.`,
  });
  // The buyer's answer is awaited beside the receipts, which may still complete the order first.
  void ctx.tasks.decision(id, undefined, () => ctx.fullyReceived || !!ctx.closedShort || !!ctx.cancelReason).then(async (d) => {
    if (d?.decision === 'close-short' && !ctx.fullyReceived && !ctx.closedShort) {
      ctx.closedShort = { by: d.decidedBy, reason: 'late delivery' };
      await ctx.setStatus('closed_short', `by ${d.decidedBy}`);
    }
  });
}
