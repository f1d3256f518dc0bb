// What a return starts from: an order delivered to the customer (and, if asked, paid), placed and
// confirmed through the API like any other.
import type { Harness } from '../support/harness';
import { customer, orderBody, product } from '../support/fixtures';

const DAY = 86_400_000;

export interface DeliveredOrderOptions {
  /** Order lines, each of its own new product (default 1). */
  lines?: number;
  /** Units per line (default 2). */
  quantity?: number;
  price?: number;
  taxPct?: number;
  /** Units in MAIN of each product before the order (default 10). */
  stock?: number;
  category?: string;
  /** Pays the invoice in full, which closes the order's process. */
  paid?: boolean;
  /** Dates the delivery this many days back (to be outside a return window). */
  deliveredDaysAgo?: number;
}

export async function deliveredOrder(h: Harness, opts: DeliveredOrderOptions = {}) {
  const db = h.stores.operations;
  const c = await customer(db);
  const products = [];
  for (let i = 0; i < (opts.lines ?? 1); i++) {
    products.push(
      await product(db, { price: opts.price ?? 100, taxPct: opts.taxPct ?? 20, stock: opts.stock ?? 10, category: opts.category }),
    );
  }
  const lines = products.map((p) => ({ sku: p.sku, quantity: opts.quantity ?? 2 }));
  const created = await h.post('/api/orders', orderBody(c.code, lines));
  if (created.status !== 201) throw new Error(`order: ${created.status} ${JSON.stringify(created.body)}`);
  const order: string = created.body.number;
  await h.waitForStatus(order, 'awaiting_delivery');
  const confirmed = await h.post(`/api/orders/${order}/delivery-confirmation`, {});
  if (confirmed.status !== 200) throw new Error(`delivery of ${order}: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  await h.waitForStatus(order, 'awaiting_payment');
  if (opts.deliveredDaysAgo) {
    await db.shipment.updateMany({
      where: { order: { number: order } },
      data: { deliveredAt: new Date(Date.now() - opts.deliveredDaysAgo * DAY) },
    });
  }
  if (opts.paid) {
    const invoice = await db.invoice.findFirstOrThrow({ where: { order: { number: order }, kind: 'invoice' } });
    const paid = await h.post(`/api/orders/${order}/payments`, { reference: `${order}-PAY`, amount: invoice.totalCents / 100 });
    if (paid.status !== 201) throw new Error(`payment of ${order}: ${paid.status} ${JSON.stringify(paid.body)}`);
    await h.waitForStatus(order, 'paid');
  }
  return { order, customer: c, product: products[0], products };
}
