// What people do to a purchase order while its process runs: book receipts, close it short, register
// the supplier's invoice and credit notes. Handlers that move stock or money run one at a time, and a
// document already applied (same delivery note, same supplier reference) answers as a duplicate.
import { patched, setHandler } from '@temporalio/workflow';
import { ops } from '../shared/activities';
import { asRefusal, refuse } from '../shared/messages';
import {
  cancelPurchaseOrderSignal,
  closeShortUpdate,
  purchaseOrderStateQuery,
  receiveGoodsUpdate,
  registerCreditNoteUpdate,
  registerInvoiceUpdate,
  type CreditNoteNotice,
  type GoodsReceiptNotice,
  type SupplierInvoiceNotice,
} from './messages';
import type { PoContext } from './po-context';

export function handlePurchaseOrderMessages(ctx: PoContext): void {
  const poNumber = ctx.poNumber;
  const receiving = () => ['confirmed', 'awaiting_goods'].includes(ctx.state.status) && !ctx.closedShort;
  const lock = ctx.lock;
  // `check` answers a duplicate or refuses, looking at the state the earlier handlers left behind.
  // Histories recorded before handlers were serialised replay the old way: side by side, no check.
  const oneAtATime = <T>(check: () => T | undefined, step: () => Promise<T>) =>
    patched('po-handlers-one-at-a-time') ? lock.run(async () => check() ?? step()) : step();
  const applied = new Set<string>();

  setHandler(purchaseOrderStateQuery, () => ctx.snapshot());
  setHandler(cancelPurchaseOrderSignal, ({ reason }) => {
    if (!ctx.anythingReceived) ctx.cancelReason ??= reason;
  });

  const noReceipts = () =>
    refuse(`Purchase order ${poNumber} is ${ctx.closedShort ? 'closed short' : ctx.state.status}; it takes no receipts`);
  setHandler(
    receiveGoodsUpdate,
    (r) =>
      oneAtATime(
        () => {
          if (applied.has(`grn:${r.reference}`)) return { ...ctx.state.po!, duplicate: true as const };
          if (!receiving()) throw noReceipts();
          return undefined;
        },
        async () => {
          try {
            ctx.state.po = await ops.recordGoodsReceipt({
              poNumber,
              reference: r.reference,
              lines: r.lines,
              receivedBy: r.receivedBy,
              at: new Date().toISOString(),
              ...(ctx.inspecting ? { inspect: true } : {}),
            });
          } catch (e) {
            return asRefusal(e);
          }
          applied.add(`grn:${r.reference}`);
          ctx.receipts++;
          ctx.note('goods_received', `${r.reference} by ${r.receivedBy}`);
          return ctx.state.po;
        },
      ),
    {
      validator: (_r: GoodsReceiptNotice) => {
        if (!receiving()) throw noReceipts();
      },
    },
  );

  setHandler(
    closeShortUpdate,
    async ({ decidedBy, reason }) => {
      ctx.closedShort = { by: decidedBy, reason };
      await ctx.setStatus('closed_short', `by ${decidedBy}: ${reason}`);
      return ctx.state.po!;
    },
    {
      validator: (_c: { decidedBy: string; reason: string }) => {
        if (!receiving()) throw refuse(`Purchase order ${poNumber} is ${ctx.state.status}; only one waiting for goods can be closed short`);
      },
    },
  );

  const noInvoice = () => refuse(`Purchase order ${poNumber} is ${ctx.state.status}; it is not waiting for an invoice`);
  setHandler(
    registerInvoiceUpdate,
    (i) =>
      oneAtATime(
        () => {
          const current = ctx.state.invoice;
          if (current?.supplierRef === i.supplierRef && applied.has(`invoice:${i.supplierRef}`))
            return { ...current, duplicate: true as const };
          if (ctx.state.status !== 'awaiting_invoice' || current) throw noInvoice();
          return undefined;
        },
        async () => {
          try {
            ctx.state.invoice = await ops.registerSupplierInvoice({
              poNumber,
              supplierRef: i.supplierRef,
              invoiceDate: i.invoiceDate,
              lines: i.lines,
              registeredBy: i.registeredBy,
            });
          } catch (e) {
            return asRefusal(e);
          }
          applied.add(`invoice:${i.supplierRef}`);
          ctx.invoices++;
          ctx.note('invoice_registered', `${i.supplierRef} by ${i.registeredBy}`);
          return ctx.state.invoice;
        },
      ),
    {
      validator: (_i: SupplierInvoiceNotice) => {
        if (ctx.state.status !== 'awaiting_invoice') throw noInvoice();
      },
    },
  );

  const noCreditNote = () => refuse(`Purchase order ${poNumber} is ${ctx.state.status}; no credit note was requested`);
  setHandler(
    registerCreditNoteUpdate,
    (c) =>
      oneAtATime(
        () => {
          if (applied.has(`credit:${c.supplierRef}`)) return { accepted: true as const, duplicate: true as const };
          if (ctx.state.status !== 'awaiting_credit_note') throw noCreditNote();
          return undefined;
        },
        async () => {
          try {
            await ops.registerSupplierCreditNote({
              poNumber,
              supplierRef: c.supplierRef,
              amountCents: c.amountCents,
              registeredBy: c.registeredBy,
              at: new Date().toISOString(),
            });
          } catch (e) {
            return asRefusal(e);
          }
          applied.add(`credit:${c.supplierRef}`);
          ctx.creditNotes++;
          ctx.note('credit_note_registered', `${c.supplierRef} by ${c.registeredBy}`);
          return { accepted: true as const };
        },
      ),
    {
      validator: (_c: CreditNoteNotice) => {
        if (ctx.state.status !== 'awaiting_credit_note') throw noCreditNote();
      },
    },
  );
}
