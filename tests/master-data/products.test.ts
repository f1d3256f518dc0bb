// Products through the API: the stock figures per warehouse after real receipts, orders and
// backorders and an open purchase order, and keeping the product master with validation and audit.
import { startHarness, type Harness } from '../support/harness';
import { customer, orderBody, product, uniq } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';
import { supplier } from '../procurement/support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

/** A purchase order for `productId`, written as the procurement process leaves it. */
async function purchaseOrder(supplierId: number, productId: number, status: string, quantity: number, receivedQty: number) {
  const db = h.stores.operations;
  const req = await db.requisition.create({
    data: { number: uniq('REQ'), requester: 'test', costCenter: 'CC-1', justification: 'stock', status: 'ordered', totalCents: 0 },
  });
  return db.purchaseOrder.create({
    data: {
      number: uniq('PO'),
      requisitionId: req.id,
      supplierId,
      status,
      requestedDate: new Date(),
      totalCents: quantity * 100,
      lines: { create: [{ lineNo: 1, productId, quantity, unitPriceCents: 100, taxRateBp: 0, receivedQty }] },
    },
  });
}

test('stock per warehouse: on hand, reserved, free, incoming and backordered are exact', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { stock: 10, price: 10 });
  const qc = await db.warehouse.findUniqueOrThrow({ where: { code: 'QC' } });
  await db.stockLevel.create({ data: { warehouseId: qc.id, productId: p.id, onHand: 2 } }); // awaiting inspection

  const receipt = await h.post('/api/stock/receipts', { reference: `GRN-${p.sku}`, lines: [{ sku: p.sku, quantity: 5 }] }, 'warehouse');
  expect(receipt.status).toBe(201);
  // Two orders waiting to be picked hold their reservations; the second asks for more than is free.
  const a = (await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 4 }], { deliverySteps: 2 }))).body.number;
  await h.waitForStatus(a, 'picking');
  const b = (await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 14 }], { deliverySteps: 2 }))).body.number;
  await h.waitForStatus(b, 'picking');
  const s = await supplier(h);
  await purchaseOrder(s.id, p.id, 'partially_received', 20, 5);
  await purchaseOrder(s.id, p.id, 'confirmed', 3, 0);
  await purchaseOrder(s.id, p.id, 'cancelled', 50, 0); // will not come
  await purchaseOrder(s.id, p.id, 'received', 7, 7);

  const res = await h.get(`/api/products/${p.sku}`, 'warehouse');
  expect(res.status).toBe(200);
  expect(res.body.stock).toEqual([
    { warehouse: 'MAIN', hold: false, onHand: 15, reserved: 15, free: 0, incoming: 18, backordered: 3 },
    { warehouse: 'QC', hold: true, onHand: 2, reserved: 0, free: 0, incoming: 0, backordered: 0 },
    { warehouse: 'RETURNS', hold: true, onHand: 0, reserved: 0, free: 0, incoming: 0, backordered: 0 },
  ]);
  expect(res.body).toMatchObject({ sku: p.sku, kind: 'stocked', listPrice: 10, taxRate: 20, boms: { manufacture: 0, repair: 0 } });

  // Inspected on receipt: what is on order arrives in the inspection hold, not in MAIN.
  await h.api('PATCH', `/api/products/${p.sku}`, { body: { inspectOnReceipt: true }, as: 'manager' });
  const held = await h.get(`/api/products/${p.sku}`);
  expect(held.body.stock.map((w: { incoming: number }) => w.incoming)).toEqual([0, 18, 0]);

  const list = await h.get(`/api/products?q=${p.sku.slice(2).toLowerCase()}&kind=stocked&active=true`);
  expect(list.body).toMatchObject({ page: 1, total: 1, items: [{ sku: p.sku, onHand: 15, free: 0, listPrice: 10 }] });
});

test('bills of materials are counted by purpose, active ones only', async () => {
  const p = await product(h.stores.operations, { stock: 0 });
  const prod = h.stores.production;
  await prod.bom.create({ data: { productSku: p.sku, purpose: 'manufacture', version: 1, active: false } });
  await prod.bom.create({ data: { productSku: p.sku, purpose: 'manufacture', version: 2 } });
  await prod.bom.create({ data: { productSku: p.sku, purpose: 'repair' } });
  expect((await h.get(`/api/products/${p.sku}`)).body.boms).toEqual({ manufacture: 1, repair: 1 });
});

test('creating and changing a product: 400 naming the field, 409 on a taken SKU, 403 without the role, audited', async () => {
  const db = h.stores.operations;
  const sku = uniq('BOLT');
  const body = { sku, name: 'Bolt M6 zinc', kind: 'component', listPrice: 0.35, standardCost: 0.12, taxRate: 19 };
  expect((await h.post('/api/products', body, 'operator')).status).toBe(403);
  expect((await h.post('/api/products', body, h.portal('C-PORTAL'))).status).toBe(403);
  const created = await h.post('/api/products', body, 'manager');
  expect(created.status).toBe(201);
  expect(created.body).toEqual({
    ...body,
    uom: 'pcs',
    reorderPoint: 0,
    makeToOrder: false,
    inspectOnReceipt: false,
    category: 'general',
    active: true,
  });
  expect(await db.product.findUniqueOrThrow({ where: { sku } })).toMatchObject({
    listPriceCents: 35,
    standardCostCents: 12,
    taxRateBp: 1900,
  });
  expect((await h.post('/api/products', body, 'admin')).status).toBe(409);

  const bad = await h.post('/api/products', { ...body, sku: uniq('X'), kind: 'gadget', listPrice: 1.234, taxRate: 120 }, 'manager');
  expect(bad.status).toBe(400);
  expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['kind', 'listPrice', 'taxRate']);
  const category = await h.post('/api/products', { ...body, sku: uniq('X'), category: 'garden' }, 'manager');
  expect(category.status).toBe(400);
  expect(category.body.error.details).toEqual([{ field: 'category', message: expect.stringContaining('made-to-order') }]);

  const patch = (b: unknown, as: 'manager' | 'warehouse' = 'manager', target = sku) =>
    h.api('PATCH', `/api/products/${target}`, { body: b, as });
  expect((await patch({ listPrice: 0.4 }, 'warehouse')).status).toBe(403);
  expect((await patch({})).status).toBe(400);
  expect((await patch({ category: 'garden' })).body.error.details[0].field).toBe('category');
  expect((await patch({ name: 'x' }, 'manager', 'NO-SUCH-SKU')).status).toBe(404);
  const changed = await patch({ listPrice: 0.4, category: 'made-to-order', name: 'Bolt M6 zinc' });
  expect(changed.status).toBe(200);
  expect(changed.body).toMatchObject({ listPrice: 0.4, category: 'made-to-order' });
  expect((await h.get(`/api/products?q=bolt m6&category=made-to-order`)).body.items.map((i: { sku: string }) => i.sku)).toContain(sku);

  const audit = await db.auditLog.findMany({ where: { entityType: 'Product', entityRef: sku }, orderBy: { id: 'asc' } });
  expect(audit.map((a) => [a.action, a.actor])).toEqual([
    ['product.created', 'Mona Manager'],
    ['product.updated', 'Mona Manager'],
  ]);
  expect(JSON.parse(audit[1].data)).toEqual({
    changes: { listPrice: { from: 0.35, to: 0.4 }, category: { from: 'general', to: 'made-to-order' } },
  });
});
