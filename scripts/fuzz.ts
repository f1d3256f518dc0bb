// Property-based contract run: starts the whole system on free ports with one API key per role,
// runs Schemathesis (all checks) against the served OpenAPI document once per role, prints a table
// and exits non-zero on any failure.
//   npx tsx scripts/fuzz.ts                 # FUZZ_EXAMPLES (default 30) cases per operation and phase
//   FUZZ_EXAMPLES=200 npx tsx scripts/fuzz.ts operator admin   # more cases, some roles only
//   FUZZ_PG_ADMIN_URL=postgresql://…/postgres npx tsx scripts/fuzz.ts   # the stores on fresh PostgreSQL databases
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROLES } from '../config';
import { dropPostgresDatabase, ensurePostgresDatabase } from '../db/postgres-admin';
import { freePort } from './ports';

const root = path.resolve(__dirname, '..');
const st = path.join(root, '.tools/schemathesis/bin/st');
const examples = Number(process.env.FUZZ_EXAMPLES ?? 30);
const roles = process.argv.slice(2).length ? process.argv.slice(2) : [...ROLES];

async function waitFor(url: string, child: ReturnType<typeof spawn>, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the system exited with code ${child.exitCode} before it answered`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

interface RoleResult {
  role: string;
  cases: number;
  failures: number;
  errors: number;
  exit: number;
}

// Real records, so that operations on /{number} reach their business rules instead of 404: half of
// the generated cases use one of these identifiers (Schemathesis dictionaries), the rest random ones.
async function createRecords(base: string): Promise<Record<string, string[]>> {
  const call = async (key: string, method: string, url: string, body?: object): Promise<any> => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { 'x-api-key': `fuzz-${key}`, 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${await res.text()}`);
    return res.json();
  };
  const order = await call('operator', 'POST', '/api/orders', {
    customer: 'C-0001',
    requestedDate: '2027-01-15',
    lines: [{ sku: 'GD-001', quantity: 2 }],
  });
  const requisition = await call('requester', 'POST', '/api/requisitions', {
    costCenter: 'CC-100',
    justification: 'Workshop stock',
    lines: [{ sku: 'CMP-001', quantity: 4, neededBy: '2027-01-15' }],
  });
  const ticket = await call('agent', 'POST', '/api/tickets', {
    customer: 'C-0001',
    subject: 'Noise',
    description: 'The unit rattles',
    channel: 'email',
    productSku: 'GD-001',
  });
  const mo = await call('production', 'POST', '/api/manufacturing-orders', { sku: 'SUB-001', quantity: 1 });
  await new Promise((r) => setTimeout(r, 3000)); // the processes open their first tasks and purchase orders
  const tasks = await call('admin', 'GET', '/api/tasks?pageSize=100');
  const req = await call('admin', 'GET', `/api/requisitions/${requisition.number}`);
  return {
    orders: [order.number],
    requisitions: [requisition.number],
    tickets: [ticket.number],
    purchaseOrders: (req.purchaseOrders ?? []).map((p: { number: string }) => p.number),
    tasks: tasks.items.map((t: { id: string }) => t.id),
    manufacturingOrders: [mo.number],
    workCenters: ['CUT', 'ASM'],
    products: ['GD-001', 'CMP-001'],
    customers: ['C-0001'],
    suppliers: ['S-001'],
    processes: [`order-${order.number}`, `requisition-${requisition.number}`, `ticket-${ticket.number}`, `mo-${mo.number}`],
    visits: [`${ticket.number}-V1`],
  };
}

// The settings of scripts/fuzz.toml plus, per path, the identifiers of the records created above.
function writeConfig(file: string, records: Record<string, string[]>) {
  const bindings: [string, string, string][] = [
    ['orders', '^/api/orders/', 'number'],
    ['requisitions', '^/api/requisitions/', 'number'],
    ['purchaseOrders', '^/api/purchase-orders/', 'number'],
    ['tickets', '^/api/tickets/', 'number'],
    ['tasks', '^/api/tasks/', 'id'],
    ['processes', '^/api/processes/', 'workflowId'],
    ['visits', '^/api/tickets/.*/visits/', 'visit'],
    ['manufacturingOrders', '^/api/manufacturing-orders/', 'number'],
    ['orders', '^/api/timeline/', 'number'],
    ['workCenters', '^/api/work-centers/', 'code'],
    ['products', '^/api/products/', 'sku'],
    ['customers', '^/api/customers/', 'code'],
    ['suppliers', '^/api/suppliers/', 'code'],
    ['products', '^/api/suppliers/.*/prices/', 'sku'],
  ];
  let toml = fs.readFileSync(path.join(root, 'scripts/fuzz.toml'), 'utf8');
  for (const [name, values] of Object.entries(records))
    if (values.length) toml += `\n[dictionaries.${name}]\nvalues = ${JSON.stringify(values)}\n`;
  for (const [name, pathRe, param] of bindings) {
    if (!records[name]?.length) continue;
    toml += `\n[[operations]]\ninclude-path-regex = ${JSON.stringify(pathRe)}\nparameters = { "path.${param}" = { dictionary = "${name}", probability = 0.5 } }\n`;
  }
  fs.writeFileSync(file, toml);
}

function runSchemathesis(base: string, role: string, reportDir: string): RoleResult {
  const junit = path.join(reportDir, `${role}.xml`);
  const run = spawnSync(
    st,
    [
      '--config-file',
      path.join(reportDir, 'schemathesis.toml'),
      'run',
      `${base}/api/openapi.json`,
      '--url',
      base,
      '--checks',
      'all',
      '--max-examples',
      String(examples),
      '--phases',
      'examples,coverage,fuzzing',
      '--header',
      `X-API-Key: fuzz-${role}`,
      '--seed',
      process.env.FUZZ_SEED ?? '1',
      '--workers',
      '1',
      '--request-timeout',
      '30',
      '--report',
      'junit',
      '--report-junit-path',
      junit,
      '--suppress-health-check',
      'all',
      '--no-color',
    ],
    { cwd: reportDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SCHEMATHESIS_HOOKS: '' } },
  );
  if (run.error)
    throw new Error(
      `Schemathesis could not be run (${run.error.message}); reinstall it: rm -rf .tools/schemathesis && WITH_SCHEMATHESIS=1 bash scripts/setup.sh`,
    );
  fs.writeFileSync(path.join(reportDir, `${role}.log`), `${run.stdout}\n${run.stderr}`);
  // The summary line names the test cases generated, e.g. "Test cases: 1234 generated, 1234 passed".
  const cases = Number(/(\d+) generated/.exec(run.stdout)?.[1] ?? 0);
  // ... and the last line the failures and errors, e.g. "==== 5 failures, 1 errors, 2 warnings in 26.55s ====".
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  const failures = Number(/(\d+) failures?/.exec(last)?.[1] ?? 0);
  const errors = Number(/(\d+) errors?/.exec(last)?.[1] ?? 0);
  return { role, cases, failures, errors, exit: run.status ?? 1 };
}

async function main() {
  if (!fs.existsSync(st)) throw new Error(`${st} is missing; run bash scripts/setup.sh`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-'));
  const reportDir = path.join(root, 'data', 'fuzz-report');
  fs.mkdirSync(reportDir, { recursive: true });
  const [api, sim, temporal, ui] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const users = ROLES.map((r) => `fuzz-${r}:Fuzz ${r}:${r}${r === 'customer' ? ':C-0001' : ''}`).join(',');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    API_PORT: String(api),
    SIMULATOR_PORT: String(sim),
    TEMPORAL_ADDRESS: `127.0.0.1:${temporal}`,
    TEMPORAL_UI_PORT: String(ui),
    API_USERS: users,
    DEMO_MODE: 'false',
  };
  // The system's own stores, whatever the calling shell points at: SQLite files under DATA_DIR, or
  // fresh PostgreSQL databases beside FUZZ_PG_ADMIN_URL, dropped at the end.
  delete env.OPERATIONS_DATABASE_URL;
  delete env.PRODUCTION_DATABASE_URL;
  const pgAdmin = process.env.FUZZ_PG_ADMIN_URL;
  const pgUrls = pgAdmin
    ? ['ops', 'prod'].map((s) => pgAdmin.replace(/\/[^/]*$/, `/fuzz_${path.basename(dataDir).replace(/\W/g, '').toLowerCase()}_${s}`))
    : [];
  if (pgAdmin) {
    for (const url of pgUrls) await ensurePostgresDatabase(url);
    [env.OPERATIONS_DATABASE_URL, env.PRODUCTION_DATABASE_URL] = pgUrls;
  }
  console.log(`▸ Starting the system (API on ${api}, state in ${dataDir}${pgAdmin ? ', stores on PostgreSQL' : ''})`);
  const system = spawn(process.execPath, [require.resolve('tsx/cli'), 'scripts/run-all.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${api}`;
  const results: RoleResult[] = [];
  try {
    await waitFor(`${base}/health`, system, 180_000);
    writeConfig(path.join(reportDir, 'schemathesis.toml'), await createRecords(base));
    for (const role of roles) {
      const started = Date.now();
      const r = runSchemathesis(base, role, reportDir);
      results.push(r);
      console.log(
        `▸ ${role}: ${r.cases} cases, ${r.failures} failures, ${r.errors} errors (${Math.round((Date.now() - started) / 1000)} s)`,
      );
    }
  } finally {
    system.kill('SIGTERM');
    await new Promise((r) => system.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
    for (const url of pgUrls) await dropPostgresDatabase(url).catch(() => undefined);
  }
  console.log(`\n${'role'.padEnd(14)}${'cases'.padStart(8)}${'failures'.padStart(10)}${'errors'.padStart(8)}`);
  for (const r of results)
    console.log(`${r.role.padEnd(14)}${String(r.cases).padStart(8)}${String(r.failures).padStart(10)}${String(r.errors).padStart(8)}`);
  const bad = results.filter((r) => r.exit !== 0 || r.failures > 0 || r.errors > 0);
  if (bad.length) {
    console.log(`\nFailures for ${bad.map((r) => r.role).join(', ')}; details in ${path.relative(root, reportDir)}/<role>.log`);
    process.exit(1);
  }
  console.log('\nNo failures.');
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
