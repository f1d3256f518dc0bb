// `npm run bench [-- --quick] [-- --postgres <admin url>] [-- --cluster]`: starts the whole system on free ports with
// fresh data, measures the product against bare Temporal and raw SQL on this machine, prints a
// table with each figure's goal and writes bench/results/<date>.json and bench/results/latest.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiClient } from './api-client';
import { median, say } from './measure';
import { startSystem } from './system';
import { apiOverhead } from './api-overhead';
import { clusterThroughput } from './cluster';
import type { ShapeCount } from './shape';
import { lastFreshMachine } from './fresh-machine';
import { scale, type ScaleResult } from './scale';
import { loadConfig } from '../config';
import { storeCost } from './store-cost';
import { timeScenarios } from './time-scenario';
import { learnShape, stockUp, throughputLevels, type ThroughputResult } from './throughput';

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
  scaleProcesses: num('scale-processes', 'BENCH_SCALE_PROCESSES', 10_000, 1_000),
  scaleCaches: (option('scale-caches') ?? process.env.BENCH_SCALE_CACHES ?? '250,500,2000').split(',').map(Number),
  only: (option('only') ?? process.env.BENCH_ONLY)?.split(','),
};
/** The workers' configured workflow cache size: its row carries the memory goal. */
const DEFAULT_CACHE = loadConfig({}).WORKER_MAX_CACHED_WORKFLOWS;
/** Section 1's concurrency levels, on each server. */
const THROUGHPUT_LEVELS = [SIZE.concurrency, ...(SIZE.highConcurrency ? [SIZE.highConcurrency] : [])];
const wanted = (section: string) => !SIZE.only || SIZE.only.includes(section);
// Section 1 again on a Temporal cluster with PostgreSQL stores: the local one (scripts/cluster.sh) or another server.
const TEMPORAL_ADDRESS = option('temporal-address') ?? process.env.BENCH_TEMPORAL_ADDRESS;
const ON_CLUSTER = flag('cluster') || process.env.BENCH_CLUSTER === '1' || !!TEMPORAL_ADDRESS || !!SIZE.only?.includes('cluster');
const POSTGRES = option('postgres') ?? process.env.BENCH_POSTGRES;
if (TEMPORAL_ADDRESS !== undefined && !/^[\w.-]+:\d+$/.test(TEMPORAL_ADDRESS)) throw new Error('--temporal-address must be host:port');
if (POSTGRES !== undefined && !/^postgres(ql)?:\/\//.test(POSTGRES)) throw new Error('--postgres must be a postgresql:// admin URL');

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
    say(`store cost: activity functions over Prisma against the same statements in raw SQL (SQLite${POSTGRES ? ', PostgreSQL' : ''})`);
    const ops = await storeCost({ calls: SIZE.storeCalls, repetitions: SIZE.repetitions });
    if (POSTGRES) ops.push(...(await storeCost({ calls: SIZE.storeCalls, repetitions: SIZE.repetitions, postgresAdminUrl: POSTGRES })));
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
    if (!POSTGRES)
      rows.push({ section: '3 store', figure: 'PostgreSQL (--postgres <admin url>)', value: 'not measured', goal: '≤ 1.5×', met: null });
    results.store = ops;
  }
  if (['throughput', 'api', 'time', 'scale'].some(wanted)) await systemSections(rows, results);
  if (wanted('cluster') && ON_CLUSTER) {
    say(
      `throughput on the Temporal cluster${TEMPORAL_ADDRESS ? ` at ${TEMPORAL_ADDRESS}` : ' (scripts/cluster.sh)'}, stores on PostgreSQL`,
    );
    const c = await clusterThroughput(
      {
        temporalAddress: TEMPORAL_ADDRESS,
        postgres: POSTGRES,
        levels: THROUGHPUT_LEVELS,
        orders: SIZE.orders,
        repetitions: SIZE.repetitions,
      },
      say,
    );
    rows.push(...throughputRows(c.runs, 'Temporal cluster', ' on the cluster'));
    results.cluster = c;
  } else if (wanted('cluster'))
    rows.push({
      section: '1 throughput, Temporal cluster',
      figure: 'on a Temporal cluster, PostgreSQL stores',
      value: 'not measured (--cluster)',
      goal: '≥ 0.9×',
      met: null,
    });
  if (wanted('fresh')) {
    const fresh = lastFreshMachine(); // measured apart: `npm run bench:fresh`
    rows.push({
      section: '6 fresh',
      figure: 'fresh machine to first order, s (last npm run bench:fresh)',
      value: fresh
        ? `${fresh.firstOrderS ?? 'no order'} (${fresh.date.slice(0, 16)}, load ${fresh.load.before.split(' ')[0]})`
        : 'not measured',
      goal: '≤ 120 s',
      met: fresh ? fresh.met : null,
    });
    if (fresh) results.fresh = fresh;
  }
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
    await stockUp(api);

    const counted: ShapeCount = await learnShape(api, system.client);
    say(
      `an order's history: ${counted.activities} activities, ${counted.timers} timers, ${counted.updates} updates, ${counted.localActivities} local activities (${counted.events} events)`,
    );
    if (wanted('throughput')) {
      const runs = await throughputLevels(api, system.client, counted, {
        levels: THROUGHPUT_LEVELS,
        orders: SIZE.orders,
        repetitions: SIZE.repetitions,
      });
      rows.push(...throughputRows(runs, 'dev server', ''));
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

    // Last of the sections on this system: it leaves thousands of processes waiting.
    if (wanted('scale')) {
      const r = await scale(system, {
        processes: SIZE.scaleProcesses,
        cacheSizes: SIZE.scaleCaches,
        calls: SIZE.quick ? 20 : 50,
        today: new Date().toISOString().slice(0, 10),
      });
      rows.push(...scaleRows(r));
      results.scale = r;
    }
  } finally {
    // The cluster section that may follow handles the signals for its own system.
    process.removeListener('SIGINT', stopping);
    process.removeListener('SIGTERM', stopping);
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

/** Section 1's rows for one server: per level the product's and the bare process's rate, their ratio and the create latency. */
function throughputRows(runs: ThroughputResult[], server: string, on: string): Row[] {
  const section = `1 throughput, ${server}`;
  const rows = runs.flatMap((r): Row[] => [
    {
      section,
      figure: `orders to paid/s at ${r.concurrency}${on} (product | bare)`,
      value: `${median(r.product.perSecond).toFixed(2)} | ${median(r.bare.perSecond).toFixed(2)}`,
      goal: '',
      met: null,
    },
    { section, figure: `product / bare at ${r.concurrency}${on}`, value: `${r.ratio.toFixed(2)}×`, goal: '≥ 0.9×', met: r.ratio >= 0.9 },
    {
      section,
      figure: `create p50 / p95 at ${r.concurrency}${on} (product | bare), ms`,
      value: `${r.product.createP50.toFixed(0)} / ${r.product.createP95.toFixed(0)} | ${r.bare.createP50.toFixed(0)} / ${r.bare.createP95.toFixed(0)}`,
      goal: '',
      met: null,
    },
  ]);
  if (!SIZE.highConcurrency)
    rows.push({ section, figure: `at 50 concurrent${on}`, value: 'not measured (--quick)', goal: '≥ 0.9×', met: null });
  return rows;
}

function scaleRows(r: ScaleResult): Row[] {
  const n = r.processes.toLocaleString('en');
  const ms = (l: { p50: number; p95: number }) => `${l.p50.toFixed(0)} / ${l.p95.toFixed(0)}`;
  // The goal is the configured size's; when that size was not measured, each measured size's.
  const goalFor = (c: ScaleResult['caches'][number]) =>
    c.cacheSize === DEFAULT_CACHE || !r.caches.some((x) => x.cacheSize === DEFAULT_CACHE);
  const rows: Row[] = [
    {
      section: '5 scale',
      figure: `${n} orders started and waiting on an approver, s`,
      value: r.startSeconds.toFixed(0),
      goal: '',
      met: null,
    },
    { section: '5 scale', figure: `GET /api/tasks (approver, first page) p50 / p95 at ${n}, ms`, value: ms(r.inbox), goal: '', met: null },
    ...r.searches.map((s) => ({
      section: '5 scale',
      figure: `GET /api/processes?${s.query} p50 / p95, ms`,
      value: ms(s),
      goal: '',
      met: null,
    })),
  ];
  for (const c of r.caches) {
    const evicted = c.decideEvictedMs.length ? median(c.decideEvictedMs).toFixed(0) : '–';
    rows.push(
      {
        section: '5 scale',
        figure: `worker RSS, cache ${c.cacheSize}, all ${n} queried, MiB`,
        value: `${c.rssTouchedMiB.toFixed(0)} (started ${c.rssStartedMiB.toFixed(0)}, decided ${c.rssAfterDecisionsMiB.toFixed(0)})`,
        goal: goalFor(c) ? '≤ 1024 MiB' : '',
        met: goalFor(c) ? Math.max(c.rssTouchedMiB, c.rssAfterDecisionsMiB) <= 1024 : null,
      },
      {
        section: '5 scale',
        figure: `decide a credit hold, cache ${c.cacheSize}: cached | evicted, ms`,
        value: `${median(c.decideCachedMs).toFixed(0)} | ${evicted}`,
        goal: '',
        met: null,
      },
    );
  }
  return rows;
}

function report(rows: Row[], results: Record<string, unknown>) {
  const cols = [
    ['section', 30],
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
