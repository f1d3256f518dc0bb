// One purchase order, as a child of its requisition: send to the supplier → receive goods →
// match the supplier invoice → pay on terms. Cancellable until goods arrive.
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { ops } from './shared/activities';
import { asRefusal, refuse } from './shared/messages';
import {
  cancelPurchaseOrderSignal, closeShortUpdate, purchaseOrderStateQuery, receiveGoodsUpdate, registerCreditNoteUpdate,
  registerInvoiceUpdate, type CreditNoteNotice, type GoodsReceiptNotice, type PurchaseOrderState, type SupplierInvoiceNotice,
} from './procurement/messages';
import { PoContext } from './procurement/po-context';
import { awaitGoods } from './procurement/po-receiving';
import { sendToSupplier } from './procurement/po-sending';
import { settle } from './procurement/po-settlement';
import type { PurchaseOrderInput } from './procurement/types';

export async function purchaseOrder(input: PurchaseOrderInput): Promise<PurchaseOrderState> {
  const ctx = new PoContext(input);
  const receiving = () => ['confirmed', 'awaiting_goods'].includes(ctx.state.status) && !ctx.closedShort;

  setHandler(purchaseOrderStateQuery, () => ctx.snapshot());
  setHandler(cancelPurchaseOrderSignal, ({ reason }) => {
    if (!ctx.anythingReceived) ctx.cancelReason ??= reason;
  });
  setHandler(receiveGoodsUpdate, async (r) => {
    try {
      ctx.state.po = await ops.recordGoodsReceipt({ poNumber: input.poNumber, reference: r.reference, lines: r.lines, receivedBy: r.receivedBy, at: new Date().toISOString() });
      ctx.receipts++;
      ctx.note('goods_received', `${r.reference} by ${r.receivedBy}`);
      return ctx.state.po;
    } catch (e) {
      return asRefusal(e);
    }
  }, { validator: (_r: GoodsReceiptNotice) => { if (!receiving()) throw refuse(`Purchase order ${input.poNumber} is ${ctx.closedShort ? 'closed short' : ctx.state.status}; it takes no receipts`); } });
  setHandler(closeShortUpdate, async ({ decidedBy, reason }) => {
    ctx.closedShort = { by: decidedBy, reason };
    await ctx.setStatus('closed_short', `by ${decidedBy}: ${reason}`);
    return ctx.state.po!;
  }, { validator: (_c: { decidedBy: string; reason: string }) => { if (!receiving()) throw refuse(`Purchase order ${input.poNumber} is ${ctx.state.status}; only one waiting for goods can be closed short`); } });
  setHandler(registerInvoiceUpdate, async (i) => {
    try {
      ctx.state.invoice = await ops.registerSupplierInvoice({ poNumber: input.poNumber, supplierRef: i.supplierRef, invoiceDate: i.invoiceDate, lines: i.lines, registeredBy: i.registeredBy });
      ctx.invoices++;
      ctx.note('invoice_registered', `${i.supplierRef} by ${i.registeredBy}`);
      return ctx.state.invoice;
    } catch (e) {
      return asRefusal(e);
    }
  }, { validator: (_i: SupplierInvoiceNotice) => { if (ctx.state.status !== 'awaiting_invoice') throw refuse(`Purchase order ${input.poNumber} is ${ctx.state.status}; it is not waiting for an invoice`); } });
  setHandler(registerCreditNoteUpdate, async (c) => {
    try {
      await ops.registerSupplierCreditNote({ poNumber: input.poNumber, supplierRef: c.supplierRef, amountCents: c.amountCents, registeredBy: c.registeredBy, at: new Date().toISOString() });
    } catch (e) {
      return asRefusal(e);
    }
    ctx.creditNotes++;
    ctx.note('credit_note_registered', `${c.supplierRef} by ${c.registeredBy}`);
    return { accepted: true as const };
  }, { validator: (_c: CreditNoteNotice) => { if (ctx.state.status !== 'awaiting_credit_note') throw refuse(`Purchase order ${input.poNumber} is ${ctx.state.status}; no credit note was requested`); } });

  ctx.state.po = await ops.loadPurchaseOrder(input.poNumber);
  const sent = await sendToSupplier(ctx);
  const outcome = sent ? await awaitGoods(ctx) : 'cancelled';
  if (outcome === 'cancelled') {
    await ops.cancelPurchaseOrder({ poNumber: input.poNumber, reason: ctx.cancelReason ?? 'cancelled' });
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
