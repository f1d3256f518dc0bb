// Shared steps of the return tests: an order delivered through the order API (shipped, delivery
// confirmed, invoiced), and a return request body for it.
import type { Harness } from '../support/harness';
import { customer, orderBody, product } from '../support/fixtures';

export interface OrderedLine {
  quantity: number;
  /** Unit price without tax (default 100.00). */
  price?: number;
  /** Return policy category of the product (default general). */
  category?: string;
  /** Sales tax of the product in percent (default 0). */
  taxPct?: number;
  /** Units of the product in MAIN before the order (default: just the ordered quantity). */
  stock?: number;
}

export interface DeliveredOrder {
  number: string;
  customer: { id: number; code: string };
  skus: string[];
  invoiceNumber: string;
}

/**
 * An order of one new product per line, taken through its process to delivered and invoiced: with
 * deliverySteps 2 or 3 the warehouse's pick (and pack) tasks are done on the way, as in the inbox.
 */
export async function deliveredOrder(
  h: Harness,
  lines: OrderedLine[],
  opts: { customer?: { id: number; code: string }; deliverySteps?: 1 | 2 | 3 } = {},
): Promise<DeliveredOrder> {
  const db = h.stores.operations;
  const c = opts.customer ?? (await customer(db));
  const products: { sku: string }[] = [];
  for (const l of lines)
    products.push(await product(db, { price: l.price ?? 100, taxPct: l.taxPct ?? 0, stock: l.stock ?? l.quantity, category: l.category }));
  const created = await h.post(
    '/api/orders',
    orderBody(
      c.code,
      lines.map((l, i) => ({ sku: products[i].sku, quantity: l.quantity })),
      { deliverySteps: opts.deliverySteps ?? 1 },
    ),
  );
  expect(created.status).toBe(201);
  const number: string = created.body.number;
  for (const [steps, kind] of [
    [2, 'pick'],
    [3, 'pack'],
  ] as const) {
    if ((opts.deliverySteps ?? 1) < steps) continue;
    const task = await h.openTask(number, kind);
    expect((await h.decide(task.id, 'done', 'warehouse')).status).toBe(200);
  }
  await h.waitForStatus(number, 'awaiting_delivery');
  expect((await h.post(`/api/orders/${number}/delivery-confirmation`, {})).status).toBe(200);
  await h.waitForStatus(number, 'awaiting_payment');
  const invoice = await db.invoice.findFirstOrThrow({ where: { order: { number }, kind: 'invoice' } });
  return { number, customer: { id: c.id, code: c.code }, skus: products.map((p) => p.sku), invoiceNumber: invoice.number };
}

/** A return request for the order: by default every line in full, for a replacement. */
export const returnBody = (
  order: string,
  lines: { lineNo: number; quantity: number; outcome?: 'refund' | 'replacement' | 'repair' }[],
  extra: Record<string, unknown> = {},
) => ({
  order,
  reason: 'The finish is scratched',
  lines: lines.map((l) => ({ outcome: 'replacement', ...l })),
  ...extra,
});

/** Moves the order's deliveries `days` into the past, as if the goods had arrived then. */
export async function deliveredDaysAgo(h: Harness, order: string, days: number): Promise<void> {
  await h.stores.operations.shipment.updateMany({
    where: { order: { number: order } },
    data: { deliveredAt: new Date(Date.now() - days * 86_400_000) },
  });
}
