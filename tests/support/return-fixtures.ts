// A delivered and invoiced order with a customer return on it, written directly so activity tests can
// start from any step of the return with known figures.
import type { OperationsDb } from '../../db/clients';
import type { Product } from '../../generated/operations/sqlite/client';
import type { ReturnCondition, ReturnOutcome, ReturnStatus } from '../../workflows/returns/types';
import type { ActivityWorld } from './activity-world';
import { customer, ledgerBalances, uniq, writtenOrder } from './fixtures';

export interface ReturnedLine {
  /** Price per unit in whole currency; tax 20 %, standard cost 50.00. */
  price: number;
  /** Delivered and invoiced. */
  delivered: number;
  /** On the return. */
  returned: number;
  outcome?: ReturnOutcome;
  category?: string;
}

/** The order is delivered and invoiced on delivered quantities; `paid` cents are paid on the invoice. */
export async function returnOf(world: ActivityWorld, lines: ReturnedLine[], opts: { paidCents?: number; status?: ReturnStatus } = {}) {
  const db = world.stores.operations;
  const c = await customer(db);
  const products: Product[] = [];
  for (const l of lines) {
    products.push(
      await db.product.create({
        data: {
          sku: uniq('P'),
          name: `Returned product ${products.length + 1}`,
          kind: 'stocked',
          listPriceCents: l.price * 100,
          standardCostCents: 5000,
          taxRateBp: 2000,
          category: l.category ?? 'general',
        },
      }),
    );
  }
  const order = await writtenOrder(db, {
    customerId: c.id,
    status: 'closed',
    lines: lines.map((l, i) => ({
      productId: products[i].id,
      quantity: l.delivered,
      price: l.price,
      delivered: l.delivered,
      returned: l.returned,
    })),
  });
  const orderNumber = order.number;
  const at = new Date().toISOString();
  const invoice = (await world.ops.issueOrderInvoice({ orderNumber, basis: 'delivered', at }))!;
  if (opts.paidCents)
    await world.ops.recordCustomerPayment({
      orderNumber,
      reference: `PAY-${orderNumber}`,
      amountCents: opts.paidCents,
      method: 'bank_transfer',
      recordedBy: 'test',
      at,
    });
  const number = uniq('RET');
  await db.customerReturn.create({
    data: {
      number,
      key: number,
      orderId: order.id,
      customerId: c.id,
      reason: 'not as expected',
      status: opts.status ?? 'authorized',
      requestedBy: 'test',
      lines: {
        create: lines.map((l, i) => ({
          lineNo: i + 1,
          orderLineId: order.lines[i].id,
          productId: products[i].id,
          quantity: l.returned,
          outcome: l.outcome ?? 'refund',
        })),
      },
    },
  });
  return { number, orderNumber, invoiceNumber: invoice.number, customer: c, products };
}

/** The line as inspected: what the inspector found, written as the inspection activity would. */
export async function inspected(db: OperationsDb, returnNumber: string, lineNo: number, condition: ReturnCondition) {
  await db.customerReturnLine.updateMany({
    where: { lineNo, customerReturn: { number: returnNumber } },
    data: { condition, inspectedBy: 'k-inspector' },
  });
}

export async function returnsStockOf(db: OperationsDb, productId: number, warehouse = 'RETURNS'): Promise<number> {
  const level = await db.stockLevel.findFirst({ where: { productId, warehouse: { code: warehouse } } });
  return level?.onHand ?? 0;
}

/** Runs `step` and returns how each account's balance moved (accounts that did not move are left out). */
export async function ledgerMovement(db: OperationsDb, step: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = await ledgerBalances(db);
  await step();
  const after = await ledgerBalances(db);
  const out: Record<string, number> = {};
  for (const account of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const moved = (after[account] ?? 0) - (before[account] ?? 0);
    if (moved !== 0) out[account] = moved;
  }
  return out;
}
