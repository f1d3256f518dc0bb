// Section 1: orders driven to paid through the API, against the bare-Temporal process of the same
// shape driven the same way (start, wait, update, wait, update, wait; polls every 50 ms) through
// the Temporal client.
import type { Client } from '@temporalio/client';
import { BARE_TASK_QUEUE, bareDeliveryUpdate, barePaymentUpdate, bareOrder, bareStatusQuery, type BareShape } from './bare/workflow';
import type { ApiClient } from './api-client';
import { median, percentile, pool, say, until } from './measure';
import { orderWorkflowId } from '../workflows/order/messages';
import { orderShape, type ShapeCount } from './shape';

// Platinum customers: their credit limit never holds a one-unit order, so every order runs straight to paid.
const CUSTOMERS = ['C-0010', 'C-0020', 'C-0030', 'C-0040', 'C-0050', 'C-0060'];
export const SKUS = Array.from({ length: 20 }, (_, i) => `GD-${String(i + 1).padStart(3, '0')}`);
const POLL_MS = 50;

/** Stocks every product the orders use far beyond what a run takes, so no order waits on a backorder. */
export async function stockUp(api: ApiClient): Promise<void> {
  await api.call('POST', '/stock/receipts', {
    reference: `BENCH-STOCK-${Date.now()}`,
    lines: SKUS.map((sku) => ({ sku, quantity: 1_000_000 })),
  });
}
let seq = 0;

export const orderBody = (i: number) => ({
  customer: CUSTOMERS[i % CUSTOMERS.length],
  requestedDate: new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10),
  lines: [{ sku: SKUS[i % SKUS.length], quantity: 1 }],
});

/** One order from creation to paid through the API; returns the create call's latency (ms) and the number. */
export async function productOrder(api: ApiClient, i: number): Promise<{ createMs: number; number: string }> {
  const t = performance.now();
  const order = await api.call('POST', '/orders', orderBody(i));
  const createMs = performance.now() - t;
  // The last view read is kept: the payment is for the invoice's outstanding amount, as a client would read it.
  let view: { status: string; invoices: { outstanding: number }[] } | undefined;
  const read = async () => {
    const v: { status: string; invoices: { outstanding: number }[] } = await api.call('GET', `/orders/${order.number}`);
    view = v;
    return v.status;
  };
  await until(read, 'awaiting_delivery', POLL_MS);
  await api.call('POST', `/orders/${order.number}/delivery-confirmation`, {});
  await until(read, 'awaiting_payment', POLL_MS);
  await api.call('POST', `/orders/${order.number}/payments`, { reference: `BENCH-${order.number}`, amount: view!.invoices[0].outstanding });
  await until(read, 'paid', POLL_MS);
  return { createMs, number: order.number };
}

export async function bareOrderRun(client: Client, shape: BareShape, i: number): Promise<{ createMs: number }> {
  const t = performance.now();
  const handle = await client.workflow.start(bareOrder, {
    taskQueue: BARE_TASK_QUEUE,
    workflowId: `bench-bare-${process.pid}-${seq++}`,
    args: [shape, JSON.stringify(orderBody(i))],
  });
  const createMs = performance.now() - t;
  const read = () => handle.query(bareStatusQuery);
  await until(read, 'awaiting_delivery', POLL_MS);
  await handle.executeUpdate(bareDeliveryUpdate);
  await until(read, 'awaiting_payment', POLL_MS);
  await handle.executeUpdate(barePaymentUpdate, { args: [1] });
  await until(read, 'paid', POLL_MS);
  return { createMs };
}

export interface ThroughputResult {
  concurrency: number;
  orders: number;
  repetitions: number;
  shape: Omit<ShapeCount, 'shape'> & { stages: BareShape };
  product: { perSecond: number[]; createP50: number; createP95: number };
  bare: { perSecond: number[]; createP50: number; createP95: number };
  ratio: number;
}

/** Drives one order to learn the order's shape (also warms the API, workers and database up). */
export async function learnShape(api: ApiClient, client: Client): Promise<ShapeCount> {
  const { number } = await productOrder(api, 0);
  return orderShape(client, orderWorkflowId(number));
}

export async function throughput(
  api: ApiClient,
  client: Client,
  counted: ShapeCount,
  opts: { orders: number; concurrency: number; repetitions: number; warmup: number },
): Promise<ThroughputResult> {
  const product = { perSecond: [] as number[], create: [] as number[] };
  const bare = { perSecond: [] as number[], create: [] as number[] };
  const runProduct = (n: number, keep: boolean) =>
    pool(n, opts.concurrency, async (i) => {
      const r = await productOrder(api, i);
      if (keep) product.create.push(r.createMs);
    });
  const runBare = (n: number, keep: boolean) =>
    pool(n, opts.concurrency, async (i) => {
      const r = await bareOrderRun(client, counted.shape, i);
      if (keep) bare.create.push(r.createMs);
    });
  say(`throughput at ${opts.concurrency}: warm-up (${opts.warmup} of each)`);
  await runProduct(opts.warmup, false);
  await runBare(opts.warmup, false);
  // Interleaved, so a slow spell of the machine weighs on both sides alike.
  for (let r = 0; r < opts.repetitions; r++) {
    const p = opts.orders / (await runProduct(opts.orders, true));
    const b = opts.orders / (await runBare(opts.orders, true));
    product.perSecond.push(p);
    bare.perSecond.push(b);
    say(`  repetition ${r + 1}/${opts.repetitions} at ${opts.concurrency}: product ${p.toFixed(2)}/s, bare ${b.toFixed(2)}/s`);
  }
  const summary = (s: typeof product) => ({
    perSecond: s.perSecond,
    createP50: median(s.create),
    createP95: percentile(s.create, 0.95),
  });
  const { shape, ...counts } = counted;
  return {
    concurrency: opts.concurrency,
    orders: opts.orders,
    repetitions: opts.repetitions,
    shape: { ...counts, stages: shape },
    product: summary(product),
    bare: summary(bare),
    ratio: median(product.perSecond) / median(bare.perSecond),
  };
}

/** Section 1 at each concurrency level: at least twice the level in orders, warmed up with one round of the level. */
export async function throughputLevels(
  api: ApiClient,
  client: Client,
  counted: ShapeCount,
  opts: { levels: number[]; orders: number; repetitions: number },
): Promise<ThroughputResult[]> {
  const runs: ThroughputResult[] = [];
  for (const concurrency of opts.levels) {
    const orders = Math.max(opts.orders, concurrency * 2);
    runs.push(
      await throughput(api, client, counted, { orders, concurrency, repetitions: opts.repetitions, warmup: Math.min(orders, concurrency) }),
    );
  }
  return runs;
}
