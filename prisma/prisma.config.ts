// One Prisma CLI config for both stores and both databases, chosen by environment:
//   PRISMA_STORE = operations | production, DATABASE_URL = file:... (SQLite) or postgresql://...
// Prisma's own WebAssembly schema engine runs through a driver adapter ("engine: js"), so the CLI
// never downloads a native engine. The patches below work around adapter bugs in Prisma 6.19.3.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';

const store = process.env.PRISMA_STORE;
if (store !== 'operations' && store !== 'production') {
  throw new Error('PRISMA_STORE must be "operations" or "production" (use `npm run db:migrate`)');
}
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is not set (use `npm run db:migrate`, which reads the app config)');
const isPostgres = /^postgres(ql)?:\/\//.test(url);
const dir = path.join(__dirname, store, isPostgres ? 'postgresql' : '');

// The WASM engine leaves 10 s / 60 s timers pending, so the CLI would linger after finishing.
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const t = realSetTimeout(fn, ms, ...args);
  if ((ms ?? 0) >= 10_000 && new Error().stack?.includes('wasm-function')) t.unref();
  return t;
}) as typeof setTimeout;

function patchSqlite(a: any) {
  const executeRaw = a.executeRaw.bind(a);
  const queryRaw = a.queryRaw.bind(a);
  const executeScript = a.executeScript.bind(a);
  // Shadow-database replay sends whole multi-statement migrations through executeRaw.
  a.executeRaw = (q: any) =>
    executeRaw(q).catch(async (e: any) => {
      if (q.args.length || !/more than one statement/.test(e?.message)) throw e;
      await executeScript(q.sql);
      return 0;
    });
  // A fresh file has no _prisma_migrations table yet: answer with an empty history (else P1014).
  a.queryRaw = (q: any) =>
    queryRaw(q).catch((e: any) => {
      if (e?.cause?.kind !== 'TableDoesNotExist' || e.cause.table !== '_prisma_migrations') throw e;
      const columnNames = [
        'id',
        'checksum',
        'finished_at',
        'migration_name',
        'logs',
        'rolled_back_at',
        'started_at',
        'applied_steps_count',
      ];
      return { columnNames, columnTypes: [7, 7, 10, 7, 7, 10, 10, 1], rows: [] };
    });
  // `migrate reset` only DELETEs rows with SQLite adapters: drop the tables and empty the history instead.
  a.executeScript = async (s: string) => {
    if (!/^\s*PRAGMA defer_foreign_keys = 1;\s*DELETE FROM /.test(s)) return executeScript(s);
    const rows = async (where: string) =>
      (await queryRaw({ sql: `SELECT type, name FROM sqlite_master WHERE ${where}`, args: [], argTypes: [] })).rows;
    const drops = (
      await rows("type IN ('view','table') AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY type DESC")
    ).map(([t, n]: string[]) => `DROP ${t} IF EXISTS "${n}";`);
    const empties = (await rows("name IN ('_prisma_migrations','sqlite_sequence')")).map(([, n]: string[]) => `DELETE FROM ${n};`);
    return executeScript(['PRAGMA foreign_keys=OFF;', ...drops, ...empties, 'PRAGMA foreign_keys=ON;'].join('\n'));
  };
  return a;
}

class SqliteAdapter extends PrismaBetterSQLite3 {
  async connect() {
    return patchSqlite(await super.connect());
  }
  async connectToShadowDb() {
    return patchSqlite(await super.connectToShadowDb());
  }
}

function postgresAdapter(connectionUrl: string) {
  // prisma/orm#27403: the engine reads "char" (OID 18) / name (OID 19) columns that adapter-pg rejects; read them as text.
  const Result = createRequire(require.resolve('@prisma/adapter-pg'))('pg/lib/result.js');
  const addFields = Result.prototype.addFields;
  Result.prototype.addFields = function (fields: { dataTypeID: number }[]) {
    for (const f of fields) if (f.dataTypeID === 18 || f.dataTypeID === 19) f.dataTypeID = 25;
    return addFields.call(this, fields);
  };
  const u = new URL(connectionUrl);
  const cfg = {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
    allowExitOnIdle: true,
  };
  // The shadow database must be addressed by discrete fields (a connection string overrides
  // `database`) and its pool closed before it is dropped.
  class Adapter extends PrismaPg {
    async connectToShadowDb() {
      const admin = await this.connect();
      const database = `prisma_shadow_${randomUUID().replace(/-/g, '')}`;
      await admin.executeScript(`CREATE DATABASE "${database}"`);
      const shadow = await new PrismaPg({ ...cfg, database }).connect();
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await admin.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
        await admin.dispose();
      };
      return shadow;
    }
  }
  return new Adapter(cfg);
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(dir, 'schema.prisma'),
  migrations: { path: path.join(dir, 'migrations') },
  adapter: async () => (isPostgres ? postgresAdapter(url) : new SqliteAdapter({ url })),
});
