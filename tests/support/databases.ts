// Fresh, migrated databases for each test file: copies of a SQLite template, or PostgreSQL
// databases cloned from a template database (TEST_DATABASE=postgresql with PG_ADMIN_URL).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { dropPostgresDatabase, ensurePostgresDatabase } from '../../db/postgres-admin';
import { prisma, STORES, type Store } from '../../db/prisma-cli';

export const usePostgres = () => (process.env.TEST_DATABASE ?? 'sqlite') === 'postgresql';
const pgAdmin = () => {
  const url = process.env.PG_ADMIN_URL;
  if (!url)
    throw new Error(
      'TEST_DATABASE=postgresql needs PG_ADMIN_URL (e.g. postgresql://postgres:postgres@127.0.0.1:5432/postgres); scripts/postgres.sh prints it',
    );
  return url;
};
const pgUrl = (name: string) => pgAdmin().replace(/\/[^/]*$/, `/${name}`);
// Templates are named per test run, so two runs on one PostgreSQL server never drop each other's.
const RUN_ID = randomUUID().replace(/-/g, '').slice(0, 8);
const templateName = (store: Store) => `test_template_${RUN_ID}_${store}`;

/** Run once per test run (global setup): migrate the templates with the committed migrations. */
export async function prepareTemplates(): Promise<Record<Store, string>> {
  const out = {} as Record<Store, string>;
  for (const store of STORES) {
    if (usePostgres()) {
      const url = pgUrl(templateName(store));
      await dropPostgresDatabase(url);
      await ensurePostgresDatabase(url);
      prisma(store, url, ['migrate', 'deploy'], { quiet: true });
      out[store] = templateName(store);
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-templates-'));
      const file = path.join(dir, `${store}.db`);
      prisma(store, `file:${file}`, ['migrate', 'deploy'], { quiet: true });
      out[store] = file;
    }
  }
  return out;
}

/** Run once per test run (global teardown): drop this run's PostgreSQL templates. */
export async function dropTemplates(names: string[]): Promise<void> {
  if (!usePostgres()) return;
  for (const name of names) await dropPostgresDatabase(pgUrl(name));
}

export interface TestDatabases {
  operations: string;
  production: string;
  drop(): Promise<void>;
}

export async function freshDatabases(): Promise<TestDatabases> {
  const id = randomUUID().replace(/-/g, '').slice(0, 12);
  if (usePostgres()) {
    const urls = { operations: pgUrl(`t_${id}_ops`), production: pgUrl(`t_${id}_prod`) };
    await ensurePostgresDatabase(urls.operations, process.env.TEST_TEMPLATE_OPERATIONS!);
    await ensurePostgresDatabase(urls.production, process.env.TEST_TEMPLATE_PRODUCTION!);
    return {
      ...urls,
      drop: async () => {
        await dropPostgresDatabase(urls.operations);
        await dropPostgresDatabase(urls.production);
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `engine-test-${id}-`));
  const files = { operations: path.join(dir, 'operations.db'), production: path.join(dir, 'production.db') };
  fs.copyFileSync(process.env.TEST_TEMPLATE_OPERATIONS!, files.operations);
  fs.copyFileSync(process.env.TEST_TEMPLATE_PRODUCTION!, files.production);
  return {
    operations: `file:${files.operations}`,
    production: `file:${files.production}`,
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
