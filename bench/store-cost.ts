// Section 3: the cost of the Prisma store. Each activity function (as the worker calls it, over fresh
// databases with the reference data) against the same reads and writes in raw SQL (bench/store-raw.ts),
// one call after the other on the same database: through better-sqlite3 on the SQLite file, or through
// one pg connection on PostgreSQL.
//   reserve stock: the idempotency check, the order and its lines, the products, per line the stock
//   level, its conditional update, the reservation and the line's update, the audit row, the key.
//   invoice + ledger posting (`issueOrderInvoice`, on ordered quantities): the idempotency check, the
//   order with its lines and customer, the products, the next number, the journal entry and its
//   lines, the invoice and its lines, the audit row, the key; then the invoice read back.
//   goods receipt (`recordGoodsReceipt`, one line in full): the idempotency check, the PO and its lines,
//   the warehouse, the line's conditional update, the stock level (upsert) and its move, the lines
//   again, the PO's status, the receipt, the audit row, the key; then the PO read back.
//   BoM explosion (`createManufacturingOrder` then `materialNeeds`): the key checked, the active BoM and
//   its routing, the next number, the order with one work order per routing step; then the order, its
//   BoM's lines and which components are made rather than bought.
import { createOperationsActivities } from '../activities/operations';
import { createProductionActivities } from '../activities/production';
import { closeStores, openStores } from '../db/clients';
import { seedReferenceData } from '../db/reference-data';
import { dropTemplates, freshDatabases, prepareTemplates } from '../tests/support/databases';
import { customer, product, uniq, writtenOrder } from '../tests/support/fixtures';
import { median, say } from './measure';
import { postgresRaw, rawBomExplosion, rawGoodsReceipt, rawInvoice, rawReserve, sqliteRaw, type RawDb } from './store-raw';

export interface StoreResult {
  database: 'sqlite' | 'postgresql';
  operation: string;
  calls: number;
  prismaMs: number[];
  rawMs: number[];
  ratio: number;
}

/** Runs the section on SQLite, or on PostgreSQL given the admin URL (databases cloned from migrated templates). */
export async function storeCost(opts: { calls: number; repetitions: number; postgresAdminUrl?: string }): Promise<StoreResult[]> {
  const database = opts.postgresAdminUrl ? 'postgresql' : 'sqlite';
  const saved = { TEST_DATABASE: process.env.TEST_DATABASE, PG_ADMIN_URL: process.env.PG_ADMIN_URL };
  process.env.TEST_DATABASE = database;
  if (opts.postgresAdminUrl) process.env.PG_ADMIN_URL = opts.postgresAdminUrl;
  const templates = await prepareTemplates();
  process.env.TEST_TEMPLATE_OPERATIONS = templates.operations;
  process.env.TEST_TEMPLATE_PRODUCTION = templates.production;
  const dbs = await freshDatabases();
  const stores = await openStores(dbs);
  // The raw side commits as durably as the product's connection does (SQLITE_SYNCHRONOUS).
  const synchronous = async (db: { $queryRawUnsafe: (q: string) => Promise<unknown> }) =>
    Number(((await db.$queryRawUnsafe('PRAGMA synchronous')) as { synchronous: bigint | number }[])[0].synchronous);
  const open = async (url: string, db: { $queryRawUnsafe: (q: string) => Promise<unknown> }) =>
    database === 'sqlite' ? sqliteRaw(url.replace(/^file:/, ''), await synchronous(db)) : postgresRaw(url);
  const rawOps: RawDb = await open(dbs.operations, stores.operations);
  const rawProd: RawDb = await open(dbs.production, stores.production);
  const results: StoreResult[] = [];
  try {
    const db = stores.operations;
    await seedReferenceData(db, { carrierUrl: 'http://127.0.0.1:9/carriers/SWIFT' });
    const ops = createOperationsActivities(db);
    const prod = createProductionActivities(stores.production);
    const c = await customer(db, { creditLimit: 1e9 });
    const p = await product(db, { stock: 1_000_000_000 });
    const count = async (raw: RawDb, sql: string, ...params: unknown[]) => Number((await raw.one(sql, ...params))!.n);

    /** Interleaved repetitions of `calls` calls each side, after a warm-up of 20 each; inputs are made before the clock starts. */
    async function measure<I>(
      operation: string,
      input: (n: number) => Promise<I[]>,
      prisma: (i: I) => Promise<unknown>,
      raw: (i: I) => Promise<unknown>,
    ) {
      const timed = async (inputs: I[], call: (i: I) => Promise<unknown>) => {
        const t = performance.now();
        for (const i of inputs) await call(i);
        return (performance.now() - t) / inputs.length;
      };
      await timed(await input(20), prisma);
      await timed(await input(20), raw);
      const prismaMs: number[] = [];
      const rawMs: number[] = [];
      for (let r = 0; r < opts.repetitions; r++) {
        prismaMs.push(await timed(await input(opts.calls), prisma));
        rawMs.push(await timed(await input(opts.calls), raw));
      }
      say(
        `  ${database} ${operation}: Prisma ${prismaMs.map((x) => x.toFixed(2)).join(', ')} ms, raw ${rawMs.map((x) => x.toFixed(2)).join(', ')} ms per call`,
      );
      results.push({ database, operation, calls: opts.calls, prismaMs, rawMs, ratio: median(prismaMs) / median(rawMs) });
    }
    const calls = 2 * (20 + opts.calls * opts.repetitions); // per operation, both sides

    const orders = async (n: number) => {
      const out: string[] = [];
      for (let i = 0; i < n; i++)
        out.push((await writtenOrder(db, { customerId: c.id, status: 'reserving', lines: [{ productId: p.id, quantity: 2 }] })).number);
      return out;
    };
    const reserveRaw = rawReserve(rawOps);
    await measure(
      'reserve stock (1 line)',
      orders,
      (n) => ops.reserveOrderStock({ orderNumber: n, key: `${n}:r0` }),
      (n) => reserveRaw({ orderNumber: n, key: `${n}:r0` }),
    );
    // Both sides did the work: every order reserved, and dates stored as Prisma stores them.
    const reserved = await count(rawOps, 'SELECT "reserved" AS n FROM "StockLevel" WHERE "productId" = ?', p.id);
    if (reserved !== 2 * calls) throw new Error(`store cost: ${reserved} units reserved, expected ${2 * calls}`);
    if (database === 'sqlite') {
      const kinds = await rawOps.all('SELECT DISTINCT typeof("createdAt") AS t FROM "Reservation"');
      if (kinds.length !== 1) throw new Error(`store cost: reservation dates stored as ${kinds.map((k) => k.t).join(' and ')}`);
    }

    const at = new Date().toISOString();
    const invoiceRaw = rawInvoice(rawOps);
    await measure(
      'invoice + ledger posting (1 line)',
      orders,
      (n) => ops.issueOrderInvoice({ orderNumber: n, basis: 'ordered', at }),
      (n) => invoiceRaw({ orderNumber: n, at }),
    );
    // Both sides posted every invoice, and the ledger still balances.
    const posted = await count(rawOps, 'SELECT count(*) AS n FROM "Invoice"');
    if (posted !== calls) throw new Error(`store cost: ${posted} invoices posted, expected ${calls}`);
    const off = await count(rawOps, 'SELECT sum("debitCents") - sum("creditCents") AS n FROM "JournalLine"');
    if (off !== 0) throw new Error(`store cost: the ledger is off by ${off} cents`);

    // Purchase orders of one line of 5 units, confirmed by the supplier, each received in full.
    const supplier = await db.supplier.create({
      data: { code: uniq('SUP'), name: 'Bench supplier', email: 'bench@example.com', apiUrl: 'http://127.0.0.1:9' },
    });
    const bought = await product(db, { stock: 0 });
    const requisition = await db.requisition.create({
      data: { number: uniq('REQ'), requester: 'bench', costCenter: 'CC-1', justification: 'bench', status: 'completed', totalCents: 0 },
    });
    const purchaseOrders = async (n: number) => {
      const out: string[] = [];
      for (let i = 0; i < n; i++) {
        const po = await db.purchaseOrder.create({
          data: {
            number: uniq('PO'),
            requisitionId: requisition.id,
            supplierId: supplier.id,
            status: 'confirmed',
            requestedDate: new Date(),
            totalCents: 5000,
            lines: { create: [{ lineNo: 1, productId: bought.id, quantity: 5, unitPriceCents: 1000, taxRateBp: 1900 }] },
          },
        });
        out.push(po.number);
      }
      return out;
    };
    const receive = (poNumber: string) => ({ poNumber, reference: 'DN-1', lines: [{ lineNo: 1, quantity: 5 }], receivedBy: 'bench', at });
    const receiptRaw = rawGoodsReceipt(rawOps);
    await measure(
      'goods receipt (1 line)',
      purchaseOrders,
      (n) => ops.recordGoodsReceipt(receive(n)),
      (n) => receiptRaw(receive(n)),
    );
    // Both sides booked every unit into stock with its move, and every PO is received.
    const onHand = await count(rawOps, 'SELECT "onHand" AS n FROM "StockLevel" WHERE "productId" = ?', bought.id);
    const moved = await count(rawOps, 'SELECT sum("quantity") AS n FROM "StockMove" WHERE "productId" = ?', bought.id);
    const open = await count(
      rawOps,
      'SELECT count(*) AS n FROM "PurchaseOrder" WHERE "supplierId" = ? AND "status" <> \'received\'',
      supplier.id,
    );
    if (onHand !== 5 * calls || moved !== onHand || open !== 0)
      throw new Error(`store cost: ${onHand} units on hand, ${moved} moved, ${open} POs open after ${calls} receipts`);

    // A product of two bought components (one with scrap, two per batch of four) and one made one, in three routing steps.
    const pdb = stores.production;
    const sku = uniq('BENCH');
    const center = await pdb.workCenter.create({ data: { code: uniq('WC'), name: 'Bench cell', costPerHourCents: 6000 } });
    await pdb.bom.create({
      data: {
        productSku: sku,
        outputQty: 4,
        lines: {
          create: [
            { componentSku: `${sku}-A`, quantity: 3, scrapBp: 1000 },
            { componentSku: `${sku}-B`, quantity: 1 },
            { componentSku: `${sku}-C`, quantity: 2 },
          ],
        },
        routing: {
          create: [10, 20, 30].map((sequence) => ({
            sequence,
            name: `Step ${sequence}`,
            workCenterId: center.id,
            setupMinutes: 5,
            minutesPerUnit: 2,
          })),
        },
      },
    });
    await pdb.bom.create({ data: { productSku: `${sku}-C`, lines: { create: [{ componentSku: `${sku}-X`, quantity: 2 }] } } });
    const keys = async (n: number) => Array.from({ length: n }, () => uniq('bench-mo'));
    const explodeRaw = rawBomExplosion(rawProd);
    await measure(
      'BoM explosion (order of 3 steps, 3 components)',
      keys,
      async (key) => {
        const number = await prod.createManufacturingOrder({ key, sku, quantity: 6, parentType: 'planner', requestedBy: 'bench' });
        return prod.materialNeeds({ moNumber: number });
      },
      (key) => explodeRaw({ key, sku, quantity: 6 }),
    );
    // Both sides wrote every order with its work orders.
    const mos = await count(rawProd, 'SELECT count(*) AS n FROM "ManufacturingOrder" WHERE "productSku" = ?', sku);
    const wos = await count(
      rawProd,
      'SELECT count(*) AS n FROM "WorkOrder" w JOIN "ManufacturingOrder" m ON m."id" = w."moId" WHERE m."productSku" = ?',
      sku,
    );
    if (mos !== calls || wos !== 3 * calls)
      throw new Error(`store cost: ${mos} manufacturing orders with ${wos} work orders, expected ${calls}`);
    return results;
  } finally {
    await rawOps.close();
    await rawProd.close();
    await closeStores(stores);
    await dbs.drop();
    await dropTemplates(Object.values(templates));
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}
