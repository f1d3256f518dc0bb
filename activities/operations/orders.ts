import type { OperationsDb } from '../../db/clients';
import { creditDecision } from '../../domain/credit';
import { notFound } from '../../domain/errors';
import { openReceivables } from '../../domain/master-data/customer-credit';
import type { CreditCheckResult, DeliverySteps, InvoicePolicy, OrderSnapshot } from '../../workflows/order/types';
import { earlierResult, keyedRequest } from '../../domain/idempotency-key';
import { recordTicket, type NewTicket } from '../../domain/tickets/create-ticket';
import { isUniqueViolation } from '../../db/idempotency';
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
      lineNo: l.lineNo,
      sku: sku.get(l.productId)!,
      quantity: l.quantity,
      reservedQty: l.reservedQty,
      backorderQty: l.backorderQty,
      shippedQty: l.shippedQty,
      deliveredQty: l.deliveredQty,
      cancelledQty: l.cancelledQty,
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
      const { openReceivablesCents } = await openReceivables(db, order.customerId);
      const orderTotalCents = order.netCents + order.taxCents;
      const d = creditDecision({ creditLimitCents: order.customer.creditLimitCents, openReceivablesCents, orderTotalCents });
      return {
        withinLimit: d.withinLimit,
        creditLimitCents: order.customer.creditLimitCents,
        openReceivablesCents,
        orderTotalCents,
        overByCents: d.overByCents,
      };
    },

    /** A service ticket for what a shipment did not deliver; the same shipment never opens two. */
    async openDeliveryComplaint(input: { orderNumber: string; shipmentNumber: string }): Promise<string> {
      const shipment = await db.shipment.findUniqueOrThrow({
        where: { number: input.shipmentNumber },
        include: { lines: true, order: { include: { customer: true } } },
      });
      const products = await db.product.findMany({ where: { id: { in: shipment.lines.map((l) => l.productId) } } });
      const missing = shipment.lines
        .filter((l) => l.deliveredQty < l.quantity)
        .map((l) => `${l.quantity - l.deliveredQty} of ${l.quantity} × ${products.find((p) => p.id === l.productId)!.sku}`);
      const ticket: NewTicket = {
        customer: shipment.order.customer.code,
        channel: 'process',
        priority: 'high',
        category: 'general',
        orderRef: shipment.order.number,
        subject: `Short delivery on ${shipment.number}`,
        description: `Not delivered: ${missing.join(', ')}. Agree a replacement or a credit with the customer.`,
      };
      const keyed = keyedRequest('process', 'delivery-complaint', shipment.number, ticket);
      const earlier = await earlierResult(db, keyed);
      if (earlier) return earlier;
      try {
        return await recordTicket(db, ticket, 'delivery confirmation', keyed);
      } catch (e) {
        if (isUniqueViolation(e)) return (await earlierResult(db, keyed))!;
        throw e;
      }
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
        await audit(
          tx,
          input.actor ?? 'process',
          `order.${input.status}`,
          'SalesOrder',
          input.number,
          input.cancelReason ? { reason: input.cancelReason } : {},
        );
      });
    },
  };
}
