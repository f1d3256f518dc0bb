// Database tasks for both stores:
//   generate               derive the PostgreSQL schemas and generate all four clients
//   deploy                 apply committed migrations to the configured databases (creates SQLite files)
//   new-migration <name>   create a migration for SQLite and PostgreSQL (needs PG_ADMIN_URL)
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../config';
import { STORES, derivePostgresSchema, prisma, redact } from '../db/prisma-cli';
import { dropPostgresDatabase, ensurePostgresDatabase } from '../db/postgres-admin';

async function main() {
  const [command, name] = process.argv.slice(2);
  if (command === 'generate') {
    for (const store of STORES) {
      derivePostgresSchema(store);
      for (const url of ['file:/tmp/unused.db', 'postgresql://u:p@127.0.0.1:5432/unused']) {
        prisma(store, url, ['generate', '--no-hints']);
      }
    }
    return;
  }
  if (command === 'deploy') {
    const cfg = config();
    for (const store of STORES) {
      const url = store === 'operations' ? cfg.OPERATIONS_DATABASE_URL : cfg.PRODUCTION_DATABASE_URL;
      await prepare(url);
      console.log(`Migrating the ${store} store at ${redact(url)}`);
      prisma(store, url, ['migrate', 'deploy']);
    }
    return;
  }
  if (command === 'new-migration' && name) {
    const pgAdmin = process.env.PG_ADMIN_URL;
    if (!pgAdmin) throw new Error('Set PG_ADMIN_URL (e.g. postgresql://postgres:postgres@127.0.0.1:5432/postgres) so the PostgreSQL migration can be created too');
    for (const store of STORES) {
      derivePostgresSchema(store);
      const tmp = fs.mkdtempSync('/tmp/migrate-');
      prisma(store, `file:${path.join(tmp, 'dev.db')}`, ['migrate', 'dev', '--name', name, '--skip-generate']);
      const pgUrl = pgAdmin.replace(/\/[^/]*$/, `/migrate_${store}_${Date.now()}`);
      await ensurePostgresDatabase(pgUrl);
      try {
        prisma(store, pgUrl, ['migrate', 'dev', '--name', name, '--skip-generate']);
      } finally {
        await dropPostgresDatabase(pgUrl);
      }
    }
    return;
  }
  throw new Error('usage: tsx scripts/db.ts generate | deploy | new-migration <name>');
}

async function prepare(url: string) {
  if (url.startsWith('file:')) fs.mkdirSync(path.dirname(url.slice(5)), { recursive: true });
  else await ensurePostgresDatabase(url);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
