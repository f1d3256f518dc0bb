// scripts/cluster.sh refuses what cannot work before touching anything, and tells what runs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const script = path.resolve(__dirname, '../../scripts/cluster.sh');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cluster-script-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync('bash', [script, ...args], { encoding: 'utf8', env: { ...process.env, TEMPORAL_CLUSTER_DIR: dir, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

test('an unknown command shows the usage', () => {
  const r = run(['start']);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/usage: bash scripts\/cluster.sh up\|down\|status/);
});

test('ports that clash with the dev server or the project defaults are refused, naming the setting', () => {
  const clash = run(['up'], { TEMPORAL_CLUSTER_PORT: '7230' }); // worker service on 7233
  expect(clash.code).toBe(1);
  expect(clash.err).toMatch(/TEMPORAL_CLUSTER_PORT=7230 makes the worker service use port 7233/);
  const bad = run(['status'], { TEMPORAL_CLUSTER_PORT: 'x' });
  expect(bad.code).toBe(1);
  expect(bad.err).toMatch(/TEMPORAL_CLUSTER_PORT must be a port/);
});

test('status and down with nothing running say so', () => {
  const status = run(['status'], { TEMPORAL_CLUSTER_PORT: '7533' });
  expect(status.code).toBe(1);
  expect(status.out).toBe('frontend: stopped\nhistory: stopped\nmatching: stopped\nworker: stopped\n');
  const down = run(['down'], { TEMPORAL_CLUSTER_PORT: '7533' });
  expect(down.code).toBe(0);
  expect(down.err).toMatch(/No cluster service was running/);
});
