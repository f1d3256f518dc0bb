// API keys: kept as digests, found in constant time, demo keys only in demo mode, and no server
// start without users.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { keyDigest, userForKey } from '../../api/auth';
import { ConfigError, loadConfig, requireApiUsers } from '../../config';

const hex = (key: string) => createHash('sha256').update(key).digest('hex');

test('configured keys are kept only as SHA-256 digests; pre-hashed entries work the same', () => {
  const cfg = loadConfig({ API_USERS: `s3cret-1:Olga:operator,sha256:${hex('s3cret-2')}:Carl:customer:C-0007` });
  expect(JSON.stringify(cfg)).not.toContain('s3cret');
  expect(cfg.API_USERS.map((u) => u.keyDigest?.toString('hex'))).toEqual([hex('s3cret-1'), hex('s3cret-2')]);
  expect(userForKey(cfg.API_USERS, 's3cret-1')?.name).toBe('Olga');
  expect(userForKey(cfg.API_USERS, 's3cret-2')).toMatchObject({ name: 'Carl', customer: 'C-0007' });
  expect(userForKey(cfg.API_USERS, 's3cret-')).toBeUndefined();
  expect(userForKey(cfg.API_USERS, hex('s3cret-2'))).toBeUndefined(); // the digest itself is no key
  expect(() => loadConfig({ API_USERS: 'sha256:abc:Carl:operator' })).toThrow(ConfigError); // "sha256" would be a key, "abc" a name, "Carl" no role
});

test('the lookup looks at every user, not only up to the first match', () => {
  const looked: string[] = [];
  const users = ['a', 'b', 'c'].map((k) => ({
    name: k,
    roles: ['operator' as const],
    get keyDigest() {
      looked.push(k);
      return keyDigest(k);
    },
  }));
  expect(userForKey(users, 'a')?.name).toBe('a');
  expect([...new Set(looked)]).toEqual(['a', 'b', 'c']);
});

test('demo keys are served only in demo mode and refused in API_USERS outside it', () => {
  expect(loadConfig({}).API_USERS).toEqual([]);
  const demo = loadConfig({ DEMO_MODE: 'true' }).API_USERS;
  expect(userForKey(demo, 'operator-key')?.roles).toEqual(['operator', 'warehouse']);
  expect(userForKey(demo, 'customer-key')?.customer).toBe('C-0001');
  expect(() => loadConfig({ API_USERS: 'mine-9f2c:Olga:operator,admin-key:Ada:admin' })).toThrow(
    /API_USERS: uses the demo key\(s\) of Ada/,
  );
  expect(loadConfig({ DEMO_MODE: 'true', API_USERS: 'admin-key:Ada:admin' }).API_USERS).toHaveLength(1);
  expect(() => loadConfig({ DEMO_MODE: 'yes' })).toThrow(/DEMO_MODE/);
});

test('a server start without API_USERS outside demo mode is refused, naming the variable', () => {
  expect(() => requireApiUsers(loadConfig({}))).toThrow(/API_USERS is not set/);
  const root = path.resolve(__dirname, '../..');
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: path.join(root, 'data', 'refused-start') };
  const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/run-all.ts'], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/API_USERS is not set/);
  expect(run.stdout).not.toMatch(/Starting Temporal/);
});
