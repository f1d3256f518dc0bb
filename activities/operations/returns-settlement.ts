// Settling a customer return: one credit note for the refunded goods (less a restocking fee on goods
// that came back resellable), the money paid back where the credit leaves the invoice overpaid, and
// no-charge orders for replacements and repaired goods going back to the customer.
import type { OperationsDb, OperationsTx } from '../../db/clients';
import { once } from '../../db/idempotency';
import { illegal, notFound } from '../../domain/errors';
import type { ReturnDisposition, ReturnSettlement } from '../../workflows/returns/types';
import { postCreditNote, refundOverpayment, settleInvoiceStatus } from './credit-note';
import type { CustomerInvoiceLine } from './customer-invoice';
import { createFollowUpOrder } from './follow-up-order';
import { audit } from './ledger';
import { returnByNumber, returnLine, type ReturnRecord } from './returns-core';

export interface RefundSettlement {
  creditNote?: string;
  /** The credit note's total, tax included. */
  creditedCents: number;
  /** Paid back to the customer because the invoice was paid beyond what is now owed. */
  refundCents: number;
  /** Restocking fees kept, before tax (the tax on them is not credited either). */
  feeCents: number;
}

/** The credit note's lines: each refunded line's received units at the invoiced price, a fee line after a resellable one. */
async function creditLines(
  tx: OperationsTx,
  ret: ReturnRecord,
  invoiceLines: { orderLineId: number | null; description: string; unitPriceCents: number; taxRateBp: number }[],
) {
  const refunded = ret.lines.filter((l) => l.outcome === 'refund' && l.receivedQty > 0);
  const products = await tx.product.findMany({ where: { id: { in: refunded.map((l) => l.productId) } } });
  const policies = await tx.returnPolicy.findMany();
  const feeBp = (category: string) =>
    (policies.find((p) => p.category === category) ?? policies.find((p) => p.category === 'general'))?.restockingFeeBp ?? 0;
  const lines: CustomerInvoiceLine[] = [];
  let feeCents = 0;
  for (const l of refunded) {
    const il = invoiceLines.find((x) => x.orderLineId === l.orderLineId);
    if (!il) throw illegal(`The order's invoice has no line for line ${l.lineNo} of ${ret.number}`);
    const priced = { productId: l.productId, unitPriceCents: il.unitPriceCents, taxRateBp: il.taxRateBp };
    lines.push({ ...priced, orderLineId: l.orderLineId, description: il.description, quantity: l.receivedQty });
    const bp = l.condition === 'resellable' ? feeBp(products.find((p) => p.id === l.productId)!.category) : 0;
    const fee = Math.round((l.receivedQty * il.unitPriceCents * bp) / 10_000);
    if (fee === 0) continue;
    // A line of its own, so the document shows what was kept; the tax on it is kept with it.
    lines.push({ ...priced, unitPriceCents: -fee, quantity: 1, description: `Restocking fee ${bp / 100} % on ${il.description}` });
    feeCents += fee;
  }
  return { refunded, lines, feeCents };
}

export function createReturnSettlementActivities(db: OperationsDb) {
  return {
    /** What became of a line's goods and how its customer was settled, as the process decided it. */
    async recordReturnLine(input: {
      returnNumber: string;
      lineNo: number;
      disposition?: ReturnDisposition;
      repairMoNumber?: string;
      settlement?: ReturnSettlement;
      at: string;
    }): Promise<void> {
      await db.$transaction(async (tx) => {
        const ret = await returnByNumber(tx, input.returnNumber);
        const line = returnLine(ret, input.lineNo);
        const changes = {
          ...(input.disposition && input.disposition !== line.disposition ? { disposition: input.disposition } : {}),
          ...(input.repairMoNumber && input.repairMoNumber !== line.repairMoNumber ? { repairMoNumber: input.repairMoNumber } : {}),
          ...(input.settlement && input.settlement !== line.settlement
            ? { settlement: input.settlement, settledAt: new Date(input.at) }
            : {}),
        };
        // A retried step finds its changes made and writes nothing, not even a second audit row.
        if (Object.keys(changes).length === 0) return;
        await tx.customerReturnLine.update({ where: { id: line.id }, data: changes });
        await audit(tx, 'process', 'return.line-recorded', 'Return', ret.number, { lineNo: input.lineNo, ...changes });
      });
    },

    /** Credits every received refund line on the order's invoice in one credit note; nothing to credit writes nothing. */
    async settleReturnRefund(input: { returnNumber: string; key: string; at: string }): Promise<RefundSettlement> {
      const nothing: RefundSettlement = { creditedCents: 0, refundCents: 0, feeCents: 0 };
      const ret = await db.customerReturn.findUnique({ where: { number: input.returnNumber }, include: { lines: true } });
      if (!ret) throw notFound(`Return ${input.returnNumber}`);
      if (!ret.lines.some((l) => l.outcome === 'refund' && l.receivedQty > 0)) return nothing;
      return once(db, input.key, async (tx) => {
        const ret = await returnByNumber(tx, input.returnNumber);
        const at = new Date(input.at);
        const invoice = await tx.invoice.findFirst({
          where: { orderId: ret.orderId, kind: 'invoice', status: { not: 'void' } },
          include: { lines: true, customer: true },
          orderBy: { id: 'desc' },
        });
        if (!invoice) throw illegal(`The order of ${ret.number} has no invoice to credit yet`);
        if (invoice.status === 'written_off') throw illegal(`Invoice ${invoice.number} was written off; ${ret.number} cannot credit it`);
        const { refunded, lines, feeCents } = await creditLines(tx, ret, invoice.lines);
        const note = await postCreditNote(tx, {
          invoice,
          key: `return:${ret.number}:credit-note`,
          reason: `return ${ret.number}`,
          at,
          lines,
        });
        const refundCents = await refundOverpayment(tx, {
          invoiceId: invoice.id,
          customerCode: ret.customer.code,
          at,
          why: `return ${ret.number}`,
          returnId: ret.id,
          audit: { entityType: 'Return', entityRef: ret.number },
        });
        await settleInvoiceStatus(tx, invoice.id);
        await tx.customerReturn.update({
          where: { id: ret.id },
          data: { creditNoteNumber: note.number, refundCents, restockingFeeCents: feeCents },
        });
        await tx.customerReturnLine.updateMany({
          where: { id: { in: refunded.map((l) => l.id) } },
          data: { settlement: 'refunded', settledAt: at },
        });
        await audit(tx, 'process', 'return.refunded', 'Return', ret.number, {
          creditNote: note.number,
          invoice: invoice.number,
          creditedCents: note.totalCents,
          refundCents,
          feeCents,
        });
        return { creditNote: note.number, creditedCents: note.totalCents, refundCents, feeCents };
      });
    },

    /** One no-charge order per return and kind (replacement goods, or goods going back after repair). */
    async createReturnOrder(input: {
      returnNumber: string;
      kind: 'replacement' | 'send_back';
      lines: { sku: string; quantity: number }[];
      key: string;
      at: string;
    }): Promise<{ orderNumber: string }> {
      return once(db, input.key, async (tx) => {
        const ret = await returnByNumber(tx, input.returnNumber);
        const field = input.kind === 'replacement' ? 'replacementOrderNumber' : 'sendBackOrderNumber';
        const existing = ret[field];
        if (existing) return { orderNumber: existing };
        const orderNumber = await createFollowUpOrder(tx, {
          customerId: ret.customerId,
          lines: input.lines,
          free: true,
          at: input.at,
          by: 'process',
          source: { return: ret.number, kind: input.kind },
        });
        await tx.customerReturn.update({ where: { id: ret.id }, data: { [field]: orderNumber } });
        await audit(tx, 'process', `return.${input.kind === 'replacement' ? 'replacement' : 'send-back'}-ordered`, 'Return', ret.number, {
          order: orderNumber,
          lines: input.lines,
        });
        return { orderNumber };
      });
    },
  };
}
