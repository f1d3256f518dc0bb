// Chaos run: `npx tsx scripts/chaos.ts --processes 200` (or `npm run chaos -- --processes 40`).
// Starts the whole system as separate OS processes on free ports with fresh data, drives orders
// (some partly returned once paid), requisitions (with their purchase orders), service tickets and
// manufacturing orders through the API while partners fail and the workers, the Temporal server
// and the API are killed and restarted, then drives every process to its end and checks outcomes,
// duplicates and invariants. Exits 1 on any of them.
// SQLite by default; PostgreSQL when OPERATIONS_DATABASE_URL / PRODUCTION_DATABASE_URL point there
// (fresh databases named after the run are created beside them and dropped afterwards).
// `--temporal-address host:port` runs on an external server (a cluster, scripts/cluster.sh) in a
// fresh namespace instead of its own dev server (not restarted then: the run does not own it);
// `--worker-processes N` runs N processes per worker role instead of one process with all roles,
// and each worker fault kills the first process of every role while the others keep working.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { loadConfig } from '../config';
import { temporalConnectionOptions } from '../config/temporal-connection';
import { closeStores, openStores } from '../db/clients';
import { dropPostgresDatabase, ensurePostgresDatabase } from '../db/postgres-admin';
import {
  findDuplicates,
  findHistoryDuplicates,
  findProductionViolations,
  findViolations,
  returnsOutcome,
  shopFloorOutcome,
} from './chaos/checks';
import { Api, apiUsers, sleep } from './chaos/client';
import { Component, devServer, runScript, runStoreUrl, tsx } from './chaos/cluster';
import { freePort } from './ports';
import { faultSchedule, runSchedule } from './chaos/faults';
import { COMPONENT_SKUS, driveManufacturing, planManufacturing } from './chaos/manufacturing';
import { ORDER_SKUS, driveOrder, planOrder } from './chaos/orders';
import { progressLine, report } from './chaos/report';
import { driveRequisition, planRequisition } from './chaos/requisitions';
import { driveReturn, planReturns } from './chaos/returns';
import type { DriveContext, Kind, Run } from './chaos/run';
import { TICKET_CUSTOMERS, driveTicket, planTicket } from './chaos/tickets';
import { createFreshNamespace, dropNamespace } from './temporal-namespace';
import { WORKER_ROLES } from '../workers/workers';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const PROCESSES = arg('processes', 200);
const DRIVE_SECONDS = arg('timeout', 900); // every process must end within this after the first one starts
const KEEP = process.argv.includes('--keep');
const textArg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const EXTERNAL_TEMPORAL = textArg('temporal-address');
const WORKER_PROCESSES = arg('worker-processes', 0); // 0: one process with every role
if (EXTERNAL_TEMPORAL !== undefined && !/^[\w.-]+:\d+$/.test(EXTERNAL_TEMPORAL)) throw new Error('--temporal-address must be host:port');
if (!Number.isInteger(WORKER_PROCESSES) || WORKER_PROCESSES < 0) throw new Error('--worker-processes must be a whole number');
const started = Date.now();
const say = (m: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}`);
const quietLogger = { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } as never;

/** SQLite files in the data directory, or fresh PostgreSQL databases beside the configured ones. */
async function databases(dataDir: string, stamp: string) {
  const urls = {
    operations: runStoreUrl(dataDir, 'operations', `chaos_${stamp}`, process.env.OPERATIONS_DATABASE_URL),
    production: runStoreUrl(dataDir, 'production', `chaos_${stamp}`, process.env.PRODUCTION_DATABASE_URL),
  };
  for (const url of Object.values(urls)) if (url.startsWith('postgres')) await ensurePostgresDatabase(url);
  return urls;
}

/**
 * Roughly 30 % orders, 20 % requisitions, 30 % tickets, 20 % manufacturing orders, interleaved so each
 * kind runs throughout; then a return for a quarter of the orders, each driven once its order is paid.
 */
function plan(n: number): Run[] {
  const counters = { order: 0, requisition: 0, ticket: 0, manufacturing: 0 };
  const cycle: Exclude<Kind, 'return'>[] = [
    'order',
    'requisition',
    'ticket',
    'manufacturing',
    'order',
    'ticket',
    'requisition',
    'order',
    'ticket',
    'manufacturing',
  ];
  const planners = { order: planOrder, requisition: planRequisition, ticket: planTicket, manufacturing: planManufacturing };
  const runs = Array.from({ length: n }, (_, i) => {
    const kind = cycle[i % cycle.length];
    return planners[kind](counters[kind]++);
  });
  return [...runs, ...planReturns(runs)];
}
const drivers = {
  order: driveOrder,
  requisition: driveRequisition,
  ticket: driveTicket,
  manufacturing: driveManufacturing,
  return: driveReturn,
};

async function main() {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `chaos-${stamp}-`));
  const urls = await databases(dataDir, stamp);
  const [temporalPort, apiPort, simulatorPort, uiPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const temporalAddress = EXTERNAL_TEMPORAL ?? `127.0.0.1:${temporalPort}`;
  say(
    `${PROCESSES} processes on ${urls.operations.startsWith('postgres') ? 'PostgreSQL' : 'SQLite'}` +
      `${EXTERNAL_TEMPORAL ? ` and the Temporal server at ${EXTERNAL_TEMPORAL}` : ''}; data and logs in ${dataDir}`,
  );
  // An external server: a namespace of this run's own, dropped at the end.
  const external = EXTERNAL_TEMPORAL ? await Connection.connect(temporalConnectionOptions(loadConfig(), EXTERNAL_TEMPORAL)) : undefined;
  const namespace = external ? await createFreshNamespace(external, 'chaos') : 'default';
  if (external) say(`namespace ${namespace} created on ${EXTERNAL_TEMPORAL}`);

  const components: Component[] = [];
  let stopping = false;
  const stopAll = async () => {
    stopping = true;
    for (const c of [...components].reverse()) await c.stop('SIGTERM').catch(() => undefined);
    if (!KEEP) {
      for (const url of Object.values(urls)) if (url.startsWith('postgres')) await dropPostgresDatabase(url).catch(() => undefined);
      if (external) await dropNamespace(external, namespace);
    }
    await external?.close();
  };
  process.once('SIGINT', () => {
    say('interrupted; stopping everything');
    void stopAll().then(() => process.exit(130));
  });
  process.once('SIGTERM', () => void stopAll().then(() => process.exit(143)));

  try {
    const bundling = bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: quietLogger }).then((b) => {
      const file = path.join(dataDir, 'workflows.js');
      fs.writeFileSync(file, b.code);
      return file;
    });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      API_PORT: String(apiPort),
      SIMULATOR_PORT: String(simulatorPort),
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: namespace,
      TEMPORAL_UI_PORT: String(uiPort),
      OPERATIONS_DATABASE_URL: urls.operations,
      PRODUCTION_DATABASE_URL: urls.production,
      API_USERS: apiUsers(TICKET_CUSTOMERS),
      LOG_LEVEL: 'warn',
      // A machine job cut off by a killed worker is taken up again within seconds, not a minute.
      MACHINE_HEARTBEAT_TIMEOUT_SECONDS: '10',
    };
    const add = (c: Component) => (components.push(c), c);
    const temporal = external ? undefined : add(devServer(temporalPort, env, dataDir));
    const simulators = add(new Component({ name: 'simulators', ...tsx('scripts/start-simulators.ts'), port: simulatorPort }, env, dataDir));
    await Promise.all([temporal?.start(), simulators.start()]);
    say(`${temporal ? 'Temporal dev server and partner simulators' : 'Partner simulators'} up; migrating and seeding`);
    await runScript('scripts/db.ts', env, ['deploy']);
    await runScript('scripts/seed.ts', env);
    env.WORKFLOW_BUNDLE = await bundling;
    const worker = (name: string, roles: string[]) =>
      add(new Component({ name, ...tsx('scripts/chaos/workers.ts', ...roles), readyLine: 'workers running' }, env, dataDir));
    const workers = WORKER_PROCESSES
      ? WORKER_ROLES.flatMap((role) => Array.from({ length: WORKER_PROCESSES }, (_, i) => worker(`workers-${role}-${i + 1}`, [role])))
      : [worker('workers', [])];
    // Killed at each worker fault: the one process, or the first of each role.
    const killed = WORKER_PROCESSES ? workers.filter((w) => w.spec.name.endsWith('-1')) : workers;
    const api = add(new Component({ name: 'api', ...tsx('scripts/start-api.ts'), port: apiPort }, env, dataDir));
    await Promise.all([...workers.map((w) => w.start()), api.start()]);
    say(
      `system up (API http://127.0.0.1:${apiPort}/api, Temporal ${temporalAddress} namespace ${namespace}, ${workers.length} worker process(es))`,
    );

    const client = new Api(`http://127.0.0.1:${apiPort}`);
    const lines = [...ORDER_SKUS, ...COMPONENT_SKUS].map((sku) => ({ sku, quantity: 100_000 }));
    const stock = await client.post('/stock/receipts', { reference: `CHAOS-STOCK-${stamp}`, lines }, 'operator');
    if (stock.status >= 300) throw new Error(`stock receipt refused: ${stock.status} ${JSON.stringify(stock.body)}`);

    const runs = plan(PROCESSES);
    const ctx: DriveContext = {
      api: client,
      deadline: Date.now() + DRIVE_SECONDS * 1000,
      today: new Date().toISOString().slice(0, 10),
      pollMs: 1500 + PROCESSES * 10, // fewer reads per process when there are more of them
    };
    const faults = { order: 0, requisition: 0, ticket: 0, manufacturing: 0, return: 0, system: 0 };
    const schedule = faultSchedule({ workers: killed, temporal, api, simulatorUrl: `http://127.0.0.1:${simulatorPort}`, say }, faults);
    const chaos = runSchedule(schedule, Date.now(), () => stopping);
    const progress = setInterval(() => say(progressLine(runs, client)), 10_000);
    const driving = runs.map(async (run, i) => {
      await sleep(i * (20_000 / runs.length)); // creations spread over the first 20 s
      await drivers[run.kind](ctx, run);
    });
    await chaos;
    await Promise.all(driving);
    clearInterval(progress);
    say(`driving done: ${progressLine(runs, client)}; checking`);

    const stores = await openStores(urls);
    let failed: boolean;
    try {
      const shop = await shopFloorOutcome(stores.production);
      const returns = await returnsOutcome(stores.operations);
      failed = report(runs, {
        faults,
        duplicates: [...(await findDuplicates(stores.operations)), ...(await findHistoryDuplicates(client, runs)), ...returns.duplicates],
        violations: [
          ...(await findViolations(stores.operations)),
          ...(await findProductionViolations(stores.operations, stores.production)),
          ...shop.violations,
          ...returns.violations,
        ],
        notes: [
          shop.note,
          returns.note,
          ...components.filter((c) => c.unexpectedExits > 0).map((c) => `${c.spec.name} exited on its own ${c.unexpectedExits} time(s)`),
        ],
      });
    } finally {
      await closeStores(stores);
    }
    say(`wall time ${((Date.now() - started) / 1000).toFixed(0)} s; ${client.requests} API requests`);
    await stopAll();
    if (KEEP) say(`kept ${dataDir}${urls.operations.startsWith('postgres') ? ` and the databases chaos_${stamp}_*` : ''}`);
    else if (failed) {
      // What the workers said about failures goes into this output: on CI nothing else outlives the run.
      for (const line of workerFailures(dataDir)) console.log(`  worker log: ${line}`);
      say(`logs kept in ${dataDir}`);
    } else fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(failed ? 1 : 0);
  } catch (e) {
    console.error(e instanceof Error ? e.stack : e);
    console.error(`logs kept in ${dataDir}`);
    await stopAll();
    process.exit(2);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});

/** The workers' last log lines about a failure (warnings and errors naming one), shortened. */
function workerFailures(dataDir: string, max = 15): string[] {
  const files = fs.readdirSync(dataDir).filter((f) => /^workers.*\.log$/.test(f));
  const lines = files.flatMap((f) => fs.readFileSync(path.join(dataDir, f), 'utf8').split('\n'));
  return lines
    .filter((l) => /^\{"level":(40|50|60)/.test(l) && /fail|error/i.test(l))
    .slice(-max)
    .map((l) => (l.length > 700 ? `${l.slice(0, 700)}…` : l));
}
