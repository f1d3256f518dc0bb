// Goods received into a warehouse: stock rises in one transaction with its moves and audit row,
// then every order waiting on a received product is told, oldest first. The receipt reference
// makes it idempotent: the same delivery note booked twice adds nothing.
import type { Client } from '@temporalio/client';
import type { OperationsDb } from '../../db/clients';
import { QUALITY_HOLD_WAREHOUSE } from '../../db/reference-data';
import { AppError, AppErrorCode, illegal, type FieldIssue } from '../errors';
import { stockReplenishedSignal } from '../../workflows/order/messages';
import { bookStockIn } from './stock-in';

export interface ReceiptInput {
  reference: string;
  warehouse: string;
  lines: { sku: string; quantity: number }[];
}

export async function receiveStock(db: OperationsDb, temporal: Client, input: ReceiptInput, by: string) {
  const existing = await db.stockReceipt.findUnique({ where: { reference: input.reference } });
  if (existing) {
    if (existing.lines !== JSON.stringify(input.lines)) throw illegal(`Receipt ${input.reference} was already booked with different lines`);
    return { reference: input.reference, duplicate: true, notifiedOrders: [] as string[] };
  }
  const warehouse = await db.warehouse.findUnique({ where: { code: input.warehouse } });
  const products = await db.product.findMany({ where: { sku: { in: input.lines.map((l) => l.sku) } } });
  const issues: FieldIssue[] = [];
  if (!warehouse) issues.push({ field: 'warehouse', message: `no warehouse with code ${input.warehouse}` });
  // Only a purchase order's receipt puts goods on hold, each with its pending inspection.
  else if (warehouse.code === QUALITY_HOLD_WAREHOUSE)
    issues.push({ field: 'warehouse', message: 'goods enter the inspection hold only by a purchase receipt' });
  input.lines.forEach((l, i) => {
    if (!products.some((p) => p.sku === l.sku)) issues.push({ field: `lines.${i}.sku`, message: `no product with SKU ${l.sku}` });
  });
  if (issues.length)
    throw new AppError(AppErrorCode.INVALID_INPUT, {
      message: `Invalid receipt: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
      details: issues,
    });

  const productIds = input.lines.map((l) => products.find((p) => p.sku === l.sku)!.id);
  await db.$transaction(async (tx) => {
    await tx.stockReceipt.create({
      data: { reference: input.reference, warehouseId: warehouse!.id, receivedBy: by, lines: JSON.stringify(input.lines) },
    });
    for (const [i, l] of input.lines.entries()) {
      await bookStockIn(tx, {
        key: `receipt:${input.reference}:${i}`,
        warehouseId: warehouse!.id,
        productId: productIds[i],
        quantity: l.quantity,
        reason: 'receipt',
        reference: input.reference,
      });
    }
    await tx.auditLog.create({
      data: { actor: by, action: 'stock.received', entityType: 'StockReceipt', entityRef: input.reference, data: JSON.stringify(input) },
    });
  });

  const orders = await wakeBackorders(db, temporal, warehouse!.id, productIds, input.reference);
  return { reference: input.reference, duplicate: false, notifiedOrders: orders };
}

/** The orders with an open backorder of these products in the warehouse, oldest backorder first. */
export async function ordersWaitingFor(db: OperationsDb, warehouseId: number, productIds: number[]): Promise<string[]> {
  const waiting = await db.backorder.findMany({
    where: { status: 'open', warehouseId, productId: { in: productIds } },
    include: { orderLine: { include: { order: true } } },
    orderBy: { createdAt: 'asc' },
  });
  return [...new Set(waiting.map((b) => b.orderLine.order.number))];
}

/** Tells every order with an open backorder of these products, oldest first, that stock arrived. */
export async function wakeBackorders(
  db: OperationsDb,
  temporal: Client,
  warehouseId: number,
  productIds: number[],
  reference: string,
): Promise<string[]> {
  const orders = await ordersWaitingFor(db, warehouseId, productIds);
  // Signals are delivered in order; a process that finds no stock left simply waits for the next receipt.
  for (const number of orders) {
    await temporal.workflow
      .getHandle(`order-${number}`)
      .signal(stockReplenishedSignal, { receiptReference: reference })
      .catch(() => undefined);
  }
  return orders;
}
