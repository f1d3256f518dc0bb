// Goods of the return arrive at the RETURNS warehouse, possibly in several receipts. The process
// waits until everything came or the receipt window closes; then it goes on with what arrived.
import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import { ops } from '../shared/activities';
import { REFUSAL, asRefusal, refuse } from '../shared/messages';
import { now, units, type ReturnContext } from './context';
import { receiveReturnUpdate } from './messages';
import type { ReturnReceiptRequest, ReturnReceiptResult } from './types';

const invalid = (field: string, message: string) =>
  ApplicationFailure.create({ type: REFUSAL.invalid, message: `${field}: ${message}`, details: [{ field, message }] });

/** Why this receipt is refused now (checked before it is accepted and again once it has its turn). */
function receiptRefusal(ctx: ReturnContext, req: ReturnReceiptRequest): ApplicationFailure | undefined {
  // A reference already applied is answered by the receipt step itself: a duplicate, or a conflict.
  if (ctx.references.has(req.reference)) return undefined;
  if (ctx.closed || ctx.cancelRequest) return refuse(`Return ${ctx.number} is ${ctx.cancelRequest ? 'cancelled' : ctx.state.status}`);
  if (!ctx.authorized && !ctx.authorizing)
    return refuse(`Return ${ctx.number} is not authorized yet (${ctx.state.status}); its goods cannot be received`);
  if (ctx.receivingClosed)
    return refuse(`Return ${ctx.number} no longer receives goods: its receipt window closed on ${ctx.state.receiveBy?.slice(0, 10)}`);
  for (const [i, l] of req.lines.entries()) {
    const line = ctx.lines.find((x) => x.lineNo === l.lineNo);
    if (!line) return invalid(`lines.${i}.lineNo`, `return ${ctx.number} has no line ${l.lineNo}`);
    const open = line.quantity - line.receivedQty;
    if (l.quantity > open) return invalid(`lines.${i}.quantity`, `line ${l.lineNo} expects ${open} more (got ${l.quantity})`);
  }
  return undefined;
}

export function acceptReceipts(ctx: ReturnContext): void {
  setHandler(
    receiveReturnUpdate,
    async (req) => {
      // Goods that arrive while the RMA is being written wait for it: the record may already say authorized.
      await condition(() => ctx.authorized || ctx.closed || ctx.cancelRequest !== undefined);
      ctx.receiptsInFlight++;
      try {
        return await ctx.lock.run(() => book(ctx, req));
      } finally {
        ctx.receiptsInFlight--;
      }
    },
    {
      validator: (req: ReturnReceiptRequest) => {
        const refusal = receiptRefusal(ctx, req);
        if (refusal) throw refusal;
      },
    },
  );
}

/** Books one receipt, its turn taken: checked again, since a receipt or the window's end may have come first. */
async function book(ctx: ReturnContext, req: ReturnReceiptRequest): Promise<ReturnReceiptResult> {
  const refusal = receiptRefusal(ctx, req);
  if (refusal) throw refusal;
  let result: ReturnReceiptResult;
  try {
    result = await ops.receiveReturnGoods({
      returnNumber: ctx.number,
      reference: req.reference,
      lines: req.lines,
      receivedBy: req.receivedBy,
      at: now(),
    });
  } catch (e) {
    return asRefusal(e);
  }
  ctx.references.add(req.reference);
  // The record knows nothing of repair BoMs; the process asked the shop when it started.
  const answer = { ...result, lines: result.lines.map((l) => ({ ...l, repairable: ctx.line(l.lineNo)?.repairable ?? false })) };
  if (result.duplicate) return answer;
  for (const l of result.lines) {
    const line = ctx.line(l.lineNo);
    if (line) line.receivedQty = l.receivedQty;
  }
  const got = req.lines.map((l) => ({ sku: ctx.line(l.lineNo).sku, quantity: l.quantity }));
  ctx.note('received', `${req.reference}: ${units(got)} (by ${req.receivedBy})`);
  await ctx.setStatus('receiving', ctx.allArrived ? 'everything arrived' : 'part of the goods arrived');
  return answer;
}

/**
 * Waits for the goods until the receipt window closes; true when anything arrived. A receipt still
 * being booked when the window closes is finished first, so what the process goes on with is final.
 */
export async function awaitGoods(ctx: ReturnContext): Promise<boolean> {
  const left = Date.parse(ctx.state.receiveBy!) - Date.now();
  await condition(() => ctx.allArrived, Math.max(1, left));
  // Not through the lock: a cancel that holds it waits for this flow to end, and a condition is cancellable.
  ctx.receivingClosed = true;
  await condition(() => ctx.receiptsInFlight === 0);
  if (!ctx.anyReceived) return false;
  const missing = ctx.lines.filter((l) => l.receivedQty < l.quantity).map((l) => ({ sku: l.sku, quantity: l.quantity - l.receivedQty }));
  if (missing.length) ctx.note('receipt_window_closed', `not received: ${units(missing)}; going on with what arrived`);
  return true;
}
