// Checking a return request against the order before anything is written: the order and its
// lines, the ticket it comes from, and whether a refund has an invoice to credit. The quantity
// rule is not checked here: only the conditional update in the writing transaction can keep two
// parallel requests from both taking the last units.
import type { OperationsDb } from '../../db/clients';
import { AppError, AppErrorCode, illegal, invalid, type FieldIssue } from '../errors';
import type { TCreateReturnRequest } from '../../api/routes/returns.schemas';
import { returnWindow, type WindowVerdict } from './return-window';

export interface CheckedLine {
  lineNo: number;
  orderLineId: number;
  orderLineNo: number;
  productId: number;
  quantity: number;
  outcome: string;
  /** Position in the request, for naming the field in a refusal. */
  index: number;
}

export interface CheckedReturn {
  orderId: number;
  customerId: number;
  ticket?: { id: number; number: string };
  lines: CheckedLine[];
  window: WindowVerdict;
}

/**
 * The order, when this caller may return goods from it. A portal key is answered about another
 * customer's order exactly as about one that does not exist, so it learns nothing of it.
 */
export async function returnableOrder(db: OperationsDb, number: string, portalCustomer?: string) {
  const order = await db.salesOrder.findUnique({
    where: { number },
    include: { customer: true, lines: true, invoices: { where: { kind: 'invoice' } } },
  });
  if (!order || (portalCustomer !== undefined && order.customer.code !== portalCustomer)) throw invalid('order', `no order ${number}`);
  return order;
}

export async function checkReturnRequest(
  db: OperationsDb,
  input: TCreateReturnRequest,
  at: Date,
  portalCustomer?: string,
): Promise<CheckedReturn> {
  const order = await returnableOrder(db, input.order, portalCustomer);
  const products = new Map(
    (await db.product.findMany({ where: { id: { in: order.lines.map((l) => l.productId) } } })).map((p) => [p.id, p]),
  );
  const issues: FieldIssue[] = [];
  const first = new Map<number, number>();
  const lines: CheckedLine[] = [];
  input.lines.forEach((l, index) => {
    const orderLine = order.lines.find((x) => x.lineNo === l.lineNo);
    const field = `lines.${index}.lineNo`;
    if (!orderLine) issues.push({ field, message: `order ${order.number} has no line ${l.lineNo}` });
    else if (first.has(l.lineNo))
      issues.push({
        field,
        message: `order line ${l.lineNo} is already listed as lines.${first.get(l.lineNo)}; ask for all its units there`,
      });
    else {
      first.set(l.lineNo, index);
      lines.push({
        lineNo: lines.length + 1,
        orderLineId: orderLine.id,
        orderLineNo: orderLine.lineNo,
        productId: orderLine.productId,
        quantity: l.quantity,
        outcome: l.outcome,
        index,
      });
    }
  });
  const ticket = input.ticket ? await db.ticket.findUnique({ where: { number: input.ticket } }) : undefined;
  if (input.ticket && (!ticket || ticket.customerId !== order.customerId))
    issues.push({ field: 'ticket', message: `no ticket ${input.ticket} of customer ${order.customer.code}` });
  if (issues.length)
    throw new AppError(AppErrorCode.INVALID_INPUT, {
      message: `Invalid return: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
      details: issues,
    });

  // A refund is a credit note against the order's invoice: without one there is nothing to credit.
  if (input.lines.some((l) => l.outcome === 'refund') && !order.invoices.some((i) => i.status !== 'void'))
    throw illegal(
      `Order ${order.number} has no posted invoice, so nothing can be refunded yet; ask for a replacement or a repair, or wait until it is invoiced`,
    );

  const window = await returnWindow(
    db,
    lines.map((l) => {
      const p = products.get(l.productId)!;
      return { orderLineId: l.orderLineId, orderLineNo: l.orderLineNo, sku: p.sku, category: p.category };
    }),
    at,
  );
  return {
    orderId: order.id,
    customerId: order.customerId,
    ...(ticket ? { ticket: { id: ticket.id, number: ticket.number } } : {}),
    lines,
    window,
  };
}
