// Customer invoices, credit notes, payments, reminders and write-offs. Each document and its
// journal entry are written in one transaction, keyed so that a retried step adds nothing.
import type { OperationsDb, OperationsTx } from '../../db/clients';
import { once } from '../../db/idempotency';
import { illegal, notFound } from '../../domain/errors';
import type { InvoiceInfo } from '../../workflows/order/types';
import { postCreditNote, refundOverpayment, settleInvoiceStatus } from './credit-note';
import { postCustomerInvoice, recordPaymentOnce } from './customer-invoice';
import { ACCOUNTS, audit, postJournal, reverseJournal } from './ledger';

export async function invoiceInfo(db: OperationsDb | OperationsTx, number: string): Promise<InvoiceInfo> {
  const i = await db.invoice.findUniqueOrThrow({ where: { number } });
  return {
    number: i.number,
    kind: i.kind as InvoiceInfo['kind'],
    status: i.status,
    totalCents: i.totalCents,
    paidCents: i.paidCents,
    creditedCents: i.creditedCents,
    outstandingCents: i.status === 'void' || i.status === 'written_off' ? 0 : i.totalCents - i.paidCents - i.creditedCents,
    dueAt: i.dueAt.toISOString(),
  };
}

export function createInvoicingActivities(db: OperationsDb) {
  return {
    /**
     * Invoices the order: on delivered quantities (policy "delivered") or on ordered quantities
     * (policy "ordered", issued before shipping). Null when there is nothing to invoice.
     */
    async issueOrderInvoice(input: { orderNumber: string; basis: 'delivered' | 'ordered'; at: string }): Promise<InvoiceInfo | null> {
      const number = await once(db, `invoice:${input.orderNumber}`, async (tx) => {
        const order = await tx.salesOrder.findUniqueOrThrow({
          where: { number: input.orderNumber },
          include: { lines: true, customer: true },
        });
        const products = new Map(
          (await tx.product.findMany({ where: { id: { in: order.lines.map((l) => l.productId) } } })).map((p) => [p.id, p]),
        );
        const lines = order.lines
          .map((l) => ({ l, quantity: input.basis === 'delivered' ? l.deliveredQty : l.quantity }))
          .filter((x) => x.quantity > 0)
          .map(({ l, quantity }) => ({
            orderLineId: l.id,
            productId: l.productId,
            description: products.get(l.productId)!.name,
            quantity,
            unitPriceCents: l.unitPriceCents,
            taxRateBp: l.taxRateBp,
          }));
        if (lines.length === 0) return null;
        const { number: invoiceNumber } = await postCustomerInvoice(tx, {
          key: `order:${order.number}:invoice`,
          customer: order.customer,
          orderId: order.id,
          source: `order ${order.number}`,
          issuedAt: new Date(input.at),
          lines,
        });
        return invoiceNumber;
      });
      return number ? invoiceInfo(db, number) : null;
    },

    /**
     * The order's invoice as it is now, or null before it is issued: a credit note from a return may
     * have settled it while the order's process waited for payment.
     */
    async loadOrderInvoice(input: { orderNumber: string }): Promise<InvoiceInfo | null> {
      const invoice = await db.invoice.findFirst({
        where: { order: { number: input.orderNumber }, kind: 'invoice', status: { not: 'void' } },
        orderBy: { id: 'desc' },
      });
      return invoice ? invoiceInfo(db, invoice.number) : null;
    },

    /**
     * For up-front invoices: credits what was invoiced but in the end not delivered, and pays back what
     * the customer had already paid for it.
     */
    async creditUndelivered(input: { orderNumber: string; at: string }): Promise<InvoiceInfo | null> {
      const number = await once(db, `credit-note:${input.orderNumber}`, async (tx) => {
        const invoice = await tx.invoice.findFirst({
          where: { order: { number: input.orderNumber }, kind: 'invoice', status: { not: 'void' } },
          include: { lines: true, customer: true },
        });
        if (!invoice) return null;
        const orderLines = await tx.salesOrderLine.findMany({ where: { orderId: invoice.orderId! } });
        const lines = invoice.lines
          .map((il) => ({ il, quantity: il.quantity - (orderLines.find((o) => o.id === il.orderLineId)?.deliveredQty ?? 0) }))
          .filter((x) => x.quantity > 0)
          .map(({ il, quantity }) => ({
            orderLineId: il.orderLineId,
            productId: il.productId,
            description: il.description,
            quantity,
            unitPriceCents: il.unitPriceCents,
            taxRateBp: il.taxRateBp,
          }));
        if (lines.length === 0) return null;
        await postCreditNote(tx, {
          invoice,
          key: `order:${input.orderNumber}:credit-note`,
          reason: 'undelivered goods',
          at: new Date(input.at),
          lines,
        });
        await refundOverpayment(tx, {
          invoiceId: invoice.id,
          customerCode: invoice.customer.code,
          at: new Date(input.at),
          why: `goods not delivered on order ${input.orderNumber}`,
          audit: { entityType: 'SalesOrder', entityRef: input.orderNumber },
        });
        await settleInvoiceStatus(tx, invoice.id);
        return invoice.number;
      });
      return number ? invoiceInfo(db, number) : null;
    },

    /** Compensation: voids the order's unpaid invoices with reversing journal entries. */
    async voidOrderInvoices(input: { orderNumber: string; at: string }): Promise<string[]> {
      return once(db, `void-invoices:${input.orderNumber}`, async (tx) => {
        const invoices = await tx.invoice.findMany({ where: { order: { number: input.orderNumber }, status: { not: 'void' } } });
        const paid = invoices.find((i) => i.paidCents > 0 && i.kind === 'invoice');
        if (paid) throw illegal(`Invoice ${paid.number} has payments recorded; refund them before the order can be cancelled`);
        for (const i of invoices) {
          if (i.journalEntryId)
            await reverseJournal(
              tx,
              i.journalEntryId,
              `void:${i.number}`,
              `Void ${i.number} (order ${input.orderNumber} cancelled)`,
              new Date(input.at),
            );
          await tx.invoice.update({ where: { id: i.id }, data: { status: 'void', voidedAt: new Date(input.at) } });
          await audit(tx, 'process', 'invoice.voided', 'Invoice', i.number, { order: input.orderNumber });
        }
        return invoices.map((i) => i.number);
      });
    },

    /**
     * Applies a customer payment to the order's invoice, once per invoice and bank reference. `applied`
     * is false when another request had already applied it (the same reference and amount).
     */
    async recordCustomerPayment(input: {
      orderNumber: string;
      reference: string;
      amountCents: number;
      method: string;
      recordedBy: string;
      at: string;
      requestId?: string;
    }): Promise<{ invoice: InvoiceInfo; applied: boolean }> {
      const invoice = await db.invoice.findFirst({
        where: { order: { number: input.orderNumber }, kind: 'invoice', status: { not: 'void' } },
        orderBy: { id: 'desc' },
      });
      if (!invoice) throw illegal(`Order ${input.orderNumber} has no open invoice to pay`);
      const outcome = await recordPaymentOnce(db, invoice, {
        ...input,
        at: new Date(input.at),
        requestId: input.requestId ?? `order ${input.orderNumber}`,
      });
      return { invoice: await invoiceInfo(db, invoice.number), applied: outcome === 'applied' };
    },

    async sendPaymentReminder(input: { invoiceNumber: string; level: number; at: string }): Promise<void> {
      await once(db, `reminder:${input.invoiceNumber}:${input.level}`, async (tx) => {
        const invoice = await tx.invoice.findUnique({ where: { number: input.invoiceNumber } });
        if (!invoice) throw notFound(`Invoice ${input.invoiceNumber}`);
        await tx.paymentReminder.create({
          data: { key: `${input.invoiceNumber}:${input.level}`, invoiceId: invoice.id, level: input.level, sentAt: new Date(input.at) },
        });
        await audit(tx, 'process', 'invoice.reminder', 'Invoice', invoice.number, {
          level: input.level,
          outstandingCents: invoice.totalCents - invoice.paidCents - invoice.creditedCents,
        });
        return true;
      });
    },

    /** Collections gave up: the outstanding amount moves from receivables to bad-debt expense. */
    async writeOffInvoice(input: { invoiceNumber: string; at: string; decidedBy: string }): Promise<InvoiceInfo> {
      await once(db, `write-off:${input.invoiceNumber}`, async (tx) => {
        const invoice = await tx.invoice.findUniqueOrThrow({ where: { number: input.invoiceNumber }, include: { customer: true } });
        const outstanding = invoice.totalCents - invoice.paidCents - invoice.creditedCents;
        await postJournal(tx, {
          key: `write-off:${invoice.number}`,
          memo: `Write-off of ${invoice.number}`,
          sourceType: 'Invoice',
          sourceRef: invoice.number,
          postedAt: new Date(input.at),
          lines: [
            { account: ACCOUNTS.badDebt, debitCents: outstanding },
            { account: ACCOUNTS.receivables, creditCents: outstanding, partnerRef: invoice.customer.code },
          ],
        });
        await tx.invoice.update({ where: { id: invoice.id }, data: { status: 'written_off' } });
        await audit(tx, input.decidedBy, 'invoice.written_off', 'Invoice', invoice.number, { outstandingCents: outstanding });
        return true;
      });
      return invoiceInfo(db, input.invoiceNumber);
    },
  };
}
