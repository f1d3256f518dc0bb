// Accepting an order: validate references, write the order with its audit row (and the
// Idempotency-Key record) in one transaction, then start its process. If the process cannot be
// started the order is removed again, so a refused request leaves nothing behind.
import type { Client } from '@temporalio/client';
import type { OperationsDb } from '../../db/clients';
import { isUniqueViolation } from '../../db/idempotency';
import { nextNumber } from '../../db/sequence';
import { AppError, AppErrorCode, type FieldIssue } from '../errors';
import { earlierResult, rememberResult, type KeyedRequest } from '../idempotency-key';
import { documentTotals, lineAmounts } from '../money';
import type { TCreateOrderRequest } from '../../api/routes/orders.schemas';
import type { OrderProcessSettings } from '../../workflows/order/types';
import { startOrderProcess } from './order-process';

export interface CreateOrderResult { number: string; created: boolean }

export async function createOrder(opts: {
  db: OperationsDb; temporal: Client; process: OrderProcessSettings; input: TCreateOrderRequest; userName: string; keyed?: KeyedRequest;
}): Promise<CreateOrderResult> {
  const { db, input } = opts;
  const { keyed } = opts;
  const replay = async (): Promise<CreateOrderResult | undefined> => {
    const number = await earlierResult(db, keyed);
    if (!number) return undefined;
    await startOrderProcess(opts.temporal, number, opts.process); // heals a start that failed after the commit
    return { number, created: false };
  };
  const earlier = await replay();
  if (earlier) return earlier;

  const customer = await db.customer.findUnique({ where: { code: input.customer } });
  const warehouse = await db.warehouse.findUnique({ where: { code: input.warehouse ?? 'MAIN' } });
  const products = await db.product.findMany({ where: { sku: { in: input.lines.map((l) => l.sku) } } });
  const issues: FieldIssue[] = [];
  if (!customer) issues.push({ field: 'customer', message: `no customer with code ${input.customer}` });
  if (!warehouse) issues.push({ field: 'warehouse', message: `no warehouse with code ${input.warehouse ?? 'MAIN'}` });
  input.lines.forEach((l, i) => {
    const p = products.find((x) => x.sku === l.sku);
    if (!p) issues.push({ field: `lines.${i}.sku`, message: `no product with SKU ${l.sku}` });
    else if (!p.active) issues.push({ field: `lines.${i}.sku`, message: `product ${l.sku} is no longer sold` });
  });
  if (issues.length) throw new AppError(AppErrorCode.INVALID_INPUT, { message: `Invalid order: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`, details: issues });

  const lines = input.lines.map((l, i) => {
    const p = products.find((x) => x.sku === l.sku)!;
    return { lineNo: i + 1, productId: p.id, quantity: l.quantity, unitPriceCents: p.listPriceCents, taxRateBp: p.taxRateBp };
  });
  const totals = documentTotals(lines.map((l) => ({ ...l, ...lineAmounts(l) })));
  let number: string;
  try {
    number = await db.$transaction(async (tx) => {
      const n = await nextNumber(tx, 'sales-order', 'SO');
      await tx.salesOrder.create({
        data: {
          number: n, customerId: customer!.id, warehouseId: warehouse!.id, status: 'received', requestedDate: new Date(input.requestedDate),
          deliverySteps: input.deliverySteps, netCents: totals.netCents, taxCents: totals.taxCents, createdBy: opts.userName, lines: { create: lines },
        },
      });
      await tx.auditLog.create({ data: { actor: opts.userName, action: 'order.received', entityType: 'SalesOrder', entityRef: n, data: JSON.stringify(input) } });
      await rememberResult(tx, keyed, n);
      return n;
    });
  } catch (e) {
    // The same key sent twice at once: the other request won; answer as it did.
    if (keyed && isUniqueViolation(e)) return (await replay())!;
    throw e;
  }

  try {
    await startOrderProcess(opts.temporal, number, opts.process);
  } catch (e) {
    await removeUnstartedOrder(db, number);
    throw new AppError(AppErrorCode.UNAVAILABLE, { message: `The process engine is unavailable (${(e as Error).message}); nothing was saved, retry the request` });
  }
  return { number, created: true };
}

async function removeUnstartedOrder(db: OperationsDb, number: string) {
  await db.$transaction(async (tx) => {
    const order = await tx.salesOrder.findUniqueOrThrow({ where: { number } });
    await tx.salesOrderLine.deleteMany({ where: { orderId: order.id } });
    await tx.salesOrder.delete({ where: { id: order.id } });
    await tx.idempotencyRecord.deleteMany({ where: { resourceRef: number } });
    await tx.auditLog.deleteMany({ where: { entityRef: number } });
  });
}
