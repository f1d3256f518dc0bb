// `npm start` for real, on free ports and a scratch data directory: a run killed with SIGKILL leaves
// its Temporal dev server behind; the next start stops that orphan and starts its own; Ctrl-C
// (SIGINT) then stops everything, the server included.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, portOpen } from '../../scripts/ports';
import { isAlive } from '../../scripts/process-group';

jest.setTimeout(420_000);

const root = path.resolve(__dirname, '../..');
let dir: string;
let env: NodeJS.ProcessEnv;
let apiPort: number;
let temporalPort: number;
const runs: ChildProcess[] = [];
/** What each run printed, kept so a run that ends early explains why in the failure. */
const printed = new Map<ChildProcess, string>();

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs: number, running?: ChildProcess) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    if (running && exited(running))
      throw new Error(
        `the run exited (${running.exitCode ?? running.signalCode}) before ${what}; its last output:\n${(printed.get(running) ?? '').slice(-4000)}`,
      );
    await new Promise((r) => setTimeout(r, 250));
  }
}

function start(): ChildProcess {
  // As scripts/start.sh runs it: one process, so a SIGKILL hits run-all itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/run-all.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  printed.set(child, '');
  // Drained (a chatty run cannot block on a full pipe) and kept, bounded, for the failure message.
  const keep = (d: Buffer) => printed.set(child, (printed.get(child)! + d.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  runs.push(child);
  return child;
}
const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;
const recordedPid = () => (JSON.parse(fs.readFileSync(path.join(dir, 'temporal.pid'), 'utf8')) as { pid: number }).pid;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'run-all-'));
  [apiPort, temporalPort] = [await freePort(), await freePort()];
  env = {
    ...process.env,
    DATA_DIR: dir,
    API_PORT: String(apiPort),
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    TEMPORAL_UI_PORT: String(await freePort()),
    SIMULATOR_PORT: String(await freePort()),
    // As scripts/start.sh sets it on the embedded defaults: the demo keys, no API_USERS needed.
    DEMO_MODE: 'true',
  };
  delete env.API_USERS;
  delete env.OPERATIONS_DATABASE_URL;
  delete env.PRODUCTION_DATABASE_URL;
});

afterAll(async () => {
  for (const r of runs) if (!exited(r)) r.kill('SIGKILL');
  try {
    process.kill(-recordedPid(), 'SIGKILL');
  } catch {
    /* already gone */
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a killed run leaves no Temporal server behind the next one, and Ctrl-C stops everything', async () => {
  const first = start();
  await until(() => portOpen(apiPort), 'the first run to serve the API', 240_000, first);
  const orphan = recordedPid();
  expect(isAlive(orphan)).toBe(true);

  first.kill('SIGKILL'); // no shutdown: the server outlives the run
  await until(() => exited(first), 'the first run to die', 10_000);
  expect(isAlive(orphan)).toBe(true);

  const second = start();
  await until(() => portOpen(apiPort), 'the second run to serve the API', 240_000, second);
  expect(isAlive(orphan)).toBe(false);
  const own = recordedPid();
  expect(own).not.toBe(orphan);
  expect(isAlive(own)).toBe(true);
  // The API serves the web console, built before the run started if it was missing or stale.
  const page = await fetch(`http://127.0.0.1:${apiPort}/console/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<script type="module" src="app.js">');

  second.kill('SIGINT');
  await until(() => exited(second), 'Ctrl-C to stop the second run', 60_000);
  expect(isAlive(own)).toBe(false);
  expect(await portOpen(temporalPort)).toBe(false);
  expect(fs.existsSync(path.join(dir, 'temporal.pid'))).toBe(false);
});
