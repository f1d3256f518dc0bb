// Reorder points: shipping that leaves free stock below a product's reorder point raises a
// requisition through the same path as a requester, and its procure-to-pay process runs on its own.
import { startHarness, type Harness } from '../support/harness';
import { customer, orderBody, product } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

test('stock below the reorder point after shipping raises one requisition, which is ordered from the preferred supplier', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { price: 20, stock: 8 });
  await db.product.update({ where: { id: p.id }, data: { reorderPoint: 5 } });
  const s = await db.supplier.create({
    data: { code: `S-${p.sku}`, name: 'Reorder supplier', email: 'o@s.example', apiUrl: `${h.simulator.url}/suppliers/S-${p.sku}` },
  });
  await db.supplierPrice.create({ data: { supplierId: s.id, productId: p.id, priceCents: 900, leadTimeDays: 4, preferred: true } });

  const first = (await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 4 }]))).body.number;
  await h.waitForStatus(first, 'awaiting_delivery');
  const requisition = await h.eventually(
    () => db.requisition.findFirst({ where: { source: 'reorder_point', sourceRef: p.sku }, include: { lines: true } }),
    'a reorder requisition',
  );
  expect(requisition).toMatchObject({ requester: 'reorder point', costCenter: 'INVENTORY', totalCents: 6 * 900 });
  expect(requisition.lines[0].quantity).toBe(6); // up to twice the reorder point: 10 − 4 free
  expect(requisition.justification).toMatch(new RegExp(`fell to 4 \\(reorder point 5\\) after shipment ${first}-S1`));
  // Within the automatic approval limit, so its process orders at once.
  await h.eventually(
    async () => (await db.requisition.findUniqueOrThrow({ where: { id: requisition.id } })).status === 'ordering',
    'requisition ordering',
  );
  const po = await db.purchaseOrder.findFirstOrThrow({ where: { requisitionId: requisition.id } });
  expect(po.supplierId).toBe(s.id);

  // A second shipment while that requisition is open raises no twin.
  const second = (await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 1 }]))).body.number;
  await h.waitForStatus(second, 'awaiting_delivery');
  expect(await db.requisition.count({ where: { source: 'reorder_point', sourceRef: p.sku } })).toBe(1);
  const history = await h.get(`/api/processes/order-${first}/history`, 'manager');
  expect(history.body.entries.map((e: { step: string }) => e.step)).toContain('raise reorder requisitions');
});

test('goods received on a purchase order release the customer orders waiting for them', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { price: 20, stock: 2 });
  const s = await db.supplier.create({
    data: { code: `S-${p.sku}`, name: 'Supplier', email: 'o@s.example', apiUrl: `${h.simulator.url}/suppliers/S-${p.sku}` },
  });
  await db.supplierPrice.create({ data: { supplierId: s.id, productId: p.id, priceCents: 900, leadTimeDays: 4, preferred: true } });
  const order = (await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 5 }]))).body.number;
  await h.waitForStatus(order, 'backordered');

  const req = await h.post(
    '/api/requisitions',
    { costCenter: 'CC-1', justification: 'Backorder cover', lines: [{ sku: p.sku, quantity: 10, neededBy: '2027-01-10' }] },
    'requester',
  );
  const po = await h.eventually(
    () => db.purchaseOrder.findFirst({ where: { requisition: { number: req.body.number }, status: 'confirmed' } }),
    'a confirmed PO',
  );
  await h.eventually(
    async () => (await h.get(`/api/purchase-orders/${po.number}`, 'buyer')).body.process.status === 'awaiting_goods',
    'PO waiting for goods',
  );
  const receipt = await h.post(
    `/api/purchase-orders/${po.number}/receipts`,
    { reference: `DN-${po.number}`, lines: [{ lineNo: 1, quantity: 10 }] },
    'warehouse',
  );
  expect(receipt.status).toBe(201);
  expect(receipt.body.notifiedOrders).toEqual([order]);
  await h.waitForStatus(order, 'awaiting_delivery');
  expect(await db.salesOrderLine.findFirstOrThrow({ where: { order: { number: order } } })).toMatchObject({
    shippedQty: 5,
    backorderQty: 0,
  });
  expect(await db.stockLevel.findFirstOrThrow({ where: { productId: p.id } })).toMatchObject({ onHand: 7, reserved: 0 });
});
