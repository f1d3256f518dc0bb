// One purchase order, as a child of its requisition: send to the supplier → receive goods (those
// inspected on receipt once an inspector passes them) → match the supplier invoice → pay on terms.
// Cancellable until goods arrive.
import { allHandlersFinished, condition, patched } from '@temporalio/workflow';
import { ops, supplierCancellation } from './shared/activities';
import type { PurchaseOrderState } from './procurement/messages';
import { PoContext } from './procurement/po-context';
import { handlePurchaseOrderMessages } from './procurement/po-handlers';
import { awaitGoods } from './procurement/po-receiving';
import { sendToSupplier } from './procurement/po-sending';
import { settle } from './procurement/po-settlement';
import type { PurchaseOrderInput } from './procurement/types';
import { publishIdentity } from './shared/visibility';

export async function purchaseOrder(input: PurchaseOrderInput): Promise<PurchaseOrderState> {
  const ctx = new PoContext(input);
  // Runs that started before incoming inspection existed book every receipt straight into MAIN.
  ctx.inspecting = patched('incoming-inspection');
  handlePurchaseOrderMessages(ctx);

  ctx.state.po = await ops.loadPurchaseOrder(input.poNumber);
  publishIdentity({
    kind: 'purchase-order',
    document: input.poNumber,
    supplier: ctx.state.po.supplierCode,
    amountCents: ctx.state.po.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents, 0),
    status: ctx.state.status,
  });
  const sent = await sendToSupplier(ctx);
  const outcome = sent ? await awaitGoods(ctx) : 'cancelled';
  if (outcome === 'cancelled') {
    ctx.state.reason = ctx.cancelReason ?? 'cancelled';
    await supplierCancellation.cancelPurchaseOrder({ poNumber: input.poNumber, reason: ctx.state.reason });
    await ctx.tasks.withdraw('purchase order cancelled');
    await ctx.setStatus('cancelled', ctx.cancelReason);
  } else if (ctx.anythingReceived) {
    await settle(ctx);
  } else {
    ctx.note('closed', 'closed short with nothing received; nothing to invoice');
  }
  await condition(allHandlersFinished);
  return ctx.snapshot();
}
