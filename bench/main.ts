// `npm run bench [-- --quick] [-- --postgres <admin url>]`: starts the whole system on free ports with
// fresh data, measures the product against bare Temporal and raw SQL on this machine, prints a
// table with each figure's goal and writes bench/results/<date>.json and bench/results/latest.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiClient } from './api-client';
import { median, say } from './measure';
import { startSystem } from './system';
import { apiOverhead } from './api-overhead';
import type { ShapeCount } from './shape';
import { storeCost } from './store-cost';
import { timeScenarios } from './time-scenario';
import { SKUS, learnShape, throughput, type ThroughputResult } from './throughput';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const QUICK = flag('quick') || process.env.BENCH_QUICK === '1';
const num = (name: string, env: string, full: number, quick: number) => Number(option(name) ?? process.env[env] ?? (QUICK ? quick : full));
export const SIZE = {
  quick: QUICK,
  orders: num('orders', 'BENCH_ORDERS', 100, 20),
  repetitions: num('repetitions', 'BENCH_REPETITIONS', 5, 3),
  concurrency: num('concurrency', 'BENCH_CONCURRENCY', 10, 10),
  highConcurrency: num('high-concurrency', 'BENCH_HIGH_CONCURRENCY', 50, 0),
  starts: num('starts', 'BENCH_STARTS', 256, 16),
  storeCalls: num('store-calls', 'BENCH_STORE_CALLS', 200, 50),
  only: (option('only') ?? process.env.BENCH_ONLY)?.split(','),
};
const wanted = (section: string) => !SIZE.only || SIZE.only.includes(section);

interface Row {
  section: string;
  figure: string;
  value: string;
  goal: string;
  met: boolean | null;
}

async function main() {
  say(
    `benchmark (${SIZE.quick ? 'quick' : 'full'}): ${JSON.stringify(SIZE)} on ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`,
  );
  const rows: Row[] = [];
  const results: Record<string, unknown> = {};

  if (wanted('store')) {
    const postgres = option('postgres') ?? process.env.BENCH_POSTGRES;
    say(`store cost: activity functions over Prisma against the same statements in raw SQL (SQLite${postgres ? ', PostgreSQL' : ''})`);
    const ops = await storeCost({ calls: SIZE.storeCalls, repetitions: SIZE.repetitions });
    if (postgres) ops.push(...(await storeCost({ calls: SIZE.storeCalls, repetitions: SIZE.repetitions, postgresAdminUrl: postgres })));
    for (const o of ops) {
      const db = o.database === 'sqlite' ? 'SQLite' : 'PostgreSQL';
      rows.push(
        {
          section: '3 store',
          figure: `${db} ${o.operation}, ms per call (Prisma | raw SQL)`,
          value: `${median(o.prismaMs).toFixed(2)} | ${median(o.rawMs).toFixed(2)}`,
          goal: '',
          met: null,
        },
        {
          section: '3 store',
          figure: `${db} ${o.operation}, Prisma / raw SQL`,
          value: `${o.ratio.toFixed(2)}×`,
          goal: '≤ 1.5×',
          met: o.ratio <= 1.5,
        },
      );
    }
    if (!postgres)
      rows.push({ section: '3 store', figure: 'PostgreSQL (--postgres <admin url>)', value: 'not measured', goal: '≤ 1.5×', met: null });
    results.store = ops;
  }
  if (['throughput', 'api', 'time'].some(wanted)) await systemSections(rows, results);
  rows.push({
    section: '5 scale',
    figure: '10,000 open processes: worker RSS, inbox and search latency',
    value: 'not measured',
    goal: '',
    met: null,
  });
  report(rows, results);
}

/** The sections that need the system running (the time-skipping section reuses its workflow bundle). */
async function systemSections(rows: Row[], results: Record<string, unknown>) {
  const system = await startSystem(say);
  const stopping = () => void system.stop().then(() => process.exit(130));
  process.once('SIGINT', stopping);
  process.once('SIGTERM', stopping);
  try {
    const api = new ApiClient(system.api);
    await api.call('POST', '/stock/receipts', {
      reference: `BENCH-STOCK-${Date.now()}`,
      lines: SKUS.map((sku) => ({ sku, quantity: 1_000_000 })),
    });

    const counted: ShapeCount = await learnShape(api, system.client);
    say(
      `an order's history: ${counted.activities} activities, ${counted.timers} timers, ${counted.updates} updates, ${counted.localActivities} local activities (${counted.events} events)`,
    );
    if (wanted('throughput')) {
      const levels = [SIZE.concurrency, ...(SIZE.highConcurrency ? [SIZE.highConcurrency] : [])];
      const runs: ThroughputResult[] = [];
      for (const concurrency of levels) {
        const orders = Math.max(SIZE.orders, concurrency * 2);
        const r = await throughput(api, system.client, counted, {
          orders,
          concurrency,
          repetitions: SIZE.repetitions,
          warmup: Math.min(orders, concurrency),
        });
        runs.push(r);
        const p = median(r.product.perSecond);
        const b = median(r.bare.perSecond);
        rows.push(
          { section: '1 throughput', figure: `orders to paid/s at ${concurrency} (product)`, value: p.toFixed(2), goal: '', met: null },
          { section: '1 throughput', figure: `same shape, bare Temporal/s at ${concurrency}`, value: b.toFixed(2), goal: '', met: null },
          {
            section: '1 throughput',
            figure: `product / bare at ${concurrency}`,
            value: `${r.ratio.toFixed(2)}×`,
            goal: '≥ 0.9×',
            met: r.ratio >= 0.9,
          },
          {
            section: '1 throughput',
            figure: `create p50 / p95 at ${concurrency} (product | bare), ms`,
            value: `${r.product.createP50.toFixed(0)} / ${r.product.createP95.toFixed(0)} | ${r.bare.createP50.toFixed(0)} / ${r.bare.createP95.toFixed(0)}`,
            goal: '',
            met: null,
          },
        );
      }
      if (!SIZE.highConcurrency)
        rows.push({ section: '1 throughput', figure: 'at 50 concurrent', value: 'not measured (--quick)', goal: '≥ 0.9×', met: null });
      results.throughput = runs;
    }

    if (wanted('api')) {
      const levels = await apiOverhead(api, system.client, counted.shape, {
        levels: [1, 16, 64],
        starts: SIZE.starts,
        repetitions: SIZE.repetitions,
      });
      for (const l of levels) {
        const ms = (s: { p50: number; p95: number; p99: number }) => `${s.p50.toFixed(0)} / ${s.p95.toFixed(0)} / ${s.p99.toFixed(0)}`;
        rows.push(
          {
            section: '2 API',
            figure: `starts/s at ${l.clients} clients (API | Temporal client)`,
            value: `${median(l.product.perSecond).toFixed(1)} | ${median(l.bare.perSecond).toFixed(1)}`,
            goal: '',
            met: null,
          },
          {
            section: '2 API',
            figure: `API / Temporal client at ${l.clients}`,
            value: `${l.ratio.toFixed(2)}×`,
            goal: '≥ 0.9×',
            met: l.ratio >= 0.9,
          },
          {
            section: '2 API',
            figure: `start p50/p95/p99 at ${l.clients} (API | Temporal), ms`,
            value: `${ms(l.product)} | ${ms(l.bare)}`,
            goal: l.clients === 64 ? 'API p99 ≤ 2× p50' : '',
            met: l.clients === 64 ? l.product.p99 <= 2 * l.product.p50 : null,
          },
        );
      }
      results.apiOverhead = levels;
    }
  } finally {
    await system.stop();
  }

  if (wanted('time')) {
    say('a month of business time on the time-skipping server');
    const scenarios = await timeScenarios(system.workflowBundle, SIZE.repetitions, say);
    for (const s of scenarios)
      rows.push({ section: '4 time', figure: `${s.scenario}, wall s`, value: median(s.seconds).toFixed(2), goal: '', met: null });
    const total = scenarios.reduce((a, s) => a + median(s.seconds), 0);
    rows.push({ section: '4 time', figure: 'the month, both scenarios, wall s', value: total.toFixed(2), goal: '< 5 s', met: total < 5 });
    results.time = scenarios;
  }
}

function report(rows: Row[], results: Record<string, unknown>) {
  const cols = [
    ['section', 14],
    ['figure', 62],
    ['value', 40],
    ['goal', 18],
  ] as const;
  const line = (r: Record<string, string>) => cols.map(([k, w]) => String(r[k]).padEnd(w)).join(' ') + ' ' + r.met;
  console.log('\n' + line({ section: 'section', figure: 'figure', value: 'value', goal: 'goal', met: 'met' }));
  // In section order, whatever order the sections ran in.
  rows.sort((a, b) => a.section.localeCompare(b.section));
  for (const r of rows) console.log(line({ ...r, met: r.met === null ? '' : r.met ? 'yes' : 'NO' }));
  const dir = path.join(__dirname, 'results');
  fs.mkdirSync(dir, { recursive: true });
  const doc = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadAverage1m: os.loadavg()[0], node: process.version },
    size: SIZE,
    rows,
    results,
  };
  const file = path.join(dir, `${doc.at.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
  fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(doc, null, 2) + '\n');
  console.log(`\nresults written to ${path.relative(process.cwd(), file)} and bench/results/latest.json`);
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
