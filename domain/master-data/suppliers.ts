// Suppliers, their price lists and how reliably they deliver; changes are audited with the old value.
import type { OperationsDb } from '../../db/clients';
import { isUniqueViolation } from '../../db/idempotency';
import type { Supplier } from '../../generated/operations/sqlite/client';
import { illegal, notFound } from '../errors';
import { fromCents, toCents } from '../money';
import { pageOf, type PageQuery } from '../paging';
import { audit } from '../../activities/operations/ledger';
import { changesOf, createOnce, textFilter } from './records';
import { deliveryRecord } from './supplier-delivery';

export interface SupplierFields {
  name: string;
  email: string;
  apiUrl: string;
  paymentTermDays: number;
  earlyPayDiscount: number;
  earlyPayDays: number;
}

const fieldsOf = (s: Supplier): SupplierFields & { code: string } => ({
  code: s.code,
  name: s.name,
  email: s.email,
  apiUrl: s.apiUrl,
  paymentTermDays: s.paymentTermDays,
  earlyPayDiscount: s.earlyPayDiscountBp / 100,
  earlyPayDays: s.earlyPayDays,
});

const recordOf = ({ earlyPayDiscount, ...rest }: Partial<SupplierFields>) => ({
  ...rest,
  earlyPayDiscountBp: earlyPayDiscount === undefined ? undefined : toCents(earlyPayDiscount),
});

async function supplierByCode(db: Pick<OperationsDb, 'supplier'>, code: string) {
  const s = await db.supplier.findUnique({ where: { code } });
  if (!s) throw notFound(`Supplier ${code}`);
  return s;
}

export async function getSupplier(db: OperationsDb, code: string, q: { receipts: number }) {
  const s = await supplierByCode(db, code);
  const prices = await db.supplierPrice.findMany({ where: { supplierId: s.id }, include: { product: true } });
  return {
    ...fieldsOf(s),
    prices: prices
      .sort((a, b) => a.product.sku.localeCompare(b.product.sku))
      .map((p) => ({
        sku: p.product.sku,
        name: p.product.name,
        price: fromCents(p.priceCents),
        leadTimeDays: p.leadTimeDays,
        minOrderQty: p.minOrderQty,
        preferred: p.preferred,
      })),
    delivery: await deliveryRecord(db, s.id, q.receipts),
  };
}

export async function listSuppliers(db: OperationsDb, q: PageQuery & { q?: string }) {
  const where = q.q ? { OR: [{ code: textFilter(db, q.q) }, { name: textFilter(db, q.q) }] } : {};
  return pageOf(
    q,
    () => db.supplier.count({ where }),
    (window) => db.supplier.findMany({ where, orderBy: { code: 'asc' }, ...window }),
    fieldsOf,
  );
}

export async function createSupplier(db: OperationsDb, input: SupplierFields & { code: string }, actor: string) {
  return createOnce(`Supplier ${input.code}`, () =>
    db.$transaction(async (tx) => {
      if (await tx.supplier.findUnique({ where: { code: input.code } })) throw illegal(`Supplier ${input.code} already exists`);
      const { earlyPayDiscount, ...rest } = input;
      const s = await tx.supplier.create({ data: { ...rest, earlyPayDiscountBp: toCents(earlyPayDiscount)! } });
      const fields = fieldsOf(s);
      await audit(tx, actor, 'supplier.created', 'Supplier', s.code, fields);
      return fields;
    }),
  );
}

export async function updateSupplier(db: OperationsDb, code: string, input: Partial<SupplierFields>, actor: string) {
  return db.$transaction(async (tx) => {
    const before = await supplierByCode(tx, code);
    const changes = changesOf(fieldsOf(before), input);
    if (!Object.keys(changes).length) return fieldsOf(before);
    const after = await tx.supplier.update({ where: { id: before.id }, data: recordOf(input) });
    await audit(tx, actor, 'supplier.updated', 'Supplier', code, { changes });
    return fieldsOf(after);
  });
}

export interface PriceEntry {
  price: number;
  leadTimeDays: number;
  minOrderQty: number;
  preferred: boolean;
}

/**
 * Sets the supplier's price list entry for a product; `created` when the supplier had none. Two calls
 * creating the same entry at once: the one whose insert loses to the unique key runs again and updates.
 */
export async function setSupplierPrice(db: OperationsDb, code: string, sku: string, input: PriceEntry, actor: string) {
  try {
    return await writeSupplierPrice(db, code, sku, input, actor);
  } catch (e) {
    if (isUniqueViolation(e)) return writeSupplierPrice(db, code, sku, input, actor);
    throw e;
  }
}

function writeSupplierPrice(db: OperationsDb, code: string, sku: string, input: PriceEntry, actor: string) {
  return db.$transaction(async (tx) => {
    const supplier = await supplierByCode(tx, code);
    const product = await tx.product.findUnique({ where: { sku } });
    if (!product) throw notFound(`Product ${sku}`);
    const key = { supplierId_productId: { supplierId: supplier.id, productId: product.id } };
    const before = await tx.supplierPrice.findUnique({ where: key });
    const entry = {
      priceCents: toCents(input.price)!,
      leadTimeDays: input.leadTimeDays,
      minOrderQty: input.minOrderQty,
      preferred: input.preferred,
    };
    // Requisitions buy from the first preferred offer, so two preferred suppliers would make the choice arbitrary.
    const displaced = input.preferred
      ? await tx.supplierPrice.findMany({
          where: { productId: product.id, preferred: true, supplierId: { not: supplier.id } },
          include: { supplier: true },
        })
      : [];
    if (displaced.length)
      await tx.supplierPrice.updateMany({ where: { id: { in: displaced.map((d) => d.id) } }, data: { preferred: false } });
    // A plain insert, not an upsert: PostgreSQL's upsert would let two racing calls both report "created".
    if (before) await tx.supplierPrice.update({ where: key, data: entry });
    else await tx.supplierPrice.create({ data: { ...key.supplierId_productId, ...entry } });
    const view = (e: typeof entry) => ({
      price: fromCents(e.priceCents),
      leadTimeDays: e.leadTimeDays,
      minOrderQty: e.minOrderQty,
      preferred: e.preferred,
    });
    await audit(tx, actor, before ? 'supplier.price_updated' : 'supplier.price_created', 'Supplier', code, {
      sku,
      ...(before ? { changes: changesOf(view(before), view(entry)) } : { entry: view(entry) }),
      ...(displaced.length ? { preferenceRemovedFrom: displaced.map((d) => d.supplier.code) } : {}),
    });
    return { created: !before, entry: { supplier: code, sku, ...view(entry) } };
  });
}
