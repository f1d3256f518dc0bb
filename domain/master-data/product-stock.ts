// Where a product's stock is and what is coming or owed: per warehouse on hand, reserved and free,
// what open purchase orders will still bring, and what customers wait for on backorder.
import type { OperationsDb, ProductionDb } from '../../db/clients';
import type { Product } from '../../generated/operations/sqlite/client';
import { QUALITY_HOLD_WAREHOUSE, RETURNS_WAREHOUSE } from '../../db/reference-data';
import { notFound } from '../errors';
import { productFieldsOf } from './products';
import { pageOf, type PageQuery } from '../paging';
import { textFilter } from './records';

/** Purchase orders that may still deliver (a draft is ordered as soon as it is sent). */
export const OPEN_PO_STATUSES = ['draft', 'sent', 'confirmed', 'partially_received'];
// Stock in these is never sold or reserved: it waits for an inspector first.
const HOLDS = [QUALITY_HOLD_WAREHOUSE, RETURNS_WAREHOUSE];
const SHOWN_FIRST = ['MAIN', ...HOLDS];

const order = (code: string) => (SHOWN_FIRST.includes(code) ? SHOWN_FIRST.indexOf(code) : SHOWN_FIRST.length);

export interface WarehouseStock {
  warehouse: string;
  hold: boolean;
  onHand: number;
  reserved: number;
  free: number;
  incoming: number;
  backordered: number;
}

export async function stockByWarehouse(db: OperationsDb, p: Product): Promise<WarehouseStock[]> {
  const [warehouses, levels, backorders, poLines] = await Promise.all([
    db.warehouse.findMany(),
    db.stockLevel.findMany({ where: { productId: p.id } }),
    db.backorder.findMany({ where: { productId: p.id, status: 'open' }, select: { warehouseId: true, quantity: true } }),
    db.purchaseOrderLine.findMany({
      where: { productId: p.id, purchaseOrder: { status: { in: OPEN_PO_STATUSES } } },
      select: { quantity: true, receivedQty: true },
    }),
  ]);
  // Purchased goods arrive in MAIN, or in the inspection hold when the product is inspected on receipt.
  const receiving = p.inspectOnReceipt ? QUALITY_HOLD_WAREHOUSE : 'MAIN';
  const incoming = poLines.reduce((s, l) => s + Math.max(0, l.quantity - l.receivedQty), 0);
  return warehouses
    .sort((a, b) => order(a.code) - order(b.code) || a.code.localeCompare(b.code))
    .map((w) => {
      const level = levels.find((l) => l.warehouseId === w.id);
      const onHand = level?.onHand ?? 0;
      const reserved = level?.reserved ?? 0;
      const hold = HOLDS.includes(w.code);
      return {
        warehouse: w.code,
        hold,
        onHand,
        reserved,
        free: hold ? 0 : onHand - reserved,
        incoming: w.code === receiving ? incoming : 0,
        backordered: backorders.filter((b) => b.warehouseId === w.id).reduce((s, b) => s + b.quantity, 0),
      };
    });
}

/** Active bills of materials per purpose (manufacture: how it is made; repair: how a returned unit is mended). */
async function bomsOf(db: ProductionDb, sku: string) {
  const boms = await db.bom.findMany({ where: { productSku: sku, active: true }, select: { purpose: true } });
  return { manufacture: boms.filter((b) => b.purpose === 'manufacture').length, repair: boms.filter((b) => b.purpose === 'repair').length };
}

export async function getProduct(db: OperationsDb, production: ProductionDb, sku: string) {
  const p = await db.product.findUnique({ where: { sku } });
  if (!p) throw notFound(`Product ${sku}`);
  const stock = await stockByWarehouse(db, p);
  return { ...productFieldsOf(p), stock, boms: await bomsOf(production, sku) };
}

export async function listProducts(
  db: OperationsDb,
  q: PageQuery & { kind?: string; category?: string; q?: string; active?: 'true' | 'false' },
) {
  const where = {
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.category ? { category: q.category } : {}),
    ...(q.active ? { active: q.active === 'true' } : {}),
    ...(q.q ? { OR: [{ sku: textFilter(db, q.q) }, { name: textFilter(db, q.q) }] } : {}),
  };
  return pageOf(
    q,
    () => db.product.count({ where }),
    (window) => db.product.findMany({ where, orderBy: { sku: 'asc' }, ...window, include: { stock: { include: { warehouse: true } } } }),
    (p) => {
      const sellable = p.stock.filter((s) => !HOLDS.includes(s.warehouse.code));
      const onHand = sellable.reduce((s, l) => s + l.onHand, 0);
      const f = productFieldsOf(p);
      return {
        sku: f.sku,
        name: f.name,
        kind: f.kind,
        category: f.category,
        listPrice: f.listPrice,
        active: f.active,
        onHand,
        free: onHand - sellable.reduce((s, l) => s + l.reserved, 0),
      };
    },
  );
}
