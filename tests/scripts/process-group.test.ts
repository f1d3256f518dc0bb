// Stopping child servers for real: a group that ignores SIGTERM/SIGINT is killed after the grace
// period (with what it spawned), an orphan recorded in the pid file is stopped only while the pid
// still runs the recorded command.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isAlive, spawnGroup, stopGroup, stopOrphan, writePidFile } from '../../scripts/process-group';

// Ignores the polite signals and starts a grandchild that ignores them as well; prints the grandchild's pid.
const STUBBORN = `
  for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => {});
  const g = require('node:child_process').spawn(process.execPath, ['-e', "for (const s of ['SIGINT','SIGTERM']) process.on(s, () => {}); setInterval(() => {}, 1000)"], { stdio: 'ignore' });
  console.log(g.pid);
  setInterval(() => {}, 1000);
`;

async function stubbornGroup() {
  const child = spawnGroup(process.execPath, ['-e', STUBBORN], { stdio: ['ignore', 'pipe', 'ignore'] });
  const grandchild = await new Promise<number>((resolve) => child.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim()))));
  return { child, grandchild };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgroup-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a group that ignores SIGTERM and SIGINT is killed after the grace period, grandchildren included', async () => {
  const { child, grandchild } = await stubbornGroup();
  expect(isAlive(child.pid!)).toBe(true);
  expect(isAlive(grandchild)).toBe(true);
  const started = Date.now();
  expect(await stopGroup(child.pid!, 700)).toBe('killed');
  expect(Date.now() - started).toBeGreaterThanOrEqual(700);
  expect(isAlive(child.pid!)).toBe(false);
  await new Promise((r) => setTimeout(r, 100)); // the orphaned grandchild is reaped by init
  expect(isAlive(grandchild)).toBe(false);
});

test('an orphan recorded in the pid file is stopped on the next start; the pid file goes away', async () => {
  const { child, grandchild } = await stubbornGroup();
  const file = path.join(dir, 'orphan.pid');
  writePidFile(file, child.pid!);
  expect(await stopOrphan(file, 500)).toBe('killed');
  expect(isAlive(child.pid!)).toBe(false);
  await new Promise((r) => setTimeout(r, 100));
  expect(isAlive(grandchild)).toBe(false);
  expect(fs.existsSync(file)).toBe(false);
  expect(await stopOrphan(file)).toBe('none');
});

test('a pid now running another command is not ours and is left alone', async () => {
  const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  try {
    const file = path.join(dir, 'reused.pid');
    fs.writeFileSync(file, JSON.stringify({ pid: other.pid, command: '/opt/temporal server start-dev --port 7233' }));
    expect(await stopOrphan(file, 200)).toBe('not ours');
    expect(isAlive(other.pid!)).toBe(true);
    expect(fs.existsSync(file)).toBe(false);
  } finally {
    other.kill('SIGKILL');
  }
});
