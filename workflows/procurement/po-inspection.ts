// Incoming inspection: each received quantity held in quality gets a task for an inspector. Passed,
// it moves to MAIN, and only then are the customer orders and the manufacturing order that wait for
// it told; returned to the supplier, its line is open again and the PO waits for the replacement.
import { getExternalWorkflowHandle } from '@temporalio/workflow';
import { materialsReceivedSignal, moWorkflowId } from '../manufacturing/messages';
import { orderWorkflowId, stockReplenishedSignal } from '../order/messages';
import { ops } from '../shared/activities';
import type { PoContext } from './po-context';
import type { PendingInspection } from './types';

/** Opens a task for every held receipt line not yet being inspected; the decisions are awaited beside the main flow. */
export function startInspections(ctx: PoContext): void {
  for (const i of ctx.state.po?.inspections ?? []) {
    if (ctx.inspections.has(i.key)) continue;
    ctx.inspections.set(i.key, inspect(ctx, i));
  }
}

async function inspect(ctx: PoContext, i: PendingInspection): Promise<void> {
  const id = await ctx.tasks.ask({
    id: `${ctx.workflowId}:inspection:${i.receiptRef}:${i.lineNo}`,
    documentRef: ctx.poNumber,
    kind: 'incoming-inspection',
    role: 'quality',
    decisions: ['pass', 'return-to-supplier'],
    title: `Inspect ${i.quantity} × ${i.sku} received on ${ctx.poNumber} (${i.receiptRef})`,
    description:
      `Held in quality until inspected. Pass releases it to the main warehouse; return-to-supplier sends it back to ` +
      `${ctx.state.po!.supplierCode} and reopens line ${i.lineNo} (say why in the comment).`,
  });
  const d = (await ctx.tasks.decision(id))!;
  const decision = { key: i.key, decidedBy: d.decidedBy, comment: d.comment, photoRef: d.photoRef, at: new Date().toISOString() };
  // In turn with receipts: a receipt's answer must not overwrite the line a return just reopened.
  if (d.decision === 'pass') {
    const passed = await ctx.lock.run(async () => {
      const result = await ops.passIncomingInspection(decision);
      ctx.state.po = result.po;
      return result;
    });
    ctx.note('inspection_passed', `${i.quantity} × ${i.sku} (${i.receiptRef}) by ${d.decidedBy}`);
    // As a receipt into MAIN does: orders ignore a reference they saw, and one that has ended has nothing to wake.
    for (const order of passed.backorderedOrders)
      await getExternalWorkflowHandle(orderWorkflowId(order))
        .signal(stockReplenishedSignal, { receiptReference: i.key })
        .catch(() => undefined);
    if (passed.manufacturingOrder)
      await getExternalWorkflowHandle(moWorkflowId(passed.manufacturingOrder))
        .signal(materialsReceivedSignal, { receiptReference: i.key })
        .catch(() => undefined);
  } else {
    await ctx.lock.run(async () => {
      ctx.state.po = await ops.returnToSupplier(decision);
    });
    ctx.note('returned_to_supplier', `${i.quantity} × ${i.sku} (${i.receiptRef}) by ${d.decidedBy}${d.comment ? `: ${d.comment}` : ''}`);
  }
  ctx.inspectionsDecided++;
}
