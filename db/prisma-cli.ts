// Runs the Prisma CLI for one store against one database URL, through prisma/prisma.config.ts.
import { spawnSync } from 'node:child_process';
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

export function prisma(store: Store, url: string, args: string[], opts: { quiet?: boolean } = {}): string {
  const res = spawnSync(prismaBin, [...args, '--config', path.join(root, 'prisma', 'prisma.config.ts')], {
    cwd: root,
    env: { ...process.env, PRISMA_STORE: store, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    encoding: 'utf8',
  });
  const out = `${res.stdout ?? ''}${res.stderr ?? ''}`;
  if (res.status !== 0) {
    throw new Error(`prisma ${args.join(' ')} failed for the ${store} store (${redact(url)}):\n${out}`);
  }
  if (!opts.quiet)
    process.stdout.write(
      out
        .split('\n')
        .filter((l) => /applied|migration|Generated|already in sync|No pending/i.test(l))
        .map((l) => `  ${l}\n`)
        .join(''),
    );
  return out;
}

export const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
