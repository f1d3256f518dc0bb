// Prisma clients for the two stores. The URL decides the database: file: → SQLite through
// better-sqlite3, postgresql:// → PostgreSQL through pg. Both generated clients share one shape,
// so the rest of the code is written once against the SQLite client's types.
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as OperationsSqlite } from '../generated/operations/sqlite/client';
import { PrismaClient as OperationsPostgres } from '../generated/operations/postgresql/client';
import { PrismaClient as ProductionSqlite } from '../generated/production/sqlite/client';
import { PrismaClient as ProductionPostgres } from '../generated/production/postgresql/client';
import type { Config } from '../config';
import { isPostgresUrl } from './prisma-cli';
import { bigintsToNumbers } from './wide-numbers';

export type OperationsDb = OperationsSqlite;
export type ProductionDb = ProductionSqlite;
/** The client handed to the callback of an interactive transaction. */
export type OperationsTx = Parameters<Parameters<OperationsDb['$transaction']>[0]>[0];
export type ProductionTx = Parameters<Parameters<ProductionDb['$transaction']>[0]>[0];

// API and workers may be separate processes on one SQLite file: wait for a lock instead of failing.
const SQLITE_BUSY_TIMEOUT_MS = 15_000;
// Interactive transactions queue behind each other on SQLite; allow for that queue.
const TX_OPTIONS = { maxWait: 20_000, timeout: 30_000 };
const pg = (url: string) => ({ adapter: new PrismaPg({ connectionString: url }), transactionOptions: TX_OPTIONS });

// Money columns are bigint on PostgreSQL only; every result (also inside transactions, raw queries and
// aggregates) is converted back to numbers, so the client has the SQLite client's number types and is
// presented as one. Inputs need nothing: Prisma accepts numbers for bigint fields.
function withNumbers(client: { $extends: (extension: any) => unknown }): unknown {
  return client.$extends({
    query: {
      async $allOperations({ args, query }: { args: unknown; query: (a: unknown) => Promise<unknown> }) {
        return bigintsToNumbers(await query(args));
      },
    },
  });
}

// The clients share the SQLite client's type whichever database they talk to; the few queries whose
// arguments differ by database (case-insensitive search) ask here.
const onPostgres = new WeakSet<object>();
export const isPostgresDb = (db: OperationsDb | ProductionDb): boolean => onPostgres.has(db);
const postgresClient = <T extends object>(db: T): T => {
  onPostgres.add(db);
  return db;
};

export function createOperationsDb(url: string): OperationsDb {
  return isPostgresUrl(url)
    ? postgresClient(withNumbers(new OperationsPostgres(pg(url))) as OperationsDb)
    : new OperationsSqlite({ adapter: new PrismaBetterSQLite3({ url, timeout: SQLITE_BUSY_TIMEOUT_MS }), transactionOptions: TX_OPTIONS });
}

export function createProductionDb(url: string): ProductionDb {
  return isPostgresUrl(url)
    ? postgresClient(withNumbers(new ProductionPostgres(pg(url))) as ProductionDb)
    : new ProductionSqlite({ adapter: new PrismaBetterSQLite3({ url, timeout: SQLITE_BUSY_TIMEOUT_MS }), transactionOptions: TX_OPTIONS });
}

export interface Stores {
  operations: OperationsDb;
  production: ProductionDb;
}

export type SqliteSynchronous = 'normal' | 'full';

/**
 * Opens both stores; on SQLite switches to WAL so readers never wait for the writer, and sets how a
 * commit is made durable (`SQLITE_SYNCHRONOUS`, default normal). Left alone, it depended on the file:
 * the connection that switches a new file to WAL keeps SQLite's full (an fsync of the WAL on every
 * commit), one opening a file already in WAL gets normal from better-sqlite3's build. Under WAL, normal
 * syncs only at checkpoints: a crash of the program loses nothing and the file never corrupts, but a
 * power loss or OS crash may roll back the last commits since the last checkpoint. Measured here: a
 * commit costs 0.95 ms with full against 0.02 ms with normal (docs/performance.md, Store cost).
 */
export async function openStores(
  urls: { operations: string; production: string },
  opts: { sqliteSynchronous?: SqliteSynchronous } = {},
): Promise<Stores> {
  const operations = createOperationsDb(urls.operations);
  const production = createProductionDb(urls.production);
  const synchronous = (opts.sqliteSynchronous ?? 'normal').toUpperCase();
  for (const [url, db] of [
    [urls.operations, operations],
    [urls.production, production],
  ] as const) {
    if (isPostgresUrl(url)) continue;
    await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    // Per connection; the better-sqlite3 adapter keeps one connection per client.
    await db.$executeRawUnsafe(`PRAGMA synchronous = ${synchronous}`);
  }
  return { operations, production };
}

/** Opens both stores as the configuration says (their URLs and how SQLite commits). */
export const openConfiguredStores = (
  cfg: Pick<Config, 'OPERATIONS_DATABASE_URL' | 'PRODUCTION_DATABASE_URL' | 'SQLITE_SYNCHRONOUS'>,
): Promise<Stores> =>
  openStores(
    { operations: cfg.OPERATIONS_DATABASE_URL, production: cfg.PRODUCTION_DATABASE_URL },
    { sqliteSynchronous: cfg.SQLITE_SYNCHRONOUS },
  );

export async function closeStores(stores: Stores): Promise<void> {
  await Promise.all([stores.operations.$disconnect(), stores.production.$disconnect()]);
}
