// One test file's world: a real Temporal server (the CLI dev server, or the time-skipping test
// server; with TEST_TEMPORAL_ADDRESS an external server such as a cluster, in a namespace of the
// file's own), fresh databases, the partner simulators, all three workers and the API on a real port.
import type { Server } from 'node:http';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type Worker } from '@temporalio/worker';
import { createApp } from '../../api/app';
import { loadConfig, type ApiUser } from '../../config';
import { temporalConnectionOptions } from '../../config/temporal-connection';
import { policiesFrom, type Policies } from '../../api/policy';
import { closeStores, openStores, type Stores } from '../../db/clients';
import { seedReferenceData } from '../../db/reference-data';
import { temporalCli, temporalTestServer } from '../../scripts/temporal-binaries';
import { startPartnerSimulator, type PartnerSimulator } from '../../simulators/partners';
import { WORKER_ROLES, createWorker } from '../../workers/workers';
import { createLogger, type Logger } from '../../observability/logger';
import { freshDatabases, type TestDatabases } from './databases';
import { addSearchAttributes } from '../../domain/processes/register-search-attributes';
import { SEARCH_ATTRIBUTE_KEYS } from '../../domain/processes/search-attributes';
import { createTestNamespace, dropTestNamespace, externalTemporalAddress } from './external-temporal';

export const USERS: ApiUser[] = [
  { key: 'k-operator', name: 'Olga Operator', roles: ['operator', 'warehouse'] },
  { key: 'k-approver', name: 'Adam Approver', roles: ['approver'] },
  { key: 'k-manager', name: 'Mona Manager', roles: ['manager', 'approver'] },
  { key: 'k-warehouse', name: 'Walt Warehouse', roles: ['warehouse'] },
  { key: 'k-admin', name: 'Ada Admin', roles: ['admin'] },
  { key: 'k-requester', name: 'Rita Requester', roles: ['requester'] },
  { key: 'k-requester2', name: 'Rudi Requester', roles: ['requester', 'approver'] },
  { key: 'k-buyer', name: 'Bea Buyer', roles: ['buyer'] },
  { key: 'k-ap_clerk', name: 'Alan Clerk', roles: ['ap_clerk'] },
  { key: 'k-ap_lead', name: 'Lena Lead', roles: ['ap_clerk', 'approver'] },
  { key: 'k-finance', name: 'Fiona Finance', roles: ['approver', 'manager'] },
  { key: 'k-agent', name: 'Gina Agent', roles: ['agent'] },
  { key: 'k-agent2', name: 'Gus Agent', roles: ['agent'] },
  { key: 'k-supervisor', name: 'Sam Supervisor', roles: ['supervisor', 'agent'] },
  { key: 'k-technician', name: 'Theo Technician', roles: ['technician'] },
  { key: 'k-planner', name: 'Pia Planner', roles: ['production'] },
  { key: 'k-inspector', name: 'Ines Inspector', roles: ['quality'] },
  { key: 'k-customer', name: 'Carla Customer', roles: ['customer'], customer: 'C-PORTAL' },
];
export type UserKey =
  | 'operator'
  | 'approver'
  | 'manager'
  | 'warehouse'
  | 'admin'
  | 'requester'
  | 'requester2'
  | 'buyer'
  | 'ap_clerk'
  | 'ap_lead'
  | 'finance'
  | 'agent'
  | 'agent2'
  | 'supervisor'
  | 'technician'
  | 'planner'
  | 'inspector'
  | 'customer'
  | `portal:${string}`;

/** The shipped defaults; a test file may override single values. */
export const DEFAULT_POLICIES: Policies = policiesFrom(loadConfig({}));
type PolicyOverrides = { [K in keyof Policies]?: Partial<Policies[K]> };

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

let runtimeInstalled = false;

export class Harness {
  env!: TestWorkflowEnvironment;
  stores!: Stores;
  simulator!: PartnerSimulator;
  private dbs!: TestDatabases;
  private server!: Server;
  private baseUrl!: string;
  private workers: Worker[] = [];
  private running: Promise<void>[] = [];
  /** The namespace this file created on an external server (dropped on close). */
  private externalNamespace?: string;

  /** A test that reads the API's request lines passes its own logger; the others keep the output quiet. */
  constructor(readonly opts: { timeSkipping?: boolean; policies?: PolicyOverrides; logger?: Logger } = {}) {}

  get policies(): Policies {
    const o = this.opts.policies ?? {};
    return {
      order: { ...DEFAULT_POLICIES.order, ...o.order },
      procurement: { ...DEFAULT_POLICIES.procurement, ...o.procurement },
      ticket: { ...DEFAULT_POLICIES.ticket, ...o.ticket },
      manufacturing: { ...DEFAULT_POLICIES.manufacturing, ...o.manufacturing },
      returns: { ...DEFAULT_POLICIES.returns, ...o.returns },
    };
  }

  async start(): Promise<this> {
    if (!runtimeInstalled) {
      Runtime.install({ logger: new DefaultLogger('ERROR') });
      runtimeInstalled = true;
    }
    // Time only skips on the time-skipping test server, so those files keep their own even when an external server is given.
    const external = this.opts.timeSkipping ? undefined : externalTemporalAddress();
    let externalOptions: ReturnType<typeof temporalConnectionOptions> | undefined;
    if (external) {
      // A secured server takes the same TEMPORAL_TLS_* / TEMPORAL_API_KEY settings as the engine.
      externalOptions = temporalConnectionOptions(loadConfig(), external);
      const connection = await Connection.connect(externalOptions);
      try {
        this.externalNamespace = await createTestNamespace(connection);
      } finally {
        await connection.close();
      }
    }
    this.env = this.opts.timeSkipping
      ? await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: temporalTestServer() } } })
      : external
        ? await TestWorkflowEnvironment.createFromExistingServer({
            address: external,
            namespace: this.externalNamespace,
            connectionOptions: { tls: externalOptions?.tls, apiKey: externalOptions?.apiKey },
          })
        : await TestWorkflowEnvironment.createLocal({
            server: {
              searchAttributes: SEARCH_ATTRIBUTE_KEYS,
              executable: { type: 'existing-path', path: temporalCli() },
              log: { format: 'pretty', level: 'error' },
            },
          });
    // The time-skipping server refuses a process's upsert of a search attribute it does not know
    // ("search attribute BusinessKind is not defined"), and cannot list them; it takes them added.
    if (this.opts.timeSkipping) {
      await addSearchAttributes(this.env.connection, this.env.namespace ?? 'default');
    }
    this.dbs = await freshDatabases();
    this.stores = await openStores(this.dbs);
    this.simulator = await startPartnerSimulator();
    await seedReferenceData(this.stores.operations, { carrierUrl: `${this.simulator.url}/carriers/SWIFT` });
    await this.startWorkers();
    const logger = this.opts.logger ?? createLogger({ level: 'silent' });
    const app = createApp({ ...this.stores, temporal: this.env.client, users: USERS, policies: this.policies, logger });
    this.server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const address = this.server.address();
    this.baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return this;
  }

  async startWorkers(): Promise<void> {
    const workflowBundle = { codePath: process.env.TEST_WORKFLOW_BUNDLE! };
    this.workers = await Promise.all(
      WORKER_ROLES.map((role) =>
        createWorker(role, {
          connection: this.env.nativeConnection,
          namespace: this.env.namespace ?? 'default',
          ...this.stores,
          // Machine jobs run for seconds here; a fast poll sees stalls and breakdowns within the heartbeat timeout.
          machinePollMs: 50,
          workflowBundle,
        }),
      ),
    );
    this.running = this.workers.map((w) => w.run());
  }

  async stopWorkers(): Promise<void> {
    for (const w of this.workers) if (w.getState() === 'RUNNING') w.shutdown();
    await Promise.all(this.running);
    this.workers = [];
  }

  async close(): Promise<void> {
    await new Promise((r) => this.server?.close(r));
    await this.stopWorkers();
    this.simulator?.server.close();
    await closeStores(this.stores);
    if (this.externalNamespace) await dropTestNamespace(this.env.connection, this.externalNamespace);
    await this.env?.teardown();
    await this.dbs?.drop();
  }

  /** Where the API listens, e.g. http://127.0.0.1:41234 (the browser test opens its /console/). */
  get origin(): string {
    return this.baseUrl;
  }

  async api<T = any>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    opts: { as?: UserKey | null; body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
  ): Promise<ApiResponse<T>> {
    const as = opts.as === undefined ? 'operator' : opts.as;
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(as ? { 'x-api-key': `k-${as}` } : {}), ...opts.headers },
      body: opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  /** A GET answered in something other than JSON (the Prometheus text at /metrics), unauthenticated. */
  async getText(path: string): Promise<{ status: number; text: string; headers: Headers }> {
    const res = await fetch(`${this.baseUrl}${path}`);
    return { status: res.status, text: await res.text(), headers: res.headers };
  }

  get get() {
    return (path: string, as?: UserKey | null) => this.api('GET', path, { as });
  }
  get post() {
    return (path: string, body?: unknown, as?: UserKey | null, headers?: Record<string, string>) =>
      this.api('POST', path, { body, as, headers });
  }

  /** Polls until the check passes (the process moves on its own between API calls). */
  async eventually<T>(check: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 30_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    let last: unknown;
    while (Date.now() < until) {
      try {
        const v = await check();
        if (v) return v;
      } catch (e) {
        last = e;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
  }

  /** A customer-portal key bound to `customerCode` (portal users see only their customer's tickets and returns). */
  portal(customerCode: string): UserKey {
    if (!USERS.some((u) => u.key === `k-portal:${customerCode}`)) {
      USERS.push({ key: `k-portal:${customerCode}`, name: 'Carla Customer', roles: ['customer'], customer: customerCode });
    }
    return `portal:${customerCode}`;
  }

  decide(taskId: string, decision: string, as: UserKey = 'operator', comment?: string) {
    return this.post(`/api/tasks/${encodeURIComponent(taskId)}/decision`, { decision, ...(comment ? { comment } : {}) }, as);
  }

  async orderStatus(number: string): Promise<string> {
    return (await this.stores.operations.salesOrder.findUniqueOrThrow({ where: { number } })).status;
  }

  async waitForStatus(number: string, status: string, timeoutMs?: number): Promise<void> {
    await this.eventually(
      async () => (await this.orderStatus(number)) === status,
      `order ${number} to be ${status} (is ${await this.orderStatus(number).catch(() => '?')})`,
      timeoutMs,
    );
  }

  async openTask(number: string, kind: string) {
    return this.eventually(
      () => this.stores.operations.task.findFirst({ where: { documentRef: number, kind, status: 'open' } }),
      `an open ${kind} task on ${number}`,
    );
  }
}

export async function startHarness(opts?: ConstructorParameters<typeof Harness>[0]): Promise<Harness> {
  return new Harness(opts).start();
}
