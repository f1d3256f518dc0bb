// The system the benchmark measures, started as separate OS processes on free ports with fresh
// SQLite data (the same pieces and helpers as the chaos run): the Temporal dev server, the partner
// simulators, the product's workers, the API, and the bare-Temporal worker the product is compared with.
// Or on an external Temporal server (a cluster) in a fresh namespace of its own, and with the stores
// in fresh PostgreSQL databases; both are dropped when the system stops.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { Connection, Client } from '@temporalio/client';
import { loadConfig } from '../config';
import { temporalConnectionOptions } from '../config/temporal-connection';
import { dropPostgresDatabase, ensurePostgresDatabase } from '../db/postgres-admin';
import { Component, devServer, runScript, runStoreUrl, tsx } from '../scripts/chaos/cluster';
import { apiUsers } from '../scripts/chaos/client';
import { freePort } from '../scripts/ports';
import { createFreshNamespace, dropNamespace } from '../scripts/temporal-namespace';

export const OPERATOR_KEY = 'chaos-operator';
const quietLogger = { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } as never;

export interface System {
  dataDir: string;
  api: string;
  temporalAddress: string;
  namespace: string;
  /** Where the stores are: `SQLite` or `PostgreSQL`. */
  stores: string;
  /** The product's workflows, bundled once for its workers (and reused by the time-skipping section). */
  workflowBundle: string;
  client: Client;
  components: Component[];
  /** The product's workers (one OS process running all three roles). */
  workers: Component;
  /** Stops the product's workers and starts them again with these settings added to their environment. */
  restartWorkers(settings: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

async function bundle(workflowsPath: string, file: string): Promise<string> {
  const b = await bundleWorkflowCode({ workflowsPath, logger: quietLogger });
  fs.writeFileSync(file, b.code);
  return file;
}

export interface SystemOptions {
  /** An external Temporal server (host:port) instead of a dev server of the system's own. */
  temporalAddress?: string;
  /** A PostgreSQL admin URL: the stores in fresh databases on that server instead of SQLite files. */
  postgres?: string;
}

export async function startSystem(say: (m: string) => void, opts: SystemOptions = {}): Promise<System> {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${stamp}-`));
  const [temporalPort, apiPort, simulatorPort, uiPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const temporalAddress = opts.temporalAddress ?? `127.0.0.1:${temporalPort}`;
  const urls = {
    operations: runStoreUrl(dataDir, 'operations', `bench_${stamp}`, opts.postgres),
    production: runStoreUrl(dataDir, 'production', `bench_${stamp}`, opts.postgres),
  };
  const components: Component[] = [];
  // An external server: a namespace of this run's own (the task queue names are the same in every run).
  const external = opts.temporalAddress
    ? await Connection.connect(temporalConnectionOptions(loadConfig(), opts.temporalAddress))
    : undefined;
  let namespace = 'default';
  const stop = async () => {
    for (const c of [...components].reverse()) await c.stop('SIGTERM').catch(() => undefined);
    if (opts.postgres) for (const url of Object.values(urls)) await dropPostgresDatabase(url).catch(() => undefined);
    if (external) {
      if (namespace !== 'default') await dropNamespace(external, namespace);
      await external.close().catch(() => undefined);
    }
  };
  const bundles = Promise.all([
    bundle(require.resolve('../workflows'), path.join(dataDir, 'workflows.js')),
    bundle(require.resolve('./bare/workflow'), path.join(dataDir, 'bare-workflow.js')),
  ]);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    API_PORT: String(apiPort),
    SIMULATOR_PORT: String(simulatorPort),
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_UI_PORT: String(uiPort),
    OPERATIONS_DATABASE_URL: urls.operations,
    PRODUCTION_DATABASE_URL: urls.production,
    API_USERS: apiUsers([]),
    LOG_LEVEL: 'warn',
  };
  const add = (c: Component) => (components.push(c), c);
  try {
    if (external) {
      namespace = await createFreshNamespace(external, 'bench');
      say(`namespace ${namespace} created on ${temporalAddress}`);
    }
    env.TEMPORAL_NAMESPACE = namespace;
    if (opts.postgres) for (const url of Object.values(urls)) await ensurePostgresDatabase(url);
    const temporal = external ? undefined : add(devServer(temporalPort, env, dataDir));
    const simulators = add(new Component({ name: 'simulators', ...tsx('scripts/start-simulators.ts'), port: simulatorPort }, env, dataDir));
    await Promise.all([temporal?.start(), simulators.start()]);
    say(`${temporal ? 'Temporal dev server and partner simulators' : 'Partner simulators'} up; migrating and seeding`);
    await runScript('scripts/db.ts', env, ['deploy']);
    await runScript('scripts/seed.ts', env);
    const [product, bare] = await bundles;
    env.WORKFLOW_BUNDLE = product;
    env.BARE_WORKFLOW_BUNDLE = bare;
    const workerSpec = { name: 'workers', ...tsx('scripts/chaos/workers.ts'), readyLine: 'workers running' };
    const workers = add(new Component(workerSpec, env, dataDir));
    const bareWorker = add(
      new Component({ name: 'bare-worker', ...tsx('bench/bare/worker.ts'), readyLine: 'bare worker running' }, env, dataDir),
    );
    const api = add(new Component({ name: 'api', ...tsx('scripts/start-api.ts'), port: apiPort }, env, dataDir));
    await Promise.all([workers.start(), bareWorker.start(), api.start()]);
    const connection = await Connection.connect(temporalConnectionOptions(loadConfig(env), temporalAddress));
    const client = new Client({ connection, namespace });
    const stores = opts.postgres ? 'PostgreSQL' : 'SQLite';
    say(
      `system up in ${dataDir} (API http://127.0.0.1:${apiPort}/api, Temporal ${temporalAddress} namespace ${namespace}, stores on ${stores})`,
    );
    return {
      dataDir,
      api: `http://127.0.0.1:${apiPort}/api`,
      temporalAddress,
      namespace,
      stores,
      workflowBundle: product,
      client,
      components,
      get workers() {
        return components.find((c) => c.spec.name === 'workers')!;
      },
      restartWorkers: async (settings) => {
        const i = components.findIndex((c) => c.spec.name === 'workers');
        await components[i].stop('SIGTERM');
        components[i] = new Component(workerSpec, { ...env, ...settings }, dataDir);
        await components[i].start();
      },
      stop: async () => {
        await connection.close().catch(() => undefined);
        await stop();
      },
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
