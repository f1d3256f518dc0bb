// Accepting an order: validate references, write the order with its audit row (and the
// Idempotency-Key record) in one transaction, then start its process. If the process cannot be
// started the order is removed again, so a refused request leaves nothing behind.
import type { Client } from '@temporalio/client';
import type { OperationsDb } from '../../db/clients';
import { nextNumber } from '../../db/sequence';
import { QUALITY_HOLD_WAREHOUSE } from '../../db/reference-data';
import { AppError, AppErrorCode, type FieldIssue } from '../errors';
import { rememberResult, type KeyedRequest } from '../idempotency-key';
import { createWithProcess } from '../processes/create-with-process';
import { documentTotals, lineAmounts } from '../money';
import type { TCreateOrderRequest } from '../../api/routes/orders.schemas';
import type { OrderProcessSettings } from '../../workflows/order/types';
import { startOrderProcess } from './order-process';

export async function createOrder(opts: {
  db: OperationsDb;
  temporal: Client;
  process: OrderProcessSettings;
  input: TCreateOrderRequest;
  userName: string;
  keyed?: KeyedRequest;
}): Promise<{ number: string; created: boolean }> {
  const { db, input, keyed } = opts;
  return createWithProcess(db, keyed, {
    kind: 'order',
    record: () => recordOrder(db, input, opts.userName, keyed),
    start: (number) => startOrderProcess(db, opts.temporal, number, opts.process),
    remove: (number) => removeUnstartedOrder(db, number),
  });
}

/** Validates and writes the order with its audit row (and the Idempotency-Key) in one transaction. */
async function recordOrder(db: OperationsDb, input: TCreateOrderRequest, userName: string, keyed?: KeyedRequest): Promise<string> {
  const customer = await db.customer.findUnique({ where: { code: input.customer } });
  const warehouse = await db.warehouse.findUnique({ where: { code: input.warehouse ?? 'MAIN' } });
  const products = await db.product.findMany({ where: { sku: { in: input.lines.map((l) => l.sku) } } });
  const issues: FieldIssue[] = [];
  if (!customer) issues.push({ field: 'customer', message: `no customer with code ${input.customer}` });
  if (!warehouse) issues.push({ field: 'warehouse', message: `no warehouse with code ${input.warehouse ?? 'MAIN'}` });
  else if (warehouse.code === QUALITY_HOLD_WAREHOUSE)
    issues.push({ field: 'warehouse', message: 'goods held for inspection are not for sale' });
  input.lines.forEach((l, i) => {
    const p = products.find((x) => x.sku === l.sku);
    if (!p) issues.push({ field: `lines.${i}.sku`, message: `no product with SKU ${l.sku}` });
    else if (!p.active) issues.push({ field: `lines.${i}.sku`, message: `product ${l.sku} is no longer sold` });
  });
  if (issues.length)
    throw new AppError(AppErrorCode.INVALID_INPUT, {
      message: `Invalid order: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
      details: issues,
    });

  const lines = input.lines.map((l, i) => {
    const p = products.find((x) => x.sku === l.sku)!;
    return { lineNo: i + 1, productId: p.id, quantity: l.quantity, unitPriceCents: p.listPriceCents, taxRateBp: p.taxRateBp };
  });
  const totals = documentTotals(lines.map((l) => ({ ...l, ...lineAmounts(l) })));
  return db.$transaction(async (tx) => {
    const n = await nextNumber(tx, 'sales-order', 'SO');
    await tx.salesOrder.create({
      data: {
        number: n,
        customerId: customer!.id,
        warehouseId: warehouse!.id,
        status: 'received',
        requestedDate: new Date(input.requestedDate),
        deliverySteps: input.deliverySteps,
        netCents: totals.netCents,
        taxCents: totals.taxCents,
        createdBy: userName,
        lines: { create: lines },
      },
    });
    await tx.auditLog.create({
      data: { actor: userName, action: 'order.received', entityType: 'SalesOrder', entityRef: n, data: JSON.stringify(input) },
    });
    await rememberResult(tx, keyed, n);
    return n;
  });
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
