// Section 1 on a real Temporal cluster: the same orders-to-paid comparison as on the dev server
// (bench/throughput.ts), with the system on a multi-service Temporal server in a fresh namespace and
// the stores in fresh PostgreSQL databases. `--cluster` uses the local cluster of scripts/cluster.sh
// (brought up if it is not running, and taken down again at the end if so); `--temporal-address`
// names any other server. The stores go to `--postgres <admin url>`, or to scripts/postgres.sh's.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ApiClient } from './api-client';
import { startSystem } from './system';
import { learnShape, stockUp, throughputLevels, type ThroughputResult } from './throughput';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
const script = (name: string, ...args: string[]) => run('bash', [path.join(ROOT, 'scripts', name), ...args], { cwd: ROOT });

export interface ClusterThroughputResult {
  server: string;
  namespace: string;
  stores: string;
  runs: ThroughputResult[];
}

/** The local cluster's address; brings it up when not all four services run. `stop` takes it down only if this started it. */
async function localCluster(say: (m: string) => void): Promise<{ address: string; stop(): Promise<void> }> {
  const running = await script('cluster.sh', 'status').then(
    () => true,
    () => false,
  );
  if (!running) say('bringing the Temporal cluster up (scripts/cluster.sh up)');
  const { stdout } = await script('cluster.sh', 'up');
  const address = stdout.trim().split('\n').pop()!;
  return {
    address,
    stop: async () => {
      if (running) return;
      say('taking the Temporal cluster down again (scripts/cluster.sh down)');
      await script('cluster.sh', 'down');
    },
  };
}

export async function clusterThroughput(
  opts: { temporalAddress?: string; postgres?: string; levels: number[]; orders: number; repetitions: number },
  say: (m: string) => void,
): Promise<ClusterThroughputResult> {
  const cluster = opts.temporalAddress ? { address: opts.temporalAddress, stop: async () => undefined } : await localCluster(say);
  try {
    const postgres = opts.postgres ?? (await script('postgres.sh')).stdout.trim().split('\n').pop()!;
    const system = await startSystem(say, { temporalAddress: cluster.address, postgres });
    const stopping = () => void system.stop().then(() => cluster.stop().then(() => process.exit(130)));
    process.once('SIGINT', stopping);
    process.once('SIGTERM', stopping);
    try {
      const api = new ApiClient(system.api);
      await stockUp(api);
      const counted = await learnShape(api, system.client);
      say(
        `an order's history on the cluster: ${counted.activities} activities, ${counted.timers} timers, ${counted.updates} updates (${counted.events} events)`,
      );
      const runs = await throughputLevels(api, system.client, counted, opts);
      return { server: cluster.address, namespace: system.namespace, stores: system.stores, runs };
    } finally {
      process.removeListener('SIGINT', stopping);
      process.removeListener('SIGTERM', stopping);
      await system.stop();
    }
  } finally {
    await cluster.stop();
  }
}
