// The customer is settled per line: refunds in one credit note (and a refund payment if the invoice
// is now overpaid), replacements in one no-charge order, repaired or as-is units sent back in
// another. Each order is delivered by its own order-to-delivery process, which outlives the return.
import { getExternalWorkflowHandle, startChild } from '@temporalio/workflow';
import { orderWorkflowId, returnCreditedSignal } from '../order/messages';
import { ops } from '../shared/activities';
import { now, units, type ReturnContext } from './context';
import type { ReturnLineInfo, ReturnSettlement } from './types';

/** How a received line is settled: by what the customer asked for and what became of the goods. */
function settlementOf(line: ReturnLineInfo): ReturnSettlement {
  if (line.outcome === 'refund') return 'refunded';
  if (line.outcome === 'replacement') return 'replaced';
  if (line.disposition === 'repaired') return 'repaired_sent_back';
  if (line.disposition === 'restocked') return 'sent_back_as_is';
  return 'replaced';
}

export async function settle(ctx: ReturnContext): Promise<void> {
  await ctx.setStatus('settling');
  for (const line of ctx.lines) line.settlement = line.receivedQty > 0 ? settlementOf(line) : 'not_received';
  const by = (...s: ReturnSettlement[]) => ctx.lines.filter((l) => s.includes(l.settlement!));
  if (by('refunded').length) await refund(ctx);
  const replaced = by('replaced');
  if (replaced.length) ctx.state.replacementOrder = await deliver(ctx, 'replacement', replaced);
  const sentBack = by('repaired_sent_back', 'sent_back_as_is');
  if (sentBack.length) ctx.state.sendBackOrder = await deliver(ctx, 'send_back', sentBack);
  for (const line of ctx.lines) {
    await ops.recordReturnLine({ returnNumber: ctx.number, lineNo: line.lineNo, settlement: line.settlement, at: now() });
  }
}

async function refund(ctx: ReturnContext): Promise<void> {
  const money = await ops.settleReturnRefund({ returnNumber: ctx.number, key: ctx.key('refund'), at: now() });
  ctx.state.creditNote = money.creditNote;
  ctx.state.refundCents = money.refundCents;
  ctx.note(
    'refunded',
    `${money.creditNote ?? 'no credit note'}: credited ${money.creditedCents}, restocking fee ${money.feeCents}, paid back ${money.refundCents} cents`,
  );
  if (!money.creditNote) return;
  // The order's process, if still running, reads its invoice again: an order awaiting payment may now be settled.
  try {
    await getExternalWorkflowHandle(orderWorkflowId(ctx.ret.orderNumber)).signal(returnCreditedSignal, {
      returnNumber: ctx.number,
      creditNote: money.creditNote,
    });
  } catch {
    // The order's process has ended: its invoice is read from the record from now on.
  }
}

/** One no-charge order for the lines, delivered by an order-to-delivery child that outlives the return. */
async function deliver(ctx: ReturnContext, kind: 'replacement' | 'send_back', lines: ReturnLineInfo[]): Promise<string> {
  const goods = lines.map((l) => ({ sku: l.sku, quantity: l.receivedQty }));
  const { orderNumber } = await ops.createReturnOrder({ returnNumber: ctx.number, kind, lines: goods, key: ctx.key(kind), at: now() });
  // ABANDON: closing the return must not cancel a delivery already on its way.
  await startChild('orderToDelivery', {
    workflowId: orderWorkflowId(orderNumber),
    args: [{ orderNumber, ...ctx.input.order }],
    parentClosePolicy: 'ABANDON',
  });
  ctx.note(kind === 'replacement' ? 'replacement_ordered' : 'sent_back', `${orderNumber}: ${units(goods)}`);
  return orderNumber;
}
