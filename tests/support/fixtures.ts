// Master data and documents a test needs, created with known values so assertions can use exact figures.
import { randomUUID } from 'node:crypto';
import type { OperationsDb } from '../../db/clients';

export const uniq = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;

export async function customer(
  db: OperationsDb,
  opts: { creditLimit?: number; paymentTermDays?: number; invoicePolicy?: 'delivered' | 'ordered' } = {},
) {
  return db.customer.create({
    data: {
      code: uniq('C'),
      name: 'Test Customer',
      email: 'ap@test.example',
      creditLimitCents: Math.round((opts.creditLimit ?? 1_000_000) * 100),
      paymentTermDays: opts.paymentTermDays ?? 30,
      invoicePolicy: opts.invoicePolicy ?? 'delivered',
    },
  });
}

/** A product priced `price` with tax `taxPct`, with `stock` units on hand in MAIN (return policy `category`, default general). */
export async function product(db: OperationsDb, opts: { price?: number; stock?: number; taxPct?: number; category?: string } = {}) {
  const warehouse = await db.warehouse.findUniqueOrThrow({ where: { code: 'MAIN' } });
  const p = await db.product.create({
    data: {
      sku: uniq('P'),
      name: 'Test product',
      kind: 'stocked',
      listPriceCents: Math.round((opts.price ?? 100) * 100),
      standardCostCents: 5000,
      taxRateBp: Math.round((opts.taxPct ?? 20) * 100),
      category: opts.category ?? 'general',
    },
  });
  await db.stockLevel.create({ data: { warehouseId: warehouse.id, productId: p.id, onHand: opts.stock ?? 100 } });
  return p;
}

export interface WrittenOrderLine {
  productId: number;
  quantity: number;
  /** Price per unit in whole currency (default 100). */
  price?: number;
  /** Tax rate in percent (default 20). */
  taxPct?: number;
  /** Shipped and delivered (default none). */
  delivered?: number;
  /** Already returned (default none). */
  returned?: number;
  /** Waiting for stock (default none). */
  backordered?: number;
}

/**
 * A sales order from MAIN written straight to the database in `status`, as if its process had brought it
 * there; totals are left at zero. Lines come back in line order.
 */
export async function writtenOrder(
  db: OperationsDb,
  opts: { customerId: number; status: string; number?: string; lines: WrittenOrderLine[] },
) {
  const warehouse = await db.warehouse.findUniqueOrThrow({ where: { code: 'MAIN' } });
  return db.salesOrder.create({
    data: {
      number: opts.number ?? uniq('SO'),
      customerId: opts.customerId,
      warehouseId: warehouse.id,
      status: opts.status,
      requestedDate: new Date(),
      deliverySteps: 1,
      netCents: 0,
      taxCents: 0,
      createdBy: 'test',
      lines: {
        create: opts.lines.map((l, i) => ({
          lineNo: i + 1,
          productId: l.productId,
          quantity: l.quantity,
          unitPriceCents: Math.round((l.price ?? 100) * 100),
          taxRateBp: Math.round((l.taxPct ?? 20) * 100),
          shippedQty: l.delivered ?? 0,
          deliveredQty: l.delivered ?? 0,
          returnedQty: l.returned ?? 0,
          backorderQty: l.backordered ?? 0,
        })),
      },
    },
    include: { lines: { orderBy: { lineNo: 'asc' } } },
  });
}

export async function stockOf(db: OperationsDb, productId: number) {
  const s = await db.stockLevel.findFirstOrThrow({ where: { productId, warehouse: { code: 'MAIN' } } });
  return { onHand: s.onHand, reserved: s.reserved };
}

/** A requested date four weeks from today (orders may not ask for a date in the past). */
export const inFourWeeks = () => new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10);

/** Balance per account (debits − credits) over the whole ledger. */
export async function ledgerBalances(db: OperationsDb): Promise<Record<string, number>> {
  const lines = await db.journalLine.findMany();
  const out: Record<string, number> = {};
  for (const l of lines) out[l.accountCode] = (out[l.accountCode] ?? 0) + l.debitCents - l.creditCents;
  for (const k of Object.keys(out)) if (out[k] === 0) delete out[k];
  return out;
}

/** Receivable balance of one customer in the ledger. */
export async function receivableOf(db: OperationsDb, customerCode: string): Promise<number> {
  const lines = await db.journalLine.findMany({ where: { accountCode: '1100', partnerRef: customerCode } });
  return lines.reduce((s, l) => s + l.debitCents - l.creditCents, 0);
}

/** Requested four weeks out: orders for a date already past are refused. */
export const orderBody = (customerCode: string, lines: { sku: string; quantity: number }[], extra: Record<string, unknown> = {}) => ({
  customer: customerCode,
  requestedDate: inFourWeeks(),
  lines,
  ...extra,
});
