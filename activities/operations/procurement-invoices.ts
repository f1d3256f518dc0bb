// Supplier invoices and credit notes, the three-way match, approval into payables and payment.
import type { OperationsDb, OperationsTx } from '../../db/clients';
import { once } from '../../db/idempotency';
import { nextNumber } from '../../db/sequence';
import { AppError, AppErrorCode, illegal, invalid } from '../../domain/errors';
import { documentTotals } from '../../domain/money';
import { paymentSchedule } from '../../domain/procurement/payment-terms';
import { threeWayMatch } from '../../domain/procurement/three-way-match';
import type { MatchResult, SupplierInvoiceInfo } from '../../workflows/procurement/types';
import { ACCOUNTS, audit, postJournal } from './ledger';

const INVENTORY = '1300';

/** Credit notes received on the PO: net (what the match compares), tax, and total (what is owed less). */
async function credits(db: OperationsDb | OperationsTx, poId: number) {
  const notes = await db.supplierInvoice.findMany({ where: { purchaseOrderId: poId, kind: 'credit_note' } });
  return notes.reduce((s, n) => ({ net: s.net + n.netCents, tax: s.tax + n.taxCents, total: s.total + n.totalCents }), {
    net: 0,
    tax: 0,
    total: 0,
  });
}

async function invoiceInfo(db: OperationsDb | OperationsTx, number: string): Promise<SupplierInvoiceInfo> {
  const i = await db.supplierInvoice.findUniqueOrThrow({ where: { number } });
  return {
    number: i.number,
    supplierRef: i.supplierRef,
    status: i.status,
    totalCents: i.totalCents,
    creditedCents: (await credits(db, i.purchaseOrderId)).total,
    invoiceDate: i.invoiceDate.toISOString(),
    dueAt: i.dueAt.toISOString(),
    discountDueAt: i.discountDueAt?.toISOString(),
    discountCents: i.discountCents,
  };
}

export function createSupplierInvoiceActivities(db: OperationsDb) {
  return {
    async registerSupplierInvoice(input: {
      poNumber: string;
      supplierRef: string;
      invoiceDate: string;
      lines: { lineNo: number; quantity: number; unitPriceCents: number }[];
      registeredBy: string;
    }): Promise<SupplierInvoiceInfo> {
      // Keyed by the supplier's own reference: a retried registration finds its invoice; a reference
      // that was rejected before is refused, since the supplier must issue a corrected invoice.
      const number = await db.$transaction(async (tx) => {
        const po = await tx.purchaseOrder.findUniqueOrThrow({ where: { number: input.poNumber }, include: { lines: true } });
        const supplier = await tx.supplier.findUniqueOrThrow({ where: { id: po.supplierId } });
        const existing = await tx.supplierInvoice.findUnique({
          where: { supplierId_supplierRef: { supplierId: supplier.id, supplierRef: input.supplierRef } },
        });
        if (existing && existing.purchaseOrderId === po.id && existing.status === 'registered') return existing.number;
        if (existing)
          throw illegal(
            `Invoice ${input.supplierRef} of ${supplier.code} is already registered (${existing.status}); a corrected invoice needs a new number`,
          );
        const lines = input.lines.map((l, i) => {
          const poLine = po.lines.find((p) => p.lineNo === l.lineNo);
          if (input.lines.findIndex((o) => o.lineNo === l.lineNo) < i)
            throw invalid(`lines.${i}.lineNo`, `line ${l.lineNo} is listed twice`);
          if (!poLine)
            throw new AppError(AppErrorCode.INVALID_INPUT, {
              message: `line ${l.lineNo} is not on ${po.number}`,
              details: [{ field: `lines.${i}.lineNo`, message: `not on ${po.number}` }],
            });
          return {
            lineNo: l.lineNo,
            productId: poLine.productId,
            quantity: l.quantity,
            unitPriceCents: l.unitPriceCents,
            taxRateBp: poLine.taxRateBp,
          };
        });
        const totals = documentTotals(lines);
        const invoiceDate = new Date(input.invoiceDate);
        const schedule = paymentSchedule(invoiceDate, totals.totalCents, supplier);
        const number = await nextNumber(tx, 'supplier-invoice', 'SINV');
        await tx.supplierInvoice.create({
          data: {
            number,
            supplierRef: input.supplierRef,
            supplierId: supplier.id,
            purchaseOrderId: po.id,
            status: 'registered',
            kind: 'invoice',
            ...totals,
            invoiceDate,
            dueAt: schedule.dueAt,
            discountDueAt: schedule.discountDueAt,
            discountCents: schedule.discountCents,
            registeredBy: input.registeredBy,
            lines: { create: lines },
          },
        });
        await audit(tx, input.registeredBy, 'supplier-invoice.registered', 'SupplierInvoice', number, {
          po: po.number,
          supplierRef: input.supplierRef,
          totalCents: totals.totalCents,
        });
        return number;
      });
      return invoiceInfo(db, number);
    },

    /** A credit note for a net amount; its tax follows the rate of the invoice it corrects. */
    async registerSupplierCreditNote(input: {
      poNumber: string;
      supplierRef: string;
      amountCents: number;
      registeredBy: string;
      at: string;
    }): Promise<void> {
      await once(db, `supplier-credit:${input.poNumber}:${input.supplierRef}`, async (tx) => {
        const po = await tx.purchaseOrder.findUniqueOrThrow({ where: { number: input.poNumber } });
        const invoice = await tx.supplierInvoice.findFirst({
          where: { purchaseOrderId: po.id, kind: 'invoice', status: { not: 'rejected' } },
          orderBy: { id: 'desc' },
        });
        if (!invoice) throw illegal(`Purchase order ${po.number} has no invoice to credit`);
        const taxCents = invoice.netCents ? Math.round((input.amountCents * invoice.taxCents) / invoice.netCents) : 0;
        const number = await nextNumber(tx, 'supplier-invoice', 'SCN');
        await tx.supplierInvoice.create({
          data: {
            number,
            supplierRef: input.supplierRef,
            supplierId: po.supplierId,
            purchaseOrderId: po.id,
            status: 'registered',
            kind: 'credit_note',
            netCents: input.amountCents,
            taxCents,
            totalCents: input.amountCents + taxCents,
            invoiceDate: new Date(input.at),
            dueAt: new Date(input.at),
            registeredBy: input.registeredBy,
          },
        });
        await audit(tx, input.registeredBy, 'supplier-credit-note.registered', 'SupplierInvoice', number, {
          po: po.number,
          amountCents: input.amountCents,
        });
        return true;
      });
    },

    /** PO price × received (and not held) quantity against the invoice (less credit notes), within the policy's tolerances. */
    async matchSupplierInvoice(input: { invoiceNumber: string; tolerancePct: number; toleranceCents: number }): Promise<MatchResult> {
      const invoice = await db.supplierInvoice.findUniqueOrThrow({ where: { number: input.invoiceNumber }, include: { lines: true } });
      const po = await db.purchaseOrder.findUniqueOrThrow({ where: { id: invoice.purchaseOrderId }, include: { lines: true } });
      // Goods still held for inspection are not yet accepted: they count once passed.
      const held = await db.incomingInspection.findMany({ where: { purchaseOrderId: po.id, status: 'pending' } });
      const heldOn = (lineNo: number) => held.filter((i) => i.lineNo === lineNo).reduce((s, i) => s + i.quantity, 0);
      const result = threeWayMatch({
        poLines: po.lines.map((l) => ({
          lineNo: l.lineNo,
          unitPriceCents: l.unitPriceCents,
          receivedQty: l.receivedQty - heldOn(l.lineNo),
        })),
        // Net amounts are matched: tax follows the net and is not what suppliers get wrong.
        invoiceLines: invoice.lines.map((l) => ({ lineNo: l.lineNo, quantity: l.quantity, unitPriceCents: l.unitPriceCents })),
        creditedCents: (await credits(db, po.id)).net,
        tolerancePct: input.tolerancePct,
        toleranceCents: input.toleranceCents,
      });
      await db.supplierInvoice.update({
        where: { id: invoice.id },
        data: { status: result.matched ? 'matched' : 'exception', matchResult: JSON.stringify(result) },
      });
      return result;
    },

    /** Into payables: inventory and input tax (less credit notes) against accounts payable, in one transaction with the status. */
    async approveSupplierInvoice(input: { invoiceNumber: string; approvedBy: string; at: string }): Promise<SupplierInvoiceInfo> {
      await once(db, `approve-supplier-invoice:${input.invoiceNumber}`, async (tx) => {
        const invoice = await tx.supplierInvoice.findUniqueOrThrow({ where: { number: input.invoiceNumber } });
        const supplier = await tx.supplier.findUniqueOrThrow({ where: { id: invoice.supplierId } });
        const credited = await credits(tx, invoice.purchaseOrderId);
        const journalEntryId = await postJournal(tx, {
          key: `supplier-invoice:${invoice.number}`,
          memo: `Supplier invoice ${invoice.supplierRef} (${supplier.code})`,
          sourceType: 'SupplierInvoice',
          sourceRef: invoice.number,
          postedAt: new Date(input.at),
          lines: [
            { account: INVENTORY, debitCents: invoice.netCents - credited.net },
            { account: ACCOUNTS.taxPayable, debitCents: invoice.taxCents - credited.tax },
            { account: ACCOUNTS.payables, creditCents: invoice.totalCents - credited.total, partnerRef: supplier.code },
          ],
        });
        await tx.supplierInvoice.update({ where: { id: invoice.id }, data: { status: 'approved', journalEntryId } });
        await audit(tx, input.approvedBy, 'supplier-invoice.approved', 'SupplierInvoice', invoice.number);
        return true;
      });
      return invoiceInfo(db, input.invoiceNumber);
    },

    async rejectSupplierInvoice(input: { invoiceNumber: string; rejectedBy: string; reason: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const invoice = await tx.supplierInvoice.findUniqueOrThrow({ where: { number: input.invoiceNumber } });
        if (invoice.status === 'rejected') return;
        await tx.supplierInvoice.update({ where: { id: invoice.id }, data: { status: 'rejected' } });
        await audit(tx, input.rejectedBy, 'supplier-invoice.rejected', 'SupplierInvoice', invoice.number, { reason: input.reason });
      });
    },

    /** Pays what is owed, less the early-payment discount when paid by its date. */
    async paySupplierInvoice(input: { invoiceNumber: string; at: string }): Promise<{ paidCents: number; discountCents: number }> {
      return once(db, `pay-supplier-invoice:${input.invoiceNumber}`, async (tx) => {
        const invoice = await tx.supplierInvoice.findUniqueOrThrow({ where: { number: input.invoiceNumber } });
        if (invoice.status !== 'approved') throw illegal(`Supplier invoice ${invoice.number} is ${invoice.status}, not approved`);
        const supplier = await tx.supplier.findUniqueOrThrow({ where: { id: invoice.supplierId } });
        const owed = invoice.totalCents - (await credits(tx, invoice.purchaseOrderId)).total;
        const at = new Date(input.at);
        const discountCents = invoice.discountDueAt && at <= invoice.discountDueAt ? Math.min(invoice.discountCents, owed) : 0;
        await postJournal(tx, {
          key: `supplier-payment:${invoice.number}`,
          memo: `Payment of ${invoice.supplierRef} (${supplier.code})`,
          sourceType: 'SupplierPayment',
          sourceRef: invoice.number,
          postedAt: at,
          lines: [
            { account: ACCOUNTS.payables, debitCents: owed, partnerRef: supplier.code },
            { account: ACCOUNTS.cash, creditCents: owed - discountCents },
            { account: ACCOUNTS.purchaseDiscounts, creditCents: discountCents },
          ],
        });
        await tx.supplierPayment.create({
          data: { key: `pay:${invoice.number}`, invoiceId: invoice.id, amountCents: owed - discountCents, discountCents, paidAt: at },
        });
        await tx.supplierInvoice.update({ where: { id: invoice.id }, data: { status: 'paid' } });
        await audit(tx, 'process', 'supplier-invoice.paid', 'SupplierInvoice', invoice.number, {
          paidCents: owed - discountCents,
          discountCents,
        });
        return { paidCents: owed - discountCents, discountCents };
      });
    },
  };
}
