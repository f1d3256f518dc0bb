// Order throughput against a running system (`npm start` in another terminal):
//   npx tsx bench/orders.ts [orders=50] [concurrency=10]
// Each order is created, shipped by the process, confirmed delivered and paid through the API.
// Prints the API latency of each call kind and the end-to-end time per order (p50/p95/max).
const API = process.env.BENCH_API ?? 'http://127.0.0.1:3000/api';
const KEY = process.env.BENCH_API_KEY ?? 'operator-key';
const total = Number(process.argv[2] ?? 50);
const concurrency = Number(process.argv[3] ?? 10);

const timings: Record<string, number[]> = {};
async function call(kind: string, method: string, path: string, body?: unknown): Promise<any> {
  const started = performance.now();
  const res = await fetch(`${API}${path}`, {
    method,
    headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  (timings[kind] ??= []).push(performance.now() - started);
  const json = (await res.json()) as any;
  if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function until(path: string, status: string) {
  for (let i = 0; i < 600; i++) {
    const o = await call('poll', 'GET', path);
    if (o.status === status) return o;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${path} never reached ${status}`);
}

async function oneOrder(i: number): Promise<number> {
  const started = performance.now();
  const order = await call('create order', 'POST', '/orders', {
    customer: `C-${String((i % 60) + 1).padStart(4, '0')}`,
    requestedDate: new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10),
    lines: [{ sku: `GD-${String((i % 100) + 1).padStart(3, '0')}`, quantity: 1 }],
  });
  const shipped = await until(`/orders/${order.number}`, 'awaiting_delivery').catch(async () =>
    until(`/orders/${order.number}`, 'credit_hold'),
  );
  if (shipped.status !== 'awaiting_delivery') return -1; // over its credit limit: a person decides, not part of the measurement
  await call('confirm delivery', 'POST', `/orders/${order.number}/delivery-confirmation`, {});
  const invoiced = await until(`/orders/${order.number}`, 'awaiting_payment');
  await call('record payment', 'POST', `/orders/${order.number}/payments`, {
    reference: `BENCH-${order.number}`,
    amount: invoiced.invoices[0].outstanding,
  });
  await until(`/orders/${order.number}`, 'paid');
  return performance.now() - started;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const fmt = (xs: number[]) =>
  `n=${xs.length} p50=${pct(xs, 0.5).toFixed(0)} ms p95=${pct(xs, 0.95).toFixed(0)} ms max=${Math.max(...xs).toFixed(0)} ms`;

async function main() {
  console.log(`${total} orders, ${concurrency} at a time, against ${API}`);
  const e2e: number[] = [];
  let next = 0;
  let skipped = 0;
  const wallStart = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const ms = await oneOrder(i);
        if (ms < 0) skipped++;
        else e2e.push(ms);
        if ((e2e.length + skipped) % 10 === 0) process.stdout.write(`  ${e2e.length + skipped}/${total} done\n`);
      }
    }),
  );
  const wall = (performance.now() - wallStart) / 1000;
  console.log(`\norder to paid (4 API calls + polling): ${fmt(e2e)}`);
  for (const [kind, xs] of Object.entries(timings)) if (kind !== 'poll') console.log(`${kind.padEnd(17)} ${fmt(xs)}`);
  console.log(
    `throughput: ${(e2e.length / wall).toFixed(1)} orders/s to paid (${skipped} held for credit and left aside), wall ${wall.toFixed(1)} s`,
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
