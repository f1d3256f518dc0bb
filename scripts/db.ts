// Database tasks for both stores:
//   generate               derive the PostgreSQL schemas and generate all four clients
//   deploy                 apply committed migrations to the configured databases (creates SQLite files)
//   new-migration <name>   create the SQLite and PostgreSQL migrations for schema edits since git HEAD
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../config';
import { STORES, derivePostgresSchema, derivePostgresSchemaText, prisma, prismaAsync, redact } from '../db/prisma-cli';
import { ensurePostgresDatabase } from '../db/postgres-admin';

async function main() {
  const [command, name] = process.argv.slice(2);
  if (command === 'generate') {
    // The four clients side by side: each run is mostly the CLI starting up (on a fresh machine, in
    // sequence 61 s at a load of 8–17 on 2 cores; see docs/performance.md, "Fresh machine").
    for (const store of STORES) derivePostgresSchema(store);
    await Promise.all(
      STORES.flatMap((store) =>
        ['file:/tmp/unused.db', 'postgresql://u:p@127.0.0.1:5432/unused'].map((url) => prismaAsync(store, url, ['generate', '--no-hints'])),
      ),
    );
    return;
  }
  if (command === 'deploy') {
    const cfg = config();
    // The two stores are separate databases: migrated side by side.
    await Promise.all(
      STORES.map(async (store) => {
        const url = store === 'operations' ? cfg.OPERATIONS_DATABASE_URL : cfg.PRODUCTION_DATABASE_URL;
        await prepare(url);
        console.log(`Migrating the ${store} store at ${redact(url)}`);
        const out = await prismaAsync(store, url, ['migrate', 'deploy'], { quiet: true });
        const applied = out.split('\n').filter((l) => /└─ migration\.sql/.test(l)).length;
        console.log(`  ${store}: ${applied ? `${applied} migration(s) applied` : 'no pending migrations'}`);
      }),
    );
    return;
  }
  if (command === 'new-migration' && name) {
    // The migration is the difference between the committed schema (git HEAD) and the edited one,
    // computed for SQLite and for PostgreSQL from the datamodels alone: no database is needed.
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    for (const store of STORES) {
      derivePostgresSchema(store);
      let committed: string | undefined;
      try {
        committed = execFileSync('git', ['show', `HEAD:prisma/${store}/schema.prisma`], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        });
      } catch {
        committed = undefined;
      }
      for (const provider of ['sqlite', 'postgresql'] as const) {
        const dir = path.join('prisma', store, provider === 'sqlite' ? '' : 'postgresql');
        const current = path.join(dir, 'schema.prisma');
        let from = ['--from-empty'];
        if (committed) {
          const old = path.join(fs.mkdtempSync('/tmp/schema-'), 'schema.prisma');
          fs.writeFileSync(old, provider === 'sqlite' ? committed : derivePostgresSchemaText(store, committed));
          from = ['--from-schema-datamodel', old];
        }
        // The PostgreSQL engine connects even to diff two datamodels; it reads nothing there.
        const url = provider === 'sqlite' ? 'file:/tmp/unused.db' : pgAdminUrl();
        const sql = prisma(store, url, ['migrate', 'diff', ...from, '--to-schema-datamodel', current, '--script'], { quiet: true })
          .split('\n')
          .filter((l) => !/^Loaded Prisma config|^Prisma config detected|^warn|^$/.test(l))
          .join('\n');
        if (!/CREATE|ALTER|DROP/.test(sql)) {
          console.log(`${store}/${provider}: no changes`);
          continue;
        }
        const target = path.join(dir, 'migrations', `${stamp}_${name}`);
        fs.mkdirSync(target, { recursive: true });
        fs.writeFileSync(path.join(target, 'migration.sql'), `${sql.trim()}\n`);
        console.log(`created ${path.join(target, 'migration.sql')}`);
      }
    }
    return;
  }
  throw new Error('usage: tsx scripts/db.ts generate | deploy | new-migration <name>');
}

function pgAdminUrl(): string {
  const url = process.env.PG_ADMIN_URL;
  if (!url)
    throw new Error(
      'Set PG_ADMIN_URL (`bash scripts/postgres.sh` starts a server and prints it) so the PostgreSQL migration can be computed too',
    );
  return url;
}

async function prepare(url: string) {
  if (url.startsWith('file:')) fs.mkdirSync(path.dirname(url.slice(5)), { recursive: true });
  else await ensurePostgresDatabase(url);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
