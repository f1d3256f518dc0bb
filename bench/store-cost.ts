// Section 3: the cost of the Prisma store. The activity function (as the worker calls it, over a
// fresh SQLite database with the reference data) against the same reads and writes in raw SQL through
// better-sqlite3, one call after the other on the same database file.
//   reserve stock: the idempotency check, the order and its lines, the products, per line the stock
//   level, its conditional update, the reservation and the line's update, the audit row, the key.
//   invoice + ledger posting (`issueOrderInvoice`, on ordered quantities): the idempotency check, the
//   order with its lines and customer, the products, the next number, the journal entry and its
//   lines, the invoice and its lines, the audit row, the key; then the invoice read back.
import Database from 'better-sqlite3';
import { createOperationsActivities } from '../activities/operations';
import { ACCOUNTS } from '../activities/operations/ledger';
import { documentTotals, lineAmounts } from '../domain/money';
import { closeStores, openStores } from '../db/clients';
import { seedReferenceData } from '../db/reference-data';
import { freshDatabases, prepareTemplates } from '../tests/support/databases';
import { customer, product, writtenOrder } from '../tests/support/fixtures';
import { median } from './measure';

export interface StoreResult {
  operation: string;
  calls: number;
  prismaMs: number[];
  rawMs: number[];
  ratio: number;
}

/** The raw-SQL twin of `reserveOrderStock` (activities/operations/stock.ts), with the same statements in one transaction. */
function rawReserve(sql: Database.Database) {
  const done = sql.prepare('SELECT "result" FROM "ProcessedOperation" WHERE "key" = ?');
  const order = sql.prepare('SELECT * FROM "SalesOrder" WHERE "number" = ?');
  const lines = sql.prepare('SELECT * FROM "SalesOrderLine" WHERE "orderId" = ? ORDER BY "lineNo"');
  const productSku = sql.prepare('SELECT "id", "sku" FROM "Product" WHERE "id" = ?');
  const level = sql.prepare('SELECT * FROM "StockLevel" WHERE "warehouseId" = ? AND "productId" = ?');
  const take = sql.prepare('UPDATE "StockLevel" SET "reserved" = "reserved" + ? WHERE "id" = ? AND "onHand" - "reserved" >= ?');
  const reservation = sql.prepare(
    'INSERT INTO "Reservation" ("key", "orderLineId", "warehouseId", "productId", "quantity", "status", "createdAt") VALUES (?, ?, ?, ?, ?, \'active\', ?)',
  );
  const line = sql.prepare('UPDATE "SalesOrderLine" SET "reservedQty" = "reservedQty" + ?, "backorderQty" = ? WHERE "id" = ?');
  const audit = sql.prepare(
    'INSERT INTO "AuditLog" ("at", "actor", "action", "entityType", "entityRef", "data") VALUES (?, \'process\', \'stock.reserved\', \'SalesOrder\', ?, ?)',
  );
  const record = sql.prepare('INSERT INTO "ProcessedOperation" ("key", "result", "createdAt") VALUES (?, ?, ?)');
  return sql
    .transaction((input: { orderNumber: string; key: string }) => {
      const prior = done.get(input.key) as { result: string } | undefined;
      if (prior) return JSON.parse(prior.result);
      const now = new Date().toISOString().replace('Z', '+00:00'); // as Prisma writes DateTime to SQLite
      const o = order.get(input.orderNumber) as { id: number; number: string; warehouseId: number };
      const round = { lines: [] as { lineNo: number; sku: string; reserved: number; backordered: number }[] };
      for (const l of lines.all(o.id) as {
        id: number;
        lineNo: number;
        productId: number;
        quantity: number;
        reservedQty: number;
        shippedQty: number;
        cancelledQty: number;
      }[]) {
        const p = productSku.get(l.productId) as { sku: string };
        const need = l.quantity - l.reservedQty - l.shippedQty - l.cancelledQty;
        const s = level.get(o.warehouseId, l.productId) as { id: number; onHand: number; reserved: number };
        const n = Math.min(need, Math.max(0, s.onHand - s.reserved));
        const reserved = n > 0 && take.run(n, s.id, n).changes === 1 ? n : 0;
        if (reserved > 0) reservation.run(`${input.key}:${l.lineNo}`, l.id, o.warehouseId, l.productId, reserved, now);
        line.run(reserved, Math.max(0, need - reserved), l.id);
        round.lines.push({ lineNo: l.lineNo, sku: p.sku, reserved, backordered: Math.max(0, need - reserved) });
      }
      audit.run(now, o.number, JSON.stringify(round));
      record.run(input.key, JSON.stringify(round), now);
      return round;
    })
    .immediate.bind(null);
}

const DAY_MS = 86_400_000;
const prismaDate = (d: Date) => d.toISOString().replace('Z', '+00:00'); // as Prisma writes DateTime to SQLite

/** The raw-SQL twin of `issueOrderInvoice` (activities/operations/invoicing.ts, customer-invoice.ts, ledger.ts). */
function rawInvoice(sql: Database.Database) {
  const done = sql.prepare('SELECT "result" FROM "ProcessedOperation" WHERE "key" = ?');
  const order = sql.prepare('SELECT * FROM "SalesOrder" WHERE "number" = ?');
  const lines = sql.prepare('SELECT * FROM "SalesOrderLine" WHERE "orderId" = ?');
  const cust = sql.prepare('SELECT * FROM "Customer" WHERE "id" = ?');
  const prod = sql.prepare('SELECT * FROM "Product" WHERE "id" = ?');
  const seq = sql.prepare(
    'INSERT INTO "Sequence" ("name", "next") VALUES (\'invoice\', 2) ON CONFLICT ("name") DO UPDATE SET "next" = "next" + 1 RETURNING "next"',
  );
  const entry = sql.prepare(
    'INSERT INTO "JournalEntry" ("key", "postedAt", "memo", "sourceType", "sourceRef") VALUES (?, ?, ?, \'Invoice\', ?) RETURNING "id"',
  );
  const jline = sql.prepare(
    'INSERT INTO "JournalLine" ("entryId", "accountCode", "debitCents", "creditCents", "partnerRef") VALUES (?, ?, ?, ?, ?)',
  );
  const invoice = sql.prepare(
    'INSERT INTO "Invoice" ("number", "key", "kind", "orderId", "customerId", "status", "netCents", "taxCents", "totalCents", "issuedAt", "dueAt", "journalEntryId") VALUES (?, ?, \'invoice\', ?, ?, \'posted\', ?, ?, ?, ?, ?, ?) RETURNING "id"',
  );
  const iline = sql.prepare(
    'INSERT INTO "InvoiceLine" ("invoiceId", "orderLineId", "productId", "description", "quantity", "unitPriceCents", "taxRateBp", "netCents", "taxCents") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const audit = sql.prepare(
    'INSERT INTO "AuditLog" ("at", "actor", "action", "entityType", "entityRef", "data") VALUES (?, \'process\', \'invoice.posted\', \'Invoice\', ?, ?)',
  );
  const record = sql.prepare('INSERT INTO "ProcessedOperation" ("key", "result", "createdAt") VALUES (?, ?, ?)');
  const readBack = sql.prepare('SELECT * FROM "Invoice" WHERE "number" = ?');
  const write = sql
    .transaction((input: { orderNumber: string; at: string }): string | null => {
      const key = `invoice:${input.orderNumber}`;
      const prior = done.get(key) as { result: string } | undefined;
      if (prior) return JSON.parse(prior.result);
      const o = order.get(input.orderNumber) as { id: number; number: string; customerId: number };
      const c = cust.get(o.customerId) as { id: number; code: string; paymentTermDays: number };
      const priced = (
        lines.all(o.id) as { id: number; productId: number; quantity: number; unitPriceCents: number; taxRateBp: number }[]
      ).map((l) => ({
        orderLineId: l.id,
        productId: l.productId,
        description: (prod.get(l.productId) as { name: string }).name,
        quantity: l.quantity,
        unitPriceCents: l.unitPriceCents,
        taxRateBp: l.taxRateBp,
      }));
      if (priced.length === 0) return null;
      const totals = documentTotals(priced);
      const number = `INV-${String((seq.get() as { next: number }).next - 1).padStart(5, '0')}`;
      const issuedAt = new Date(input.at);
      const source = `order ${o.number}`;
      const { id: entryId } = entry.get(`invoice:${number}`, prismaDate(issuedAt), `Invoice ${number} for ${source}`, number) as {
        id: number;
      };
      const journal: [string, number, number, string | null][] = [
        [ACCOUNTS.receivables, totals.totalCents, 0, c.code],
        [ACCOUNTS.revenue, 0, totals.netCents, null],
        [ACCOUNTS.taxPayable, 0, totals.taxCents, null],
      ];
      for (const [account, debit, credit, partner] of journal) if (debit || credit) jline.run(entryId, account, debit, credit, partner);
      const dueAt = new Date(issuedAt.getTime() + c.paymentTermDays * DAY_MS);
      const { id } = invoice.get(
        number,
        `order:${o.number}:invoice`,
        o.id,
        c.id,
        totals.netCents,
        totals.taxCents,
        totals.totalCents,
        prismaDate(issuedAt),
        prismaDate(dueAt),
        entryId,
      ) as { id: number };
      for (const l of priced) {
        const a = lineAmounts(l);
        iline.run(id, l.orderLineId, l.productId, l.description, l.quantity, l.unitPriceCents, l.taxRateBp, a.netCents, a.taxCents);
      }
      const now = prismaDate(new Date());
      audit.run(now, number, JSON.stringify({ source, totalCents: totals.totalCents }));
      record.run(key, JSON.stringify(number), now);
      return number;
    })
    .immediate.bind(null);
  return (input: { orderNumber: string; at: string }) => {
    const number = write(input);
    return number ? readBack.get(number) : null;
  };
}

export async function storeCost(opts: { calls: number; repetitions: number }): Promise<StoreResult[]> {
  const templates = await prepareTemplates();
  process.env.TEST_TEMPLATE_OPERATIONS = templates.operations;
  process.env.TEST_TEMPLATE_PRODUCTION = templates.production;
  const dbs = await freshDatabases();
  const stores = await openStores(dbs);
  const sql = new Database(dbs.operations.replace(/^file:/, ''));
  sql.pragma('journal_mode = WAL');
  sql.pragma('busy_timeout = 5000');
  try {
    const db = stores.operations;
    await seedReferenceData(db, { carrierUrl: 'http://127.0.0.1:9/carriers/SWIFT' });
    const ops = createOperationsActivities(db);
    const reserveRaw = rawReserve(sql);
    const invoiceRaw = rawInvoice(sql);
    const c = await customer(db, { creditLimit: 1e9 });
    const p = await product(db, { stock: 1_000_000_000 });
    const orders = async (n: number) =>
      Promise.all(
        Array.from(
          { length: n },
          async () => (await writtenOrder(db, { customerId: c.id, status: 'reserving', lines: [{ productId: p.id, quantity: 2 }] })).number,
        ),
      );
    const timed = async (numbers: string[], call: (n: string) => Promise<unknown> | unknown) => {
      const t = performance.now();
      for (const n of numbers) await call(n);
      return (performance.now() - t) / numbers.length;
    };
    const prismaMs: number[] = [];
    const rawMs: number[] = [];
    // Warm-up: the first calls compile statements and fill caches on both sides.
    await timed(await orders(20), (n) => ops.reserveOrderStock({ orderNumber: n, key: `${n}:r0` }));
    await timed(await orders(20), (n) => reserveRaw({ orderNumber: n, key: `${n}:r0` }));
    for (let r = 0; r < opts.repetitions; r++) {
      prismaMs.push(await timed(await orders(opts.calls), (n) => ops.reserveOrderStock({ orderNumber: n, key: `${n}:r0` })));
      rawMs.push(await timed(await orders(opts.calls), (n) => reserveRaw({ orderNumber: n, key: `${n}:r0` })));
    }
    // Both sides did the work: every order reserved, and dates stored as Prisma stores them.
    const total = 2 * (40 + 2 * opts.calls * opts.repetitions);
    const level = sql.prepare('SELECT "reserved" FROM "StockLevel" WHERE "productId" = ?').get(p.id) as { reserved: number };
    if (level.reserved !== total) throw new Error(`store cost: ${level.reserved} units reserved, expected ${total}`);
    const kinds = sql.prepare('SELECT DISTINCT typeof("createdAt") AS t FROM "Reservation"').all() as { t: string }[];
    if (kinds.length !== 1) throw new Error(`store cost: reservation dates stored as ${kinds.map((k) => k.t).join(' and ')}`);
    const results: StoreResult[] = [
      { operation: 'reserve stock (1 line)', calls: opts.calls, prismaMs, rawMs, ratio: median(prismaMs) / median(rawMs) },
    ];

    const at = new Date().toISOString();
    const invPrisma: number[] = [];
    const invRaw: number[] = [];
    await timed(await orders(20), (n) => ops.issueOrderInvoice({ orderNumber: n, basis: 'ordered', at }));
    await timed(await orders(20), (n) => invoiceRaw({ orderNumber: n, at }));
    for (let r = 0; r < opts.repetitions; r++) {
      invPrisma.push(await timed(await orders(opts.calls), (n) => ops.issueOrderInvoice({ orderNumber: n, basis: 'ordered', at })));
      invRaw.push(await timed(await orders(opts.calls), (n) => invoiceRaw({ orderNumber: n, at })));
    }
    // Both sides posted every invoice, and the ledger still balances.
    const posted = (sql.prepare('SELECT count(*) AS n FROM "Invoice"').get() as { n: number }).n;
    if (posted !== 40 + 2 * opts.calls * opts.repetitions) throw new Error(`store cost: ${posted} invoices posted`);
    const balance = sql.prepare('SELECT sum("debitCents") - sum("creditCents") AS d FROM "JournalLine"').get() as { d: number };
    if (balance.d !== 0) throw new Error(`store cost: the ledger is off by ${balance.d} cents`);
    results.push({
      operation: 'invoice + ledger posting (1 line)',
      calls: opts.calls,
      prismaMs: invPrisma,
      rawMs: invRaw,
      ratio: median(invPrisma) / median(invRaw),
    });
    return results;
  } finally {
    sql.close();
    await closeStores(stores);
    await dbs.drop();
  }
}
