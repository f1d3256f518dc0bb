// Runs the Prisma CLI for one store against one database URL, through prisma/prisma.config.ts.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type Store = 'operations' | 'production';
export const STORES: Store[] = ['operations', 'production'];

const root = path.resolve(__dirname, '..');
const prismaBin = path.join(root, 'node_modules', '.bin', 'prisma');

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

/** PostgreSQL schemas are derived from the SQLite source so the two never drift apart. */
export function derivePostgresSchema(store: Store): void {
  const derived = derivePostgresSchemaText(store, fs.readFileSync(path.join(root, 'prisma', store, 'schema.prisma'), 'utf8'));
  const dir = path.join(root, 'prisma', store, 'postgresql');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'schema.prisma'), derived);
}

export function derivePostgresSchemaText(store: Store, source: string): string {
  return widenMoney(source)
    .replace(/provider = "sqlite"/, 'provider = "postgresql"')
    .replace(/url\s*=\s*"file:[^"]*".*/, 'url      = env("DATABASE_URL")')
    .replace(`generated/${store}/sqlite`, `generated/${store}/postgresql`)
    .replace(/^\/\/ This file is the source.*$/m, '// GENERATED from ../schema.prisma by `npm run db:generate`; edit that file instead.')
    .replace('../../generated', '../../../generated');
}

/**
 * Money (every `…Cents` field) is 64-bit on PostgreSQL, whose `integer` is 4 bytes and would refuse an
 * order above 21,474,836.47. SQLite's INTEGER is already 8 bytes, so the SQLite source keeps `Int`: its
 * client and the code typed against it see plain numbers, and no SQLite table has to be rebuilt. The
 * PostgreSQL client returns these columns as bigint; `db/clients.ts` turns them back into numbers.
 */
export function widenMoney(source: string): string {
  return source.replace(/^(\s+\w+Cents\s+)Int\b/gm, '$1BigInt');
}

const prismaArgs = (args: string[]) => [...args, '--config', path.join(root, 'prisma', 'prisma.config.ts')];
const prismaEnv = (store: Store, url: string) => ({
  ...process.env,
  PRISMA_STORE: store,
  DATABASE_URL: url,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
});

function checked(store: Store, url: string, args: string[], status: number | null, out: string, quiet: boolean): string {
  if (status !== 0) {
    throw new Error(`prisma ${args.join(' ')} failed for the ${store} store (${redact(url)}):\n${out}`);
  }
  if (!quiet)
    process.stdout.write(
      out
        .split('\n')
        .filter((l) => /applied|migration|Generated|already in sync|No pending/i.test(l))
        .map((l) => `  ${l}\n`)
        .join(''),
    );
  return out;
}

export function prisma(store: Store, url: string, args: string[], opts: { quiet?: boolean } = {}): string {
  const res = spawnSync(prismaBin, prismaArgs(args), { cwd: root, env: prismaEnv(store, url), encoding: 'utf8' });
  return checked(store, url, args, res.status, `${res.stdout ?? ''}${res.stderr ?? ''}`, !!opts.quiet);
}

/** `prisma()` without blocking, so independent runs (the four clients, the two stores) go side by side. */
export function prismaAsync(store: Store, url: string, args: string[], opts: { quiet?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(prismaBin, prismaArgs(args), { cwd: root, env: prismaEnv(store, url), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      try {
        resolve(checked(store, url, args, status, out, !!opts.quiet));
      } catch (e) {
        reject(e);
      }
    });
  });
}

export const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
