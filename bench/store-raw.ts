// The raw-SQL side of section 3: one small interface over better-sqlite3 (SQLite) and pg (PostgreSQL), and
// the raw twins of the measured activities written once against it. Every twin issues the statements its
// activity issues, in the same order and in one transaction of the same scope, so the difference the
// section shows is what the ORM layer costs.
import Database from 'better-sqlite3';
import pg from 'pg';
import { ACCOUNTS } from '../activities/operations/ledger';
import { documentTotals, lineAmounts } from '../domain/money';
import { receiptIssues } from '../domain/procurement/goods-receipt';

type Row = Record<string, any>;
export interface RawDb {
  one(sql: string, ...params: unknown[]): Promise<Row | undefined>;
  all(sql: string, ...params: unknown[]): Promise<Row[]>;
  /** Runs a statement; the number of rows it changed. */
  run(sql: string, ...params: unknown[]): Promise<number>;
  /** A write transaction (on SQLite `BEGIN IMMEDIATE`: the writer lock from the start, at least as strict as Prisma's `BEGIN`). */
  tx<T>(body: () => Promise<T>): Promise<T>;
  /** A DateTime parameter as Prisma stores it. */
  date(d: Date): unknown;
  close(): Promise<void>;
}

/** better-sqlite3 on the database file, statements prepared once and kept; `synchronous` as the product's connection has it. */
export function sqliteRaw(file: string, synchronous: number): RawDb {
  const sql = new Database(file);
  sql.pragma('journal_mode = WAL');
  sql.pragma('busy_timeout = 5000');
  sql.pragma(`synchronous = ${synchronous}`);
  const cache = new Map<string, Database.Statement>();
  const st = (text: string) => {
    let s = cache.get(text);
    if (!s) cache.set(text, (s = sql.prepare(text)));
    return s;
  };
  const [begin, commit, rollback] = ['BEGIN IMMEDIATE', 'COMMIT', 'ROLLBACK'].map((t) => sql.prepare(t));
  return {
    one: async (text, ...p) => st(text).get(...p) as Row | undefined,
    all: async (text, ...p) => st(text).all(...p) as Row[],
    run: async (text, ...p) => st(text).run(...p).changes,
    async tx(body) {
      begin.run();
      try {
        const r = await body();
        commit.run();
        return r;
      } catch (e) {
        rollback.run();
        throw e;
      }
    },
    date: (d) => d.toISOString().replace('Z', '+00:00'), // as Prisma writes DateTime to SQLite
    close: async () => void sql.close(),
  };
}

/** One pg connection (the calls run one after another), `?` placeholders numbered, bigint and numeric read as numbers. */
export async function postgresRaw(url: string): Promise<RawDb> {
  const asNumber = (v: string) => Number(v);
  const client = new pg.Client({
    connectionString: url,
    types: {
      getTypeParser: ((oid: number, format?: any) => (oid === 20 || oid === 1700 ? asNumber : pg.types.getTypeParser(oid, format))) as any,
    },
  });
  await client.connect();
  const numbered = new Map<string, string>();
  const text = (s: string) => {
    let t = numbered.get(s);
    if (t === undefined) {
      let i = 0;
      numbered.set(s, (t = s.replace(/\?/g, () => `$${++i}`)));
    }
    return t;
  };
  const q = (s: string, p: unknown[]) => client.query({ text: text(s), values: p });
  return {
    one: async (s, ...p) => (await q(s, p)).rows[0],
    all: async (s, ...p) => (await q(s, p)).rows,
    run: async (s, ...p) => (await q(s, p)).rowCount ?? 0,
    async tx(body) {
      await client.query('BEGIN');
      try {
        const r = await body();
        await client.query('COMMIT');
        return r;
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    },
    date: (d) => d,
    close: () => client.end(),
  };
}

/** `once` (db/idempotency.ts): the key checked and recorded in the effect's transaction. */
async function once<T>(db: RawDb, key: string, effect: () => Promise<T>): Promise<T> {
  return db.tx(async () => {
    const prior = await db.one('SELECT "result" FROM "ProcessedOperation" WHERE "key" = ?', key);
    if (prior) return JSON.parse(prior.result) as T;
    const result = await effect();
    await db.run(
      'INSERT INTO "ProcessedOperation" ("key", "result", "createdAt") VALUES (?, ?, ?)',
      key,
      JSON.stringify(result ?? null),
      db.date(new Date()),
    );
    return result;
  });
}

const audit = (db: RawDb, actor: string, action: string, type: string, ref: string, data: object) =>
  db.run(
    'INSERT INTO "AuditLog" ("at", "actor", "action", "entityType", "entityRef", "data") VALUES (?, ?, ?, ?, ?, ?)',
    db.date(new Date()),
    actor,
    action,
    type,
    ref,
    JSON.stringify(data),
  );

/** `reserveOrderStock` (activities/operations/stock.ts). */
export function rawReserve(db: RawDb) {
  return (input: { orderNumber: string; key: string }) =>
    once(db, input.key, async () => {
      const o = (await db.one('SELECT * FROM "SalesOrder" WHERE "number" = ?', input.orderNumber))!;
      const lines = await db.all('SELECT * FROM "SalesOrderLine" WHERE "orderId" = ? ORDER BY "lineNo"', o.id);
      const skus = new Map<number, string>();
      for (const l of lines) skus.set(l.productId, (await db.one('SELECT "id", "sku" FROM "Product" WHERE "id" = ?', l.productId))!.sku);
      const round = { lines: [] as { lineNo: number; sku: string; reserved: number; backordered: number }[] };
      for (const l of lines) {
        const need = l.quantity - l.reservedQty - l.shippedQty - l.cancelledQty;
        const s = (await db.one('SELECT * FROM "StockLevel" WHERE "warehouseId" = ? AND "productId" = ?', o.warehouseId, l.productId))!;
        const n = Math.min(need, Math.max(0, s.onHand - s.reserved));
        const taken =
          n > 0 &&
          (await db.run(
            'UPDATE "StockLevel" SET "reserved" = "reserved" + ? WHERE "id" = ? AND "onHand" - "reserved" >= ?',
            n,
            s.id,
            n,
          )) === 1;
        const reserved = taken ? n : 0;
        if (reserved > 0)
          await db.run(
            'INSERT INTO "Reservation" ("key", "orderLineId", "warehouseId", "productId", "quantity", "status", "createdAt") VALUES (?, ?, ?, ?, ?, \'active\', ?)',
            `${input.key}:${l.lineNo}`,
            l.id,
            o.warehouseId,
            l.productId,
            reserved,
            db.date(new Date()),
          );
        const backordered = Math.max(0, need - reserved);
        await db.run(
          'UPDATE "SalesOrderLine" SET "reservedQty" = "reservedQty" + ?, "backorderQty" = ? WHERE "id" = ?',
          reserved,
          backordered,
          l.id,
        );
        round.lines.push({ lineNo: l.lineNo, sku: skus.get(l.productId)!, reserved, backordered });
      }
      await audit(db, 'process', 'stock.reserved', 'SalesOrder', o.number, round);
      return round;
    });
}

const DAY_MS = 86_400_000;

/** `issueOrderInvoice` (activities/operations/invoicing.ts, customer-invoice.ts, ledger.ts), then the invoice read back. */
export function rawInvoice(db: RawDb) {
  return async (input: { orderNumber: string; at: string }) => {
    const number = await once(db, `invoice:${input.orderNumber}`, async (): Promise<string | null> => {
      const o = (await db.one('SELECT * FROM "SalesOrder" WHERE "number" = ?', input.orderNumber))!;
      const lines = await db.all('SELECT * FROM "SalesOrderLine" WHERE "orderId" = ?', o.id);
      const c = (await db.one('SELECT * FROM "Customer" WHERE "id" = ?', o.customerId))!;
      const names = new Map<number, string>();
      for (const l of lines) names.set(l.productId, (await db.one('SELECT * FROM "Product" WHERE "id" = ?', l.productId))!.name);
      const priced = lines.map((l) => ({
        orderLineId: l.id,
        productId: l.productId,
        description: names.get(l.productId)!,
        quantity: l.quantity,
        unitPriceCents: l.unitPriceCents,
        taxRateBp: l.taxRateBp,
      }));
      if (priced.length === 0) return null;
      const totals = documentTotals(priced);
      const seq = await db.one(
        'INSERT INTO "Sequence" ("name", "next") VALUES (\'invoice\', 2) ON CONFLICT ("name") DO UPDATE SET "next" = "Sequence"."next" + 1 RETURNING "next"',
      );
      const number = `INV-${String(seq!.next - 1).padStart(5, '0')}`;
      const issuedAt = new Date(input.at);
      const source = `order ${o.number}`;
      const entry = await db.one(
        'INSERT INTO "JournalEntry" ("key", "postedAt", "memo", "sourceType", "sourceRef") VALUES (?, ?, ?, \'Invoice\', ?) RETURNING "id"',
        `invoice:${number}`,
        db.date(issuedAt),
        `Invoice ${number} for ${source}`,
        number,
      );
      const journal: [string, number, number, string | null][] = [
        [ACCOUNTS.receivables, totals.totalCents, 0, c.code],
        [ACCOUNTS.revenue, 0, totals.netCents, null],
        [ACCOUNTS.taxPayable, 0, totals.taxCents, null],
      ];
      for (const [account, debit, credit, partner] of journal)
        if (debit || credit)
          await db.run(
            'INSERT INTO "JournalLine" ("entryId", "accountCode", "debitCents", "creditCents", "partnerRef") VALUES (?, ?, ?, ?, ?)',
            entry!.id,
            account,
            debit,
            credit,
            partner,
          );
      const invoice = await db.one(
        'INSERT INTO "Invoice" ("number", "key", "kind", "orderId", "customerId", "status", "netCents", "taxCents", "totalCents", "issuedAt", "dueAt", "journalEntryId") VALUES (?, ?, \'invoice\', ?, ?, \'posted\', ?, ?, ?, ?, ?, ?) RETURNING "id"',
        number,
        `order:${o.number}:invoice`,
        o.id,
        c.id,
        totals.netCents,
        totals.taxCents,
        totals.totalCents,
        db.date(issuedAt),
        db.date(new Date(issuedAt.getTime() + c.paymentTermDays * DAY_MS)),
        entry!.id,
      );
      for (const l of priced) {
        const a = lineAmounts(l);
        await db.run(
          'INSERT INTO "InvoiceLine" ("invoiceId", "orderLineId", "productId", "description", "quantity", "unitPriceCents", "taxRateBp", "netCents", "taxCents") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          invoice!.id,
          l.orderLineId,
          l.productId,
          l.description,
          l.quantity,
          l.unitPriceCents,
          l.taxRateBp,
          a.netCents,
          a.taxCents,
        );
      }
      await audit(db, 'process', 'invoice.posted', 'Invoice', number, { source, totalCents: totals.totalCents });
      return number;
    });
    return number ? db.one('SELECT * FROM "Invoice" WHERE "number" = ?', number) : null;
  };
}

/** `recordGoodsReceipt` without inspection (activities/operations/procurement-orders.ts, domain/stock/stock-in.ts), then the PO read back. */
export function rawGoodsReceipt(db: RawDb) {
  return async (input: {
    poNumber: string;
    reference: string;
    lines: { lineNo: number; quantity: number }[];
    receivedBy: string;
    at: string;
  }) => {
    const key = `grn:${input.poNumber}:${input.reference}`;
    await once(db, key, async () => {
      const po = await db.one('SELECT * FROM "PurchaseOrder" WHERE "number" = ?', input.poNumber);
      if (!po) throw new Error(`Purchase order ${input.poNumber} not found`);
      const poLines = await db.all('SELECT * FROM "PurchaseOrderLine" WHERE "purchaseOrderId" = ?', po.id);
      if (['cancelled', 'closed_short', 'received'].includes(po.status)) throw new Error(`${po.number} is ${po.status}`);
      if (receiptIssues(po.number, poLines as never, input.lines).length) throw new Error(`receipt issues on ${po.number}`);
      const main = (await db.one('SELECT * FROM "Warehouse" WHERE "code" = \'MAIN\''))!;
      for (const r of input.lines) {
        const line = poLines.find((l) => l.lineNo === r.lineNo)!;
        const taken = await db.run(
          'UPDATE "PurchaseOrderLine" SET "receivedQty" = "receivedQty" + ? WHERE "id" = ? AND "receivedQty" <= ?',
          r.quantity,
          line.id,
          line.quantity - r.quantity,
        );
        if (taken !== 1) throw new Error(`line ${r.lineNo}: less is open`);
        await db.run(
          'INSERT INTO "StockLevel" ("warehouseId", "productId", "onHand") VALUES (?, ?, ?) ON CONFLICT ("warehouseId", "productId") DO UPDATE SET "onHand" = "StockLevel"."onHand" + ?',
          main.id,
          line.productId,
          r.quantity,
          r.quantity,
        );
        await db.run(
          'INSERT INTO "StockMove" ("key", "warehouseId", "productId", "quantity", "reason", "reference", "createdAt") VALUES (?, ?, ?, ?, \'purchase_receipt\', ?, ?)',
          `${key}:${r.lineNo}`,
          main.id,
          line.productId,
          r.quantity,
          po.number,
          db.date(new Date()),
        );
      }
      const lines = await db.all('SELECT * FROM "PurchaseOrderLine" WHERE "purchaseOrderId" = ?', po.id);
      const status = lines.every((l) => l.receivedQty >= l.quantity) ? 'received' : 'partially_received';
      await db.run('UPDATE "PurchaseOrder" SET "status" = ?, "updatedAt" = ? WHERE "id" = ?', status, db.date(new Date()), po.id);
      await db.run(
        'INSERT INTO "GoodsReceipt" ("reference", "purchaseOrderId", "receivedBy", "lines", "receivedAt") VALUES (?, ?, ?, ?, ?)',
        input.reference,
        po.id,
        input.receivedBy,
        JSON.stringify(input.lines),
        db.date(new Date(input.at)),
      );
      await audit(db, input.receivedBy, 'purchase-order.goods-received', 'PurchaseOrder', po.number, {
        reference: input.reference,
        lines: input.lines,
      });
      return true;
    });
    // purchaseOrderInfo: the PO with its lines, its supplier, the products' SKUs and the pending inspections.
    const po = (await db.one('SELECT * FROM "PurchaseOrder" WHERE "number" = ?', input.poNumber))!;
    const lines = await db.all('SELECT * FROM "PurchaseOrderLine" WHERE "purchaseOrderId" = ? ORDER BY "lineNo"', po.id);
    const supplier = (await db.one('SELECT * FROM "Supplier" WHERE "id" = ?', po.supplierId))!;
    const skus = new Map<number, string>();
    for (const l of lines) skus.set(l.productId, (await db.one('SELECT * FROM "Product" WHERE "id" = ?', l.productId))!.sku);
    await db.all('SELECT * FROM "IncomingInspection" WHERE "purchaseOrderId" = ? AND "status" = \'pending\' ORDER BY "id"', po.id);
    return {
      number: po.number,
      supplierCode: supplier.code,
      status: po.status,
      lines: lines.map((l) => ({ lineNo: l.lineNo, sku: skus.get(l.productId)!, quantity: l.quantity, receivedQty: l.receivedQty })),
    };
  };
}

/**
 * `createManufacturingOrder` (domain/production/create-manufacturing-order.ts: the active BoM's routing
 * exploded into work orders) followed by `materialNeeds` (activities/production/materials.ts: its lines
 * into material requirements, batches and scrap rounded up).
 */
export function rawBomExplosion(db: RawDb) {
  return async (input: { key: string; sku: string; quantity: number }) => {
    let mo = await db.one('SELECT * FROM "ManufacturingOrder" WHERE "key" = ?', input.key);
    if (!mo) {
      const bom = (await db.one(
        'SELECT * FROM "Bom" WHERE "productSku" = ? AND "purpose" = \'manufacture\' AND "active" = TRUE ORDER BY "version" DESC LIMIT 1',
        input.sku,
      ))!;
      const routing = await db.all('SELECT * FROM "RoutingStep" WHERE "bomId" = ? ORDER BY "sequence"', bom.id);
      mo = await db.tx(async () => {
        const seq = await db.one(
          'INSERT INTO "Sequence" ("name", "next") VALUES (\'manufacturing-order\', 2) ON CONFLICT ("name") DO UPDATE SET "next" = "Sequence"."next" + 1 RETURNING "next"',
        );
        const now = db.date(new Date());
        const created = (await db.one(
          'INSERT INTO "ManufacturingOrder" ("number", "key", "productSku", "quantity", "purpose", "bomId", "status", "parentType", "requestedBy", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, \'planned\', \'planner\', \'bench\', ?, ?) RETURNING *',
          `MO-${String(seq!.next - 1).padStart(5, '0')}`,
          input.key,
          input.sku,
          input.quantity,
          bom.purpose,
          bom.id,
          now,
          now,
        ))!;
        for (const step of routing)
          await db.run(
            'INSERT INTO "WorkOrder" ("moId", "sequence", "name", "workCenterId", "status", "minutesPlanned") VALUES (?, ?, ?, ?, \'planned\', ?)',
            created.id,
            step.sequence,
            step.name,
            step.workCenterId,
            step.setupMinutes + step.minutesPerUnit * input.quantity,
          );
        return created;
      });
    }
    const order = (await db.one('SELECT * FROM "ManufacturingOrder" WHERE "number" = ?', mo.number))!;
    const bom = (await db.one('SELECT * FROM "Bom" WHERE "id" = ?', order.bomId))!;
    const bomLines = await db.all('SELECT * FROM "BomLine" WHERE "bomId" = ?', bom.id);
    const batches = Math.ceil(order.quantity / bom.outputQty);
    const totals = new Map<string, number>();
    for (const line of bomLines)
      totals.set(
        line.componentSku,
        (totals.get(line.componentSku) ?? 0) + Math.ceil((batches * line.quantity * (10_000 + line.scrapBp)) / 10_000),
      );
    const skus = [...totals.keys()];
    const made = new Set(
      (
        await db.all(
          `SELECT "productSku" FROM "Bom" WHERE "productSku" IN (${skus.map(() => '?').join(', ')}) AND "purpose" = 'manufacture' AND "active" = TRUE`,
          ...skus,
        )
      ).map((b) => b.productSku),
    );
    return { number: order.number, needs: skus.sort().map((sku) => ({ sku, quantity: totals.get(sku)!, manufactured: made.has(sku) })) };
  };
}
