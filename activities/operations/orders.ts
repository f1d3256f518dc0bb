import type { OperationsDb } from '../../db/clients';
import { creditDecision } from '../../domain/credit';
import { notFound } from '../../domain/errors';
import type { CreditCheckResult, DeliverySteps, InvoicePolicy, OrderSnapshot } from '../../workflows/order/types';
import { audit } from './ledger';

export async function orderSnapshot(db: OperationsDb, number: string): Promise<OrderSnapshot> {
  const order = await db.salesOrder.findUnique({
    where: { number },
    include: { customer: true, lines: { orderBy: { lineNo: 'asc' } } },
  });
  if (!order) throw notFound(`Order ${number}`);
  const products = await db.product.findMany({ where: { id: { in: order.lines.map((l) => l.productId) } } });
  const sku = new Map(products.map((p) => [p.id, p.sku]));
  return {
    number: order.number,
    customerCode: order.customer.code,
    invoicePolicy: order.customer.invoicePolicy as InvoicePolicy,
    paymentTermDays: order.customer.paymentTermDays,
    deliverySteps: order.deliverySteps as DeliverySteps,
    totalCents: order.netCents + order.taxCents,
    lines: order.lines.map((l) => ({
      lineNo: l.lineNo, sku: sku.get(l.productId)!, quantity: l.quantity, reservedQty: l.reservedQty,
      backorderQty: l.backorderQty, shippedQty: l.shippedQty, deliveredQty: l.deliveredQty, cancelledQty: l.cancelledQty,
    })),
  };
}

export function createOrderActivities(db: OperationsDb) {
  return {
    async loadOrder(number: string): Promise<OrderSnapshot> {
      return orderSnapshot(db, number);
    },

    /** Open receivables are what the customer's posted invoices still owe. */
    async checkCredit(number: string): Promise<CreditCheckResult> {
      const order = await db.salesOrder.findUnique({ where: { number }, include: { customer: true } });
      if (!order) throw notFound(`Order ${number}`);
      const open = await db.invoice.findMany({
        where: { customerId: order.customerId, status: { in: ['posted', 'partially_paid'] } },
        select: { totalCents: true, paidCents: true, creditedCents: true },
      });
      const openReceivablesCents = open.reduce((s, i) => s + i.totalCents - i.paidCents - i.creditedCents, 0);
      const orderTotalCents = order.netCents + order.taxCents;
      const d = creditDecision({ creditLimitCents: order.customer.creditLimitCents, openReceivablesCents, orderTotalCents });
      return { withinLimit: d.withinLimit, creditLimitCents: order.customer.creditLimitCents, openReceivablesCents, orderTotalCents, overByCents: d.overByCents };
    },

    /** Keeps the order row's status in step with the process, so lists and filters need no workflow query. */
    async setOrderStatus(input: { number: string; status: string; cancelReason?: string; actor?: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const order = await tx.salesOrder.findUnique({ where: { number: input.number } });
        if (!order) throw notFound(`Order ${input.number}`);
        if (order.status === input.status) return;
        await tx.salesOrder.update({
          where: { number: input.number },
          data: { status: input.status, ...(input.cancelReason ? { cancelReason: input.cancelReason } : {}) },
        });
        await audit(tx, input.actor ?? 'process', `order.${input.status}`, 'SalesOrder', input.number, input.cancelReason ? { reason: input.cancelReason } : {});
      });
    },
  };
}
