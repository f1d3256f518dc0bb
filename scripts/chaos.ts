// Chaos run: `npx tsx scripts/chaos.ts --processes 200` (or `npm run chaos -- --processes 40`).
// Starts the whole system as separate OS processes on free ports with fresh data, drives orders,
// requisitions (with their purchase orders) and service tickets through the API while partners
// fail and the workers, the Temporal server and the API are killed and restarted, then drives every
// process to its end and checks outcomes, duplicates and invariants. Exits 1 on any of them.
// SQLite by default; PostgreSQL when OPERATIONS_DATABASE_URL / PRODUCTION_DATABASE_URL point there
// (fresh databases named after the run are created beside them and dropped afterwards).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { closeStores, openStores } from '../db/clients';
import { dropPostgresDatabase, ensurePostgresDatabase } from '../db/postgres-admin';
import { findDuplicates, findHistoryDuplicates, findViolations, type Finding } from './chaos/checks';
import { Api, apiUsers, sleep } from './chaos/client';
import { Component, freePort, runScript, tsx } from './chaos/cluster';
import { ORDER_SKUS, driveOrder, planOrder } from './chaos/orders';
import { driveRequisition, planRequisition } from './chaos/requisitions';
import type { DriveContext, Kind, Run } from './chaos/run';
import { TICKET_CUSTOMERS, driveTicket, planTicket } from './chaos/tickets';
import { temporalCli } from './temporal-binaries';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const PROCESSES = arg('processes', 200);
const DRIVE_SECONDS = arg('timeout', 900); // every process must end within this after the first start
const KEEP = process.argv.includes('--keep');
const SUPPLIERS = Array.from({ length: 12 }, (_, i) => `S-${String(i + 1).padStart(3, '0')}`);
const started = Date.now();
const say = (m: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}`);

async function databases(dataDir: string, stamp: string) {
  const fromEnv = { operations: process.env.OPERATIONS_DATABASE_URL, production: process.env.PRODUCTION_DATABASE_URL };
  const fresh = (url: string | undefined, store: string) => {
    if (!url?.startsWith('postgres')) return `file:${path.join(dataDir, `${store}.db`)}`;
    const u = new URL(url);
    u.pathname = `/chaos_${stamp}_${store}`;
    return u.toString();
  };
  const urls = { operations: fresh(fromEnv.operations, 'operations'), production: fresh(fromEnv.production, 'production') };
  for (const url of Object.values(urls)) if (url.startsWith('postgres')) await ensurePostgresDatabase(url);
  return urls;
}

async function main() {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `chaos-${stamp}-`));
  const urls = await databases(dataDir, stamp);
  const [temporalPort, apiPort, simulatorPort, uiPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  say(`${PROCESSES} processes; data in ${dataDir}; ${urls.operations.startsWith('postgres') ? 'PostgreSQL' : 'SQLite'}; logs there too`);

  const components: Component[] = [];
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    for (const c of [...components].reverse()) await c.stop('SIGTERM').catch(() => undefined);
    if (!KEEP) for (const url of Object.values(urls)) if (url.startsWith('postgres')) await dropPostgresDatabase(url).catch(() => undefined);
  };
  process.once('SIGINT', () => { say('interrupted; stopping everything'); void stopAll().then(() => process.exit(130)); });
  process.once('SIGTERM', () => void stopAll().then(() => process.exit(143)));

  try {
    const bundling = bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: quietLogger }).then((b) => {
      const file = path.join(dataDir, 'workflows.js');
      fs.writeFileSync(file, b.code);
      return file;
    });
    const env: NodeJS.ProcessEnv = {
      ...process.env, DATA_DIR: dataDir, API_PORT: String(apiPort), SIMULATOR_PORT: String(simulatorPort), TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
      TEMPORAL_UI_PORT: String(uiPort), OPERATIONS_DATABASE_URL: urls.operations, PRODUCTION_DATABASE_URL: urls.production,
      API_USERS: apiUsers(TICKET_CUSTOMERS), LOG_LEVEL: 'warn',
    };
    const add = (c: Component) => (components.push(c), c);
    const temporal = add(new Component({
      name: 'temporal', command: temporalCli(), port: temporalPort,
      args: ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(temporalPort), '--headless', '--db-filename', path.join(dataDir, 'temporal.db'), '--log-level', 'error'],
    }, env, dataDir));
    const simulators = add(new Component({ name: 'simulators', ...tsx('scripts/start-simulators.ts'), port: simulatorPort }, env, dataDir));
    await Promise.all([temporal.start(), simulators.start()]);
    say('Temporal dev server and partner simulators up; migrating and seeding');
    await runScript('scripts/db.ts', env, ['deploy']);
    await runScript('scripts/seed.ts', env);
    env.WORKFLOW_BUNDLE = await bundling;
    const workers = add(new Component({ name: 'workers', ...tsx('scripts/chaos/workers.ts'), readyLine: 'workers running' }, env, dataDir));
    const api = add(new Component({ name: 'api', ...tsx('scripts/start-api.ts'), port: apiPort }, env, dataDir));
    await Promise.all([workers.start(), api.start()]);
    say(`system up (API http://127.0.0.1:${apiPort}/api, Temporal 127.0.0.1:${temporalPort})`);

    const client = new Api(`http://127.0.0.1:${apiPort}`);
    const stock = await client.post('/stock/receipts', { reference: `CHAOS-STOCK-${stamp}`, lines: ORDER_SKUS.map((sku) => ({ sku, quantity: 100_000 })) }, 'operator');
    if (stock.status >= 300) throw new Error(`stock receipt refused: ${stock.status} ${JSON.stringify(stock.body)}`);

    const runs = plan(PROCESSES);
    const ctx: DriveContext = { api: client, deadline: Date.now() + DRIVE_SECONDS * 1000, pollMs: 1500 + PROCESSES * 10, today: new Date().toISOString().slice(0, 10) };
    const faults = { order: 0, requisition: 0, ticket: 0, system: 0 };
    const control = async (party: string, body: object, kind: 'order' | 'requisition') => {
      const res = await fetch(`http://127.0.0.1:${simulatorPort}/control/${party}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`control ${party} → ${res.status}`);
      faults[kind]++;
    };
    const system = async (what: string, act: () => Promise<void>) => {
      const t = Date.now();
      await act();
      faults.system++;
      say(`${what} (back after ${((Date.now() - t) / 1000).toFixed(1)} s)`);
    };
    // The same schedule at every size: partner faults, workers killed three times, Temporal restarted, API killed.
    const schedule: [number, () => Promise<void>][] = [
      [3, async () => { await control('carriers/SWIFT', { failNext: 4 }, 'order'); for (const s of SUPPLIERS) await control(`suppliers/${s}`, { failNext: 2 }, 'requisition'); say('partners: carrier fails its next 4 calls, every supplier its next 2'); }],
      [15, () => system('workers SIGKILLed and restarted (1/3)', () => workers.restart('SIGKILL'))],
      [30, () => system('Temporal dev server restarted', () => temporal.restart('SIGTERM'))],
      [45, async () => { await control('carriers/SWIFT', { downForMs: 20_000 }, 'order'); say('partners: carrier down for 20 s'); await system('workers SIGKILLed and restarted (2/3)', () => workers.restart('SIGKILL')); }],
      [60, async () => { for (const s of SUPPLIERS.slice(0, 4)) await control(`suppliers/${s}`, { downForMs: 25_000 }, 'requisition'); say('partners: suppliers S-001..S-004 down for 25 s'); await system('API SIGKILLed and restarted', () => api.restart('SIGKILL')); }],
      [75, () => system('workers SIGKILLed and restarted (3/3)', () => workers.restart('SIGKILL'))],
    ];
    const t0 = Date.now();
    const chaos = (async () => { for (const [at, act] of schedule) { await sleep(Math.max(0, t0 + at * 1000 - Date.now())); if (!stopping) await act(); } })();
    const progress = setInterval(() => say(progressLine(runs, client)), 10_000);
    const drivers = runs.map(async (run, i) => {
      await sleep(i * (20_000 / runs.length)); // creations spread over the first 20 s
      await (run.kind === 'order' ? driveOrder : run.kind === 'requisition' ? driveRequisition : driveTicket)(ctx, run);
    });
    await chaos;
    await Promise.all(drivers);
    clearInterval(progress);
    say(`driving done: ${progressLine(runs, client)}; checking`);

    const stores = await openStores(urls);
    let duplicates: Finding[];
    let violations: string[];
    try {
      duplicates = [...(await findDuplicates(stores.operations)), ...(await findHistoryDuplicates(client, runs))];
      violations = await findViolations(stores.operations);
    } finally {
      await closeStores(stores);
    }
    const unexpected = components.filter((c) => c.unexpectedExits > 0).map((c) => `${c.spec.name} exited on its own ${c.unexpectedExits} time(s)`);
    const failed = report(runs, faults, duplicates, violations, unexpected);
    say(`wall time ${((Date.now() - started) / 1000).toFixed(0)} s; ${client.requests} API requests`);
    await stopAll();
    if (KEEP) say(`kept ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(failed ? 1 : 0);
  } catch (e) {
    console.error(e instanceof Error ? e.stack : e);
    console.error(`logs kept in ${dataDir}`);
    await stopAll();
    process.exit(2);
  }
}

const quietLogger = { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } as never;

/** Roughly 40 % orders, 30 % requisitions, 30 % tickets, interleaved so each kind runs throughout. */
function plan(n: number): Run[] {
  const counters = { order: 0, requisition: 0, ticket: 0 };
  return Array.from({ length: n }, (_, i) => {
    const kind: Kind = ['order', 'requisition', 'ticket', 'order', 'requisition', 'ticket', 'order', 'requisition', 'ticket', 'order'][i % 10] as Kind;
    const index = counters[kind]++;
    return kind === 'order' ? planOrder(index) : kind === 'requisition' ? planRequisition(index) : planTicket(index);
  });
}

function progressLine(runs: Run[], api: Api): string {
  const kinds: Kind[] = ['order', 'requisition', 'ticket'];
  return kinds.map((k) => {
    const of = runs.filter((r) => r.kind === k);
    return `${k}s ${of.filter((r) => r.finished).length}/${of.length} ended (${of.filter((r) => r.number).length} started)`;
  }).join(', ') + `; ${api.requests} requests, ${api.refused} refused connections`;
}

function report(runs: Run[], faults: Record<string, number>, duplicates: Finding[], violations: string[], unexpected: string[]): boolean {
  const rows = (['order', 'requisition', 'ticket'] as Kind[]).map((k) => {
    const of = runs.filter((r) => r.kind === k);
    return [k, of.length, of.filter((r) => r.number).length, of.filter((r) => r.finished).length,
      `${of.filter((r) => r.outcome === r.expected).length}/${of.length}`, faults[k], of.reduce((s, r) => s + r.duplicateCalls, 0),
      duplicates.filter((d) => d.kind === k).length + of.reduce((s, r) => s + r.anomalies.length, 0), '-'];
  });
  rows.push(['system', '-', '-', '-', '-', faults.system, '-', duplicates.filter((d) => d.kind === 'store').length, violations.length]);
  const head = ['kind', 'planned', 'started', 'completed', 'expected outcome met', 'faults injected', 'duplicate calls sent', 'duplicates', 'violations'];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: unknown[]) => cells.map((c, i) => String(c).padEnd(width[i])).join(' | ');
  console.log(`\n${line(head)}\n${width.map((w) => '-'.repeat(w)).join('-|-')}\n${rows.map(line).join('\n')}\n`);
  const missed = runs.filter((r) => r.outcome !== r.expected);
  for (const r of missed.slice(0, 30)) console.log(`  ${r.kind} ${r.number ?? `#${r.index}`} (${r.plan}): expected ${r.expected}, got ${r.outcome ?? r.error ?? 'nothing'}`);
  if (missed.length > 30) console.log(`  … and ${missed.length - 30} more`);
  for (const r of runs) for (const a of r.anomalies) console.log(`  ${r.kind} ${r.number} (${r.plan}): ${a}`);
  for (const d of duplicates.slice(0, 40)) console.log(`  duplicate (${d.kind}): ${d.what}`);
  if (duplicates.length > 40) console.log(`  … and ${duplicates.length - 40} more duplicates`);
  for (const v of violations) console.log(`  violation: ${v}`);
  for (const u of unexpected) console.log(`  note: ${u}`);
  const failed = missed.length > 0 || duplicates.length > 0 || violations.length > 0 || runs.some((r) => r.anomalies.length > 0);
  console.log(failed ? 'CHAOS RUN FAILED' : 'CHAOS RUN PASSED: every process ended as its inputs call for, nothing written twice, invariants hold');
  return failed;
}

main();
