// Section 2: processes started per second through Express (POST /api/orders: the order's rows, then
// its process) against the start of the bare process of the same shape through the Temporal client,
// at 1, 16 and 64 concurrent clients, each sending its next start as soon as the last one answered.
import type { Client } from '@temporalio/client';
import { BARE_TASK_QUEUE, bareOrder, bareStatusQuery, type BareShape } from './bare/workflow';
import type { ApiClient } from './api-client';
import { median, percentile, pool, say, until } from './measure';
import { orderBody } from './throughput';

export interface LevelResult {
  clients: number;
  starts: number;
  product: { perSecond: number[]; p50: number; p95: number; p99: number };
  bare: { perSecond: number[]; p50: number; p95: number; p99: number };
  ratio: number;
}

let seq = 0;

export async function apiOverhead(
  api: ApiClient,
  client: Client,
  shape: BareShape,
  opts: { levels: number[]; starts: number; repetitions: number },
): Promise<LevelResult[]> {
  const results: LevelResult[] = [];
  for (const clients of opts.levels) {
    const starts = Math.max(opts.starts, clients);
    const side = () => ({ perSecond: [] as number[], latencies: [] as number[], last: [] as (() => Promise<string>)[] });
    const product = side();
    const bare = side();
    const round = async (s: ReturnType<typeof side>, start: (i: number) => Promise<() => Promise<string>>, keep: boolean) => {
      const latencies: number[] = [];
      const reads: (() => Promise<string>)[] = [];
      const wall = await pool(starts, clients, async (i) => {
        const t = performance.now();
        reads.push(await start(i));
        latencies.push(performance.now() - t);
      });
      // The started processes run their first steps after answering; let them settle so the next
      // round does not pay for this one's.
      await Promise.all(reads.map((read) => until(read, 'awaiting_delivery', 200, 300_000)));
      if (!keep) return;
      s.perSecond.push(starts / wall);
      s.latencies.push(...latencies);
    };
    const startProduct = async (i: number) => {
      const o = await api.call('POST', '/orders', orderBody(i));
      return async () => (await api.call('GET', `/orders/${o.number}`)).status as string;
    };
    const startBare = async (i: number) => {
      const h = await client.workflow.start(bareOrder, {
        taskQueue: BARE_TASK_QUEUE,
        workflowId: `bench-start-${process.pid}-${seq++}`,
        args: [shape, JSON.stringify(orderBody(i))],
      });
      return () => h.query(bareStatusQuery);
    };
    say(`starts at ${clients} concurrent clients: warm-up`);
    await round(product, startProduct, false);
    await round(bare, startBare, false);
    for (let r = 0; r < opts.repetitions; r++) {
      await round(product, startProduct, true);
      await round(bare, startBare, true);
      say(
        `  repetition ${r + 1}/${opts.repetitions} at ${clients}: product ${product.perSecond.at(-1)!.toFixed(1)}/s, bare ${bare.perSecond.at(-1)!.toFixed(1)}/s`,
      );
    }
    const summary = (s: ReturnType<typeof side>) => ({
      perSecond: s.perSecond,
      p50: median(s.latencies),
      p95: percentile(s.latencies, 0.95),
      p99: percentile(s.latencies, 0.99),
    });
    results.push({
      clients,
      starts,
      product: summary(product),
      bare: summary(bare),
      ratio: median(product.perSecond) / median(bare.perSecond),
    });
  }
  return results;
}
