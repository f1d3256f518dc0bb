// Waiting for goods: receipts (possibly partial) arrive by update; past the promised date plus
// grace the supplier is chased and a buyer asked whether to keep waiting or close the PO short.
// Goods held for incoming inspection are received only once every inspection is decided.
import { condition, patched } from '@temporalio/workflow';
import { ops } from '../shared/activities';
import type { PoContext } from './po-context';
import { startInspections } from './po-inspection';
import { publish } from '../shared/visibility';

export type ReceivingOutcome = 'received' | 'closed_short' | 'cancelled';

export async function awaitGoods(ctx: PoContext): Promise<ReceivingOutcome> {
  // The supplier's delivery, due on the promised date.
  publish({ status: 'awaiting_goods', waitingOn: 'partner', waitingFor: ctx.state.po!.supplierCode, dueAt: ctx.state.po!.promisedDate });
  await ctx.setStatus('awaiting_goods');
  let chased = false;
  let lateAnswer: Promise<void> | undefined;
  for (;;) {
    if (ctx.inspecting) startInspections(ctx);
    // Goods held for inspection may still go back to the supplier, reopening their line.
    if (ctx.fullyReceived && ctx.inspectionsSettled) break;
    if (ctx.closedShort) return finish(ctx, 'closed_short', lateAnswer);
    if (ctx.cancelReason && !ctx.anythingReceived) return 'cancelled';
    const seen = ctx.receipts;
    const decided = ctx.inspectionsDecided;
    const woke = () => ctx.receipts > seen || !!ctx.closedShort || !!ctx.cancelReason || ctx.inspectionsDecided > decided;
    const lateAt = Date.parse(ctx.state.po!.promisedDate ?? new Date().toISOString()) + ctx.policy.receiptGraceMs;
    if (chased) await condition(woke);
    else if (!(await condition(woke, Math.max(1, lateAt - Date.now())))) {
      chased = true;
      lateAnswer = (await chase(ctx)).answer;
    }
  }
  return finish(ctx, 'received', lateAnswer);
}

async function finish(ctx: PoContext, outcome: ReceivingOutcome, lateAnswer?: Promise<void>): Promise<ReceivingOutcome> {
  // Closed short with goods still in inspection: their decisions come first (the tasks are not withdrawn).
  if (ctx.inspecting) {
    await condition(() => ctx.inspectionsSettled);
    await Promise.all(ctx.inspections.values());
  }
  if (lateAnswer && patched('po-receiving-await-status')) await lateAnswer;
  await ctx.tasks.withdraw(outcome === 'received' ? 'all goods received' : 'purchase order closed short');
  return outcome;
}

/** Reminds the supplier and asks a buyer; `answer` settles once the buyer's answer is acted on. */
async function chase(ctx: PoContext): Promise<{ answer: Promise<void> }> {
  await ops.chaseSupplier({ poNumber: ctx.poNumber, level: 1 });
  ctx.note('supplier_chased', `nothing complete by ${ctx.state.po!.promisedDate?.slice(0, 10)} + grace`);
  const open = ctx.state
    .po!.lines.filter((l) => l.receivedQty < l.quantity)
    .map((l) => `${l.quantity - l.receivedQty} × ${l.sku}`)
    .join(', ');
  const id = await ctx.tasks.ask({
    id: `${ctx.workflowId}:late-delivery`,
    documentRef: ctx.poNumber,
    kind: 'late-delivery',
    role: 'buyer',
    decisions: ['keep-waiting', 'close-short'],
    title: `${ctx.poNumber} from ${ctx.state.po!.supplierCode} is late`,
    description: `Still open: ${open}. The supplier has been reminded. Keep waiting, or close the purchase order short.`,
  });
  // The buyer's answer is awaited beside the receipts, which may still complete the order first;
  // `finish` waits for it, so its status write is not lost when the process ends right after.
  const answer = ctx.tasks
    .decision(id, undefined, () => ctx.fullyReceived || !!ctx.closedShort || !!ctx.cancelReason)
    .then(async (d) => {
      if (d?.decision === 'close-short' && !ctx.fullyReceived && !ctx.closedShort) {
        ctx.closedShort = { by: d.decidedBy, reason: 'late delivery' };
        await ctx.setStatus('closed_short', `by ${d.decidedBy}`);
      }
    });
  return { answer };
}
