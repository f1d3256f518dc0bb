// The embedded default in one process tree: Temporal dev server (file-backed, with Web UI),
// migrations and seed, partner simulators, all three workers and the API. Ctrl-C stops everything,
// even a child that ignores it (escalated to SIGKILL), and a start after a killed run first stops
// the Temporal server that run left behind.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createApp } from '../api/app';
import { policiesFrom } from '../api/policy';
import { config, requireApiUsers } from '../config';
import { temporalConnectionOptions, temporalTlsEnabled } from '../config/temporal-connection';
import { closeStores, openConfiguredStores } from '../db/clients';
import { registerSearchAttributes } from '../domain/processes/register-search-attributes';
import { searchAttributeFlags } from '../domain/processes/search-attributes';
import { ensureMaintenanceSchedules } from '../domain/production/maintenance-plans';
import { rootLogger } from '../observability/logger';
import { installWorkerRuntime } from '../observability/worker-runtime';
import { startPartnerSimulator } from '../simulators/partners';
import { WORKER_ROLES, createWorker, runWorkers } from '../workers/workers';
import { spawnGroup, stopGroup, stopOrphan, writePidFile, removePidFile } from './process-group';
import { portOpen } from './ports';
import { ensureConsoleBuilt } from './build-console';
import { seed } from './seed';
import { temporalCli } from './temporal-binaries';

const step = (m: string) => console.log(`\x1b[36m▸\x1b[0m ${m}`);

/** How long a child may take to stop after SIGTERM before it is killed. */
const STOP_GRACE_MS = 10_000;

const temporalPidFile = (cfg: ReturnType<typeof config>) => path.join(cfg.dataDir, 'temporal.pid');

/** The dev server this run started, if any (set as soon as it is spawned, so any signal can stop it). */
let temporal: ChildProcess | undefined;
const running = (child?: ChildProcess) => !!child?.pid && child.exitCode === null && child.signalCode === null;

async function startTemporal(cfg: ReturnType<typeof config>): Promise<void> {
  const [host, portText] = cfg.TEMPORAL_ADDRESS.split(':');
  const port = Number(portText);
  fs.mkdirSync(cfg.dataDir, { recursive: true });
  const pidFile = temporalPidFile(cfg);
  // A run killed without its shutdown (kill -9, a closed terminal) leaves its server running in its own group.
  const orphan = await stopOrphan(pidFile, STOP_GRACE_MS);
  if (orphan === 'stopped' || orphan === 'killed') {
    step(`Stopped the Temporal dev server a previous run left behind (${orphan})`);
    for (let i = 0; i < 20 && (await portOpen(port, host)); i++) await new Promise((r) => setTimeout(r, 250));
  }
  if (await portOpen(port, host)) {
    step(`Using the Temporal server already at ${cfg.TEMPORAL_ADDRESS}`);
    // Its namespace may not know the processes' search attributes yet (another run's server, a cluster).
    const connection = await Connection.connect({ address: cfg.TEMPORAL_ADDRESS });
    try {
      const added = await registerSearchAttributes(connection, cfg.TEMPORAL_NAMESPACE);
      if (added.length) step(`Registered the search attributes ${added.join(', ')}`);
    } finally {
      await connection.close();
    }
    return;
  }
  if (temporalTlsEnabled(cfg))
    throw new Error(
      `The Temporal server at ${cfg.TEMPORAL_ADDRESS} does not answer, and the embedded dev server has no TLS: start your server or unset the TEMPORAL_TLS settings`,
    );
  const dbFile = path.join(cfg.dataDir, 'temporal.db');
  step(`Starting Temporal dev server on ${cfg.TEMPORAL_ADDRESS} (state in ${path.relative(cfg.root, dbFile)})`);
  // Its own process group: one signal reaches the server and anything it spawns, and Ctrl-C in the
  // terminal reaches only us, so the shutdown below decides the order and escalates if needed.
  const argv = [
    temporalCli(),
    'server',
    'start-dev',
    '--ip',
    host,
    '--port',
    String(port),
    '--ui-port',
    String(cfg.TEMPORAL_UI_PORT),
    '--db-filename',
    dbFile,
    '--namespace',
    cfg.TEMPORAL_NAMESPACE,
    '--log-level',
    'error',
    // The processes' business facts, searchable in the Web UI and by GET /api/processes.
    ...searchAttributeFlags(),
  ];
  const child = (temporal = spawnGroup(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'inherit'] }));
  writePidFile(pidFile, child.pid!, argv);
  for (let i = 0; i < 120 && !(await portOpen(port, host)); i++) {
    if (child.exitCode !== null)
      throw new Error(`Temporal dev server exited with code ${child.exitCode}; is port ${port} or ${cfg.TEMPORAL_UI_PORT} taken?`);
    await new Promise((r) => setTimeout(r, 500));
  }
  writePidFile(pidFile, child.pid!);
}

async function stopTemporal(cfg: ReturnType<typeof config>) {
  if (!temporal?.pid) return;
  if (running(temporal)) await stopGroup(temporal.pid, STOP_GRACE_MS);
  removePidFile(temporalPidFile(cfg));
}

function killTemporalNow(cfg: ReturnType<typeof config>) {
  if (running(temporal)) process.kill(-temporal!.pid!, 'SIGKILL');
  removePidFile(temporalPidFile(cfg));
}

async function main() {
  const cfg = config();
  const users = requireApiUsers(cfg);
  // Worker chatter (bundle sizes, poller states) hides the addresses below; keep warnings and errors.
  const sdkLevel = cfg.LOG_LEVEL === 'debug' ? 'debug' : cfg.LOG_LEVEL === 'error' ? 'error' : 'warn';
  installWorkerRuntime(cfg, rootLogger().child({ service: 'workers' }, { level: sdkLevel }));
  // Until everything runs, a signal stops the server started so far and ends the run.
  let onSignal = () => {
    void stopTemporal(cfg).finally(() => process.exit(130));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => onSignal());
  // Leaving on an error: ask the server to stop too (a server that ignores it keeps its pid file for the next start).
  process.on('exit', () => {
    if (running(temporal)) process.kill(-temporal!.pid!, 'SIGTERM');
  });
  await startTemporal(cfg);
  step('Applying database migrations');
  execTsx('scripts/db.ts', ['deploy']);
  step('Loading reference and demo data (only into an empty database)');
  await seed({ demo: true });
  if (await ensureConsoleBuilt()) step('Built the web console (its sources were newer than the bundle)');
  const simulator = await startPartnerSimulator(cfg.SIMULATOR_PORT);
  step(`Carrier and supplier simulators on ${simulator.url}`);

  const stores = await openConfiguredStores(cfg);
  const nativeConnection = await NativeConnection.connect(temporalConnectionOptions(cfg));
  step('Starting workers (bundling workflows takes a few seconds)');
  const workers = await Promise.all(
    WORKER_ROLES.map((r) => createWorker(r, { connection: nativeConnection, namespace: cfg.TEMPORAL_NAMESPACE, ...stores })),
  );
  const connection = await Connection.connect(temporalConnectionOptions(cfg));
  const client = new Client({ connection, namespace: cfg.TEMPORAL_NAMESPACE });
  const schedules = await ensureMaintenanceSchedules(stores.production, client);
  if (schedules.length) step(`Maintenance schedules created for ${schedules.join(', ')}`);
  const app = createApp({
    ...stores,
    temporal: client,
    users,
    policies: policiesFrom(cfg),
    temporalUiUrl: cfg.TEMPORAL_UI_URL,
    logger: rootLogger().child({ service: 'api' }),
  });
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(cfg.API_PORT, cfg.API_HOST, () => resolve(s));
  });

  const base = `http://${cfg.API_HOST}:${cfg.API_PORT}`;
  console.log(`
  API          ${base}/api
  API docs     ${base}/api/docs
  Console      ${base}/console/
  Temporal UI  http://127.0.0.1:${cfg.TEMPORAL_UI_PORT}/namespaces/${cfg.TEMPORAL_NAMESPACE}/workflows
  API users    ${users.map((u) => `${u.name} (${u.roles.join('|')})`).join(', ')}${cfg.DEMO_MODE ? '\n  Demo mode    the demo keys of the README are accepted (DEMO_MODE=true)' : ''}

  Try:  curl -s -X POST ${base}/api/orders -H 'X-API-Key: operator-key' -H 'Content-Type: application/json' \\
          -d '{"customer":"C-0001","requestedDate":"2027-12-01","lines":[{"sku":"GD-001","quantity":2}]}'
  Press Ctrl-C to stop.
`);

  const stop = new AbortController();
  let stopping = false;
  onSignal = () => {
    if (stopping) {
      step('Stopping now.'); // a second Ctrl-C: stop waiting for a clean shutdown
      killTemporalNow(cfg);
      process.exit(130);
    }
    stopping = true;
    step('Stopping... (Ctrl-C again to stop at once)');
    stop.abort();
    // A worker or connection that hangs while closing must not keep the processes running forever.
    setTimeout(() => {
      console.error(`Shutdown did not finish within ${(3 * STOP_GRACE_MS) / 1000} s; stopping at once.`);
      killTemporalNow(cfg);
      process.exit(1);
    }, 3 * STOP_GRACE_MS).unref();
  };
  try {
    await runWorkers(workers, stop.signal);
  } finally {
    await new Promise((r) => server.close(r));
    simulator.server.close();
    await connection.close();
    await nativeConnection.close();
    await closeStores(stores);
    await stopTemporal(cfg);
    step('Stopped.');
  }
}

function execTsx(script: string, args: string[]) {
  const { status } = require('node:child_process').spawnSync(process.execPath, [require.resolve('tsx/cli'), script, ...args], {
    stdio: 'inherit',
    cwd: path.resolve(__dirname, '..'),
  });
  if (status !== 0) throw new Error(`${script} ${args.join(' ')} failed`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
