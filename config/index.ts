// The one place configuration is read. Every key names its environment variable, its default and
// why it exists; the process refuses to start on a bad value and says which variable is wrong.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const root = path.resolve(__dirname, '..');
const dataDir = process.env.DATA_DIR ?? path.join(root, 'data');

const databaseUrl = z.string().regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: (SQLite) or postgresql:// (PostgreSQL)');
const port = z.coerce.number().int().min(0).max(65535);
const positiveHours = z.coerce.number().positive();

/**
 * A user of the API: the key is sent as `X-API-Key`, the roles decide what the user may do. A
 * customer-portal user (role customer only) is bound to one customer and sees only its tickets and returns.
 * Configured users carry only the SHA-256 digest of their key; users built in code (tests) may
 * carry the plain key, which the API digests on first use.
 */
export const ROLES = [
  'operator',
  'approver',
  'manager',
  'admin',
  'warehouse',
  'requester',
  'buyer',
  'ap_clerk',
  'agent',
  'supervisor',
  'technician',
  'production',
  'quality',
  'customer',
] as const;
export type Role = (typeof ROLES)[number];
export type ApiUser = { name: string; roles: Role[]; customer?: string } & (
  { keyDigest: Buffer; key?: undefined } | { key: string; keyDigest?: undefined }
);

const sha256 = (key: string) => createHash('sha256').update(key, 'utf8').digest();

/** The keys `npm start` serves on the embedded defaults; refused anywhere DEMO_MODE is off. */
export const DEMO_API_USERS =
  'operator-key:Olivia Operator:operator|warehouse,approver-key:Arthur Approver:approver,' +
  'manager-key:Maria Manager:manager|approver,admin-key:Ada Admin:admin,' +
  'requester-key:Rick Requester:requester,buyer-key:Bella Buyer:buyer,ap-key:Amir Payables:ap_clerk|approver,' +
  'agent-key:Alex Agent:agent,supervisor-key:Sofia Supervisor:supervisor|agent,technician-key:Tom Technician:technician,' +
  'planner-key:Paula Planner:production,inspector-key:Ivy Inspector:quality,' +
  'customer-key:Carl Customer:customer:C-0001';
const DEMO_DIGESTS = DEMO_API_USERS.split(',').map((e) => sha256(e.split(':')[0]).toString('hex'));

// "key:name:role|role[:customerCode],..." keeps the variable one line, which every shell and CI can set.
// "sha256:<hex>:name:..." gives the key's digest instead, so the plain key need not be in the environment.
const apiUsers = z.string().transform((s, ctx) => {
  const users: (ApiUser & { keyDigest: Buffer })[] = [];
  for (const entry of s
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const hashed = /^sha256:([0-9a-fA-F]{64}):/.exec(entry);
    const [key, name, roles, customer] = (hashed ? entry.slice('sha256:'.length) : entry).split(':');
    const parsed = (roles ?? '').split('|').filter(Boolean);
    const bad = parsed.filter((r) => !(ROLES as readonly string[]).includes(r));
    const shown = hashed ? entry : `${'*'.repeat(Math.min(key?.length ?? 0, 8))}:${entry.split(':').slice(1).join(':')}`;
    if (!key || !name || parsed.length === 0 || bad.length) {
      ctx.addIssue({
        code: 'custom',
        message: `entry "${shown}" must be key:name:role|role[:customerCode] (or sha256:<hex>:name:...) with roles from ${ROLES.join(', ')}`,
      });
      return z.NEVER;
    }
    if (parsed.every((r) => r === 'customer') && !customer) {
      ctx.addIssue({ code: 'custom', message: `entry "${shown}" is a customer-portal user and needs the customer code as a fourth part` });
      return z.NEVER;
    }
    users.push({
      keyDigest: hashed ? Buffer.from(hashed[1], 'hex') : sha256(key),
      name,
      roles: parsed as Role[],
      ...(customer ? { customer } : {}),
    });
  }
  return users;
});

const readableFile = z.string().refine(
  (f) => {
    try {
      fs.accessSync(f, fs.constants.R_OK);
      return fs.statSync(f).isFile();
    } catch {
      return false;
    }
  },
  { message: 'must name a readable file' },
);

const flag = z.enum(['true', 'false', '1', '0', '']).transform((v) => v === 'true' || v === '1');

const schema = z
  .object({
    /** Temporal frontend address; the embedded dev server listens here by default. */
    TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string().default('default'),
    /**
     * TLS to the Temporal frontend: true/false. Unset: on as soon as a CA file, a client certificate, a
     * server name or an API key is given (Temporal Cloud and secured clusters), off otherwise.
     */
    TEMPORAL_TLS: z.enum(['true', 'false', '1', '0']).optional(),
    /** PEM file of the CA that signed the server's certificate; unset: the system's trusted CAs. */
    TEMPORAL_TLS_CA_FILE: readableFile.optional(),
    /** mTLS: PEM files of this client's certificate and its private key, both or neither. */
    TEMPORAL_TLS_CERT_FILE: readableFile.optional(),
    TEMPORAL_TLS_KEY_FILE: readableFile.optional(),
    /** Name the server's certificate is checked against, when it differs from TEMPORAL_ADDRESS's host. */
    TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
    /** API key sent with every call (Temporal Cloud); needs TLS. */
    TEMPORAL_API_KEY: z.string().min(1).optional(),
    /** Web UI of the embedded dev server (only used when this project starts the server). */
    TEMPORAL_UI_PORT: port.default(8233),
    /** Where people open a process in the Temporal Web UI; default: the embedded dev server's UI on TEMPORAL_UI_PORT. */
    TEMPORAL_UI_URL: z.string().url().optional(),
    API_HOST: z.string().default('127.0.0.1'),
    API_PORT: port.default(3000),
    /** Port of the carrier and supplier simulators started with the embedded default. */
    SIMULATOR_PORT: port.default(3100),
    OPERATIONS_DATABASE_URL: databaseUrl.default(`file:${path.join(dataDir, 'operations.db')}`),
    PRODUCTION_DATABASE_URL: databaseUrl.default(`file:${path.join(dataDir, 'production.db')}`),
    /**
     * How SQLite stores make a commit durable (PostgreSQL stores ignore it). `normal`: under WAL a commit
     * survives any crash of the program and the database never corrupts, but a power loss or OS crash may
     * lose the last commits before the next checkpoint; `full` syncs the WAL on every commit, measured
     * 0.95 ms per commit against 0.02 ms with normal (docs/performance.md, Store cost).
     */
    SQLITE_SYNCHRONOUS: z.enum(['normal', 'full']).default('normal'),
    /**
     * Serve the demo API keys (DEMO_API_USERS) when API_USERS is unset. `npm start` on the embedded
     * defaults turns it on; anything else leaves it off, so a shared instance never answers to a demo key.
     */
    DEMO_MODE: flag.default(false),
    /** Users as key:name:role|role[:customerCode] or sha256:<hex>:name:role|role[:customerCode], comma-separated. */
    API_USERS: apiUsers.optional(),
    /** Hours a credit-hold approval stays with approvers before it escalates to managers. */
    CREDIT_APPROVAL_HOURS: positiveHours.default(24),
    /** Hours after escalation before an undecided credit hold cancels the order. */
    CREDIT_ESCALATION_HOURS: positiveHours.default(48),
    /** Days a backorder waits for a restock before the remainder is cancelled. */
    BACKORDER_WAIT_DAYS: positiveHours.default(14),
    /** Days after shipping before a missing delivery confirmation raises a task. */
    DELIVERY_CONFIRMATION_DAYS: positiveHours.default(7),
    /** Days after the due date at which overdue reminders go out; the last one also opens a collections task. */
    PAYMENT_REMINDER_DAYS: z
      .string()
      .default('1,7,14')
      .transform((s) => s.split(',').map(Number))
      .pipe(z.array(z.number().int().nonnegative()).min(1)),
    // --- procure-to-pay
    /** Requisitions up to this total (currency units) are approved without a person. */
    APPROVAL_AUTO_LIMIT: z.coerce.number().nonnegative().default(1000),
    /** Above this total finance approves too, after the requester's manager. */
    APPROVAL_FINANCE_LIMIT: z.coerce.number().nonnegative().default(10000),
    /** Hours before an approver is reminded; the same again before the task escalates. */
    APPROVAL_REMINDER_HOURS: positiveHours.default(24),
    /** Failed calls to a supplier's gateway before a buyer task asks what to do. */
    SUPPLIER_ATTEMPTS_BEFORE_TASK: z.coerce.number().int().min(1).default(5),
    /** Days after the promised date before the supplier is chased. */
    RECEIPT_GRACE_DAYS: positiveHours.default(3),
    /** Three-way match tolerance per line and in total: a percentage and an absolute amount (currency units). */
    MATCH_TOLERANCE_PERCENT: z.coerce.number().nonnegative().default(2),
    MATCH_TOLERANCE_AMOUNT: z.coerce.number().nonnegative().default(5),
    // --- service tickets
    /** Share of an SLA target at which a warning is raised before the breach. */
    SLA_WARNING_PERCENT: z.coerce.number().min(1).max(99).default(80),
    /** Days a resolved ticket waits for the customer's confirmation before it closes itself. */
    TICKET_AUTO_CLOSE_DAYS: positiveHours.default(5),
    /**
     * History events after which an open ticket continues as a new run carrying its state (a ticket takes
     * any number of updates); it also does so when the server suggests it. Applies to tickets started after a change.
     */
    TICKET_CONTINUE_AS_NEW_EVENTS: z.coerce.number().int().min(20).default(4000),
    // --- customer returns
    /** Days an authorized return waits for its goods; what has not arrived by then is no longer expected (nothing at all: the return expires). */
    RETURN_RECEIPT_WAIT_DAYS: positiveHours.default(30),
    /** Hours an approver has for a return outside its window before the task escalates to a manager. */
    RETURN_APPROVAL_ESCALATION_HOURS: positiveHours.default(48),
    // --- manufacturing
    /** Seconds a machine job may report no progress before it counts as stalled and is retried from its last progress. */
    MACHINE_HEARTBEAT_TIMEOUT_SECONDS: z.coerce.number().positive().default(60),
    /** Hours one machine job may run in all, however slowly it progresses. */
    MACHINE_JOB_TIMEOUT_HOURS: positiveHours.default(24),
    /** Failed attempts (breakdowns, stalls) on one work center before its work order moves to the alternative work center. */
    MACHINE_ATTEMPTS: z.coerce.number().int().min(1).default(3),
    /** Days a manufacturing order waits for purchased materials before a production task asks what to do. */
    MATERIAL_WAIT_DAYS: positiveHours.default(14),
    /** Reworks and scraps one manufacturing order may go through after failed quality checks before a production task asks whether to go on. */
    QUALITY_MAX_REWORKS: z.coerce.number().int().min(0).default(3),
    /** Days over which a work center's failed quality checks are counted towards a quality alert. */
    QUALITY_ALERT_WINDOW_DAYS: z.coerce.number().int().min(1).default(7),
    /** Failed quality checks on one work center within the window that raise a quality alert (a task for the managers). */
    QUALITY_ALERT_FAILURES: z.coerce.number().int().min(1).default(3),
    /**
     * Real milliseconds per simulated machine minute in the machine simulator: 50 runs a one-hour job in
     * 3 s, slow enough for a stall or breakdown to be seen mid-job and fast enough for a demo or a test.
     */
    MACHINE_MINUTE_MS: z.coerce.number().positive().default(50),
    /**
     * How often a running machine job is polled for progress. Each advance is a heartbeat, so this must stay
     * well below the machine heartbeat timeout; 500 ms keeps the controller lightly loaded at 20 jobs per worker.
     */
    MACHINE_POLL_MS: z.coerce.number().int().positive().default(500),
    /**
     * Workflow runs the orchestration worker keeps in memory between their tasks (the SDK's
     * maxCachedWorkflows). A cached run takes its next task without replaying its history; an evicted
     * one replays it first. Its size bounds the worker's memory whatever the number of open processes.
     * 500 from the benchmark's scale section (docs/performance.md, "Worker cache"): with 10,000 orders waiting
     * on a credit hold the worker process held 498 MiB at 250, 641 MiB at 500 and 1,508 MiB at 2000 (about
     * 0.6 MiB a cached run), while a replay after eviction added at most 50 ms to a decision; 500 stays well
     * under the 1 GiB goal with room for longer histories.
     */
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(1).max(100_000).default(500),
    /** Least severe level written to the JSON logs of the API and the workers. */
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    /**
     * Port of the Temporal SDK's Prometheus exporter in a worker process (GET /metrics there: task
     * slots, poll and schedule-to-start latencies). Unset: no exporter, as the SDK itself defaults.
     */
    WORKER_METRICS_PORT: port.min(1).optional(),
    /** Interface the worker metrics exporter listens on; 0.0.0.0 lets a scraper on another host reach it. */
    WORKER_METRICS_HOST: z.string().default('127.0.0.1'),
  })
  .superRefine((c, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (!!c.TEMPORAL_TLS_CERT_FILE !== !!c.TEMPORAL_TLS_KEY_FILE) {
      const [given, missing] = c.TEMPORAL_TLS_CERT_FILE ? ['CERT', 'KEY'] : ['KEY', 'CERT'];
      issue(
        `TEMPORAL_TLS_${missing}_FILE`,
        `must be set with TEMPORAL_TLS_${given}_FILE (an mTLS client needs its certificate and its key)`,
      );
    }
    if (c.TEMPORAL_TLS === 'false' || c.TEMPORAL_TLS === '0') {
      const needing = (
        ['TEMPORAL_TLS_CA_FILE', 'TEMPORAL_TLS_CERT_FILE', 'TEMPORAL_TLS_KEY_FILE', 'TEMPORAL_TLS_SERVER_NAME', 'TEMPORAL_API_KEY'] as const
      ).filter((k) => c[k]);
      if (needing.length) issue('TEMPORAL_TLS', `is false, but ${needing.join(', ')} need(s) TLS; remove them or turn TLS on`);
    }
  });

export type Config = Omit<z.infer<typeof schema>, 'API_USERS' | 'TEMPORAL_UI_URL'> & {
  API_USERS: ApiUser[];
  TEMPORAL_UI_URL: string;
  dataDir: string;
  root: string;
};

export class ConfigError extends Error {}

/** Parses the given environment (default: process.env); throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nFix the environment variable(s) above and start again.`);
  }
  const { API_USERS: users, ...rest } = result.data;
  const demo = users?.filter((u) => DEMO_DIGESTS.includes(u.keyDigest.toString('hex'))) ?? [];
  if (!rest.DEMO_MODE && demo.length) {
    throw new ConfigError(
      `Invalid configuration:\n  API_USERS: uses the demo key(s) of ${demo.map((u) => u.name).join(', ')}, which are public; ` +
        'choose your own keys (or set DEMO_MODE=true on a demo instance).',
    );
  }
  // Without users and outside demo mode nobody can call the API; requireApiUsers stops a server start on it.
  const API_USERS = users ?? (rest.DEMO_MODE ? apiUsers.parse(DEMO_API_USERS) : []);
  const TEMPORAL_UI_URL = (rest.TEMPORAL_UI_URL ?? `http://127.0.0.1:${rest.TEMPORAL_UI_PORT}`).replace(/\/+$/, '');
  return { ...rest, TEMPORAL_UI_URL, API_USERS, dataDir, root };
}

/** Refuses to serve the API when no user could ever call it (API_USERS unset outside demo mode). */
export function requireApiUsers(cfg: Config): ApiUser[] {
  if (cfg.API_USERS.length === 0) {
    throw new ConfigError(
      'API_USERS is not set: give the API users as key:name:role|role[:customerCode],... ' +
        '(or sha256:<hex of the key>:name:...). DEMO_MODE=true serves the public demo keys instead, for a local demo only.',
    );
  }
  return cfg.API_USERS;
}

let cached: Config | undefined;
/** The process-wide config, parsed once. */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}
