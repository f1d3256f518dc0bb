// The committed migrations produce exactly the schema in schema.prisma on the database under test,
// so a schema edit without its migration fails here rather than in production. The reference is
// the datamodel's own DDL, applied to an empty database and compared column by column.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { dropPostgresDatabase, ensurePostgresDatabase } from '../../db/postgres-admin';
import { prisma, STORES, type Store } from '../../db/prisma-cli';
import { usePostgres } from '../support/databases';

type Column = string; // table.column:type:nullable

function sqliteColumns(file: string): Column[] {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'")
      .all() as { name: string }[];
    return tables
      .flatMap((t) =>
        (db.prepare(`PRAGMA table_info("${t.name}")`).all() as { name: string; type: string; notnull: number }[]).map(
          (c) => `${t.name}.${c.name}:${c.type}:${c.notnull}`,
        ),
      )
      .sort();
  } finally {
    db.close();
  }
}

async function pgColumns(url: string): Promise<Column[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query(
      "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'",
    );
    return r.rows.map((c) => `${c.table_name}.${c.column_name}:${c.data_type}:${c.is_nullable}`).sort();
  } finally {
    await client.end();
  }
}

function datamodelDdl(store: Store, url: string): string {
  const schema = path.join('prisma', store, usePostgres() ? 'postgresql' : '', 'schema.prisma');
  return prisma(store, url, ['migrate', 'diff', '--from-empty', '--to-schema-datamodel', schema, '--script'], { quiet: true })
    .split('\n')
    .filter((l) => !/^Loaded Prisma config|^Prisma config detected/.test(l))
    .join('\n');
}

test.each(STORES)('the %s store: migrations match the schema', async (store: Store) => {
  const template = store === 'operations' ? process.env.TEST_TEMPLATE_OPERATIONS! : process.env.TEST_TEMPLATE_PRODUCTION!;
  if (usePostgres()) {
    const admin = process.env.PG_ADMIN_URL!;
    const reference = admin.replace(/\/[^/]*$/, `/t_reference_${store}`);
    await dropPostgresDatabase(reference);
    await ensurePostgresDatabase(reference);
    const client = new Client({ connectionString: reference });
    await client.connect();
    await client.query(datamodelDdl(store, admin));
    await client.end();
    const [migrated, expected] = [await pgColumns(admin.replace(/\/[^/]*$/, `/${template}`)), await pgColumns(reference)];
    await dropPostgresDatabase(reference);
    expect(migrated).toEqual(expected);
  } else {
    const reference = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'schema-ref-')), 'ref.db');
    const db = new Database(reference);
    db.exec(datamodelDdl(store, `file:${reference}`));
    db.close();
    expect(sqliteColumns(template)).toEqual(sqliteColumns(reference));
    expect(sqliteColumns(template).length).toBeGreaterThan(20);
  }
});
