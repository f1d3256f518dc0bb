// Suppliers (terms, price lists, on-time rate) and work centers kept through the API, with
// validation by field, duplicates refused, roles enforced and every change audited.
import { startHarness, type Harness } from '../support/harness';
import { product, uniq } from '../support/fixtures';
import { supplier } from '../procurement/support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const put = (path: string, body: unknown, as: 'manager' | 'buyer' = 'manager') => h.api('PUT', path, { body, as });
const patch = (path: string, body: unknown, as: 'manager' | 'planner' = 'manager') => h.api('PATCH', path, { body, as });
const fields = (res: { body: { error: { details: { field: string }[] } } }) => res.body.error.details.map((d) => d.field).sort();

/** A purchase order of `supplierId` received once at `receivedAt`. */
async function receivedOrder(supplierId: number, dates: { requested: string; promised: string | null; received: string }) {
  const db = h.stores.operations;
  const req = await db.requisition.create({
    data: { number: uniq('REQ'), requester: 'test', costCenter: 'CC-1', justification: 'stock', status: 'ordered', totalCents: 0 },
  });
  const po = await db.purchaseOrder.create({
    data: {
      number: uniq('PO'),
      requisitionId: req.id,
      supplierId,
      status: 'received',
      requestedDate: new Date(dates.requested),
      promisedDate: dates.promised ? new Date(dates.promised) : null,
      totalCents: 0,
    },
  });
  await db.goodsReceipt.create({
    data: { reference: `DN-${po.number}`, purchaseOrderId: po.id, receivedBy: 'test', lines: '[]', receivedAt: new Date(dates.received) },
  });
  return po.number;
}

test('on-time rate: receipts on or before the promised day count, a later one does not', async () => {
  const s = await supplier(h);
  expect((await h.get(`/api/suppliers/${s.code}`)).body.delivery).toMatchObject({ receipts: 0, onTimeRatePercent: null });
  await receivedOrder(s.id, { requested: '2026-03-05', promised: '2026-03-10', received: '2026-03-10T18:30:00Z' }); // on the day
  const late = await receivedOrder(s.id, { requested: '2026-03-05', promised: '2026-03-12', received: '2026-03-14T08:00:00Z' });
  // Never confirmed: held to the requested date.
  await receivedOrder(s.id, { requested: '2026-03-20', promised: null, received: '2026-03-19T09:00:00Z' });

  const res = await h.get(`/api/suppliers/${s.code}`, 'buyer');
  expect(res.body.delivery).toEqual({
    receipts: 3,
    onTime: 2,
    late: 1,
    onTimeRatePercent: 66.7,
    lateReceipts: [{ purchaseOrder: late, reference: `DN-${late}`, promised: '2026-03-12', receivedAt: '2026-03-14T08:00:00.000Z' }],
  });
  // Over the latest receipt only.
  expect((await h.get(`/api/suppliers/${s.code}?receipts=1`)).body.delivery).toMatchObject({ receipts: 1, onTimeRatePercent: 100 });
  expect((await h.get(`/api/suppliers/${s.code}?receipts=0`)).status).toBe(400);
});

test('creating a supplier and setting its prices: the preference moves, 400/404/409/403, audited', async () => {
  const db = h.stores.operations;
  const code = uniq('S');
  const body = { code, name: 'Nordic Fasteners', email: 'orders@nordic.example', apiUrl: 'http://127.0.0.1:9/suppliers/NF' };
  expect((await h.post('/api/suppliers', body, 'buyer')).status).toBe(403);
  const created = await h.post('/api/suppliers', { ...body, earlyPayDiscount: 2, earlyPayDays: 10 }, 'manager');
  expect(created.status).toBe(201);
  expect(created.body).toEqual({ ...body, paymentTermDays: 30, earlyPayDiscount: 2, earlyPayDays: 10 });
  expect((await db.supplier.findUniqueOrThrow({ where: { code } })).earlyPayDiscountBp).toBe(200);
  expect((await h.post('/api/suppliers', body, 'manager')).status).toBe(409);
  const bad = await h.post('/api/suppliers', { ...body, code: uniq('S'), apiUrl: 'ftp://nordic', earlyPayDiscount: 2.555 }, 'manager');
  expect(fields(bad)).toEqual(['apiUrl', 'earlyPayDiscount']);
  expect((await patch(`/api/suppliers/${code}`, { paymentTermDays: 45 })).body.paymentTermDays).toBe(45);

  const p = await product(db, { stock: 0 });
  const other = await supplier(h);
  await db.supplierPrice.create({ data: { supplierId: other.id, productId: p.id, priceCents: 500, leadTimeDays: 3, preferred: true } });
  const first = await put(`/api/suppliers/${code}/prices/${p.sku}`, { price: 4.2, leadTimeDays: 7 });
  expect(first.status).toBe(201);
  expect(first.body).toEqual({ supplier: code, sku: p.sku, price: 4.2, leadTimeDays: 7, minOrderQty: 1, preferred: false });
  const again = await put(`/api/suppliers/${code}/prices/${p.sku}`, { price: 4.5, leadTimeDays: 7, minOrderQty: 10, preferred: true });
  expect(again.status).toBe(200);
  expect(await db.supplierPrice.findMany({ where: { productId: p.id, preferred: true }, include: { supplier: true } })).toEqual([
    expect.objectContaining({ priceCents: 450, minOrderQty: 10, supplier: expect.objectContaining({ code }) }),
  ]);
  expect((await put(`/api/suppliers/${code}/prices/NO-SUCH-SKU`, { price: 1, leadTimeDays: 1 })).status).toBe(404);
  expect(fields(await put(`/api/suppliers/${code}/prices/${p.sku}`, { price: 0, leadTimeDays: -1 }))).toEqual(['leadTimeDays', 'price']);
  expect((await put(`/api/suppliers/${code}/prices/${p.sku}`, { price: 1, leadTimeDays: 1 }, 'buyer')).status).toBe(403);

  const view = await h.get(`/api/suppliers/${code}`);
  expect(view.body.prices).toEqual([{ sku: p.sku, name: p.name, price: 4.5, leadTimeDays: 7, minOrderQty: 10, preferred: true }]);
  const audit = await db.auditLog.findMany({ where: { entityType: 'Supplier', entityRef: code }, orderBy: { id: 'asc' } });
  expect(audit.map((a) => a.action)).toEqual(['supplier.created', 'supplier.updated', 'supplier.price_created', 'supplier.price_updated']);
  expect(JSON.parse(audit[3].data)).toEqual({
    sku: p.sku,
    changes: { price: { from: 4.2, to: 4.5 }, minOrderQty: { from: 1, to: 10 }, preferred: { from: false, to: true } },
    preferenceRemovedFrom: [other.code],
  });
  expect((await h.get(`/api/suppliers?q=${code.toLowerCase()}`)).body).toMatchObject({ total: 1, items: [{ code }] });
});

test('creating and changing a work center: calendar validated, slots in use kept, audited in the operations log', async () => {
  const code = uniq('WC');
  const body = {
    code,
    name: 'Laser cutter',
    slots: 2,
    timezone: 'America/Chicago',
    workdays: [6, 1, 2, 3, 4, 5],
    openMinute: 420,
    closeMinute: 960,
    holidays: ['2026-12-25'],
    costPerHour: 80,
    labourPerHour: 35.5,
  };
  expect((await h.post('/api/work-centers', body, 'planner')).status).toBe(403);
  const created = await h.post('/api/work-centers', body, 'manager');
  expect(created.status).toBe(201);
  expect(created.body).toEqual({ ...body, workdays: [1, 2, 3, 4, 5, 6], status: 'available', controllerUrl: null });
  expect((await h.get(`/api/work-centers/${code}`)).body.calendar).toMatchObject({ timezone: 'America/Chicago', openMinute: 420 });
  expect((await h.post('/api/work-centers', body, 'admin')).status).toBe(409);
  const bad = await h.post('/api/work-centers', { ...body, code: uniq('WC'), timezone: 'Mars/Olympus', closeMinute: 400 }, 'manager');
  expect(fields(bad)).toEqual(['closeMinute', 'timezone']);
  expect(fields(await patch(`/api/work-centers/${code}`, { closeMinute: 300 }))).toEqual(['closeMinute']);
  expect((await patch(`/api/work-centers/${code}`, { slots: 1 }, 'planner')).status).toBe(403);

  // A work order planned on the second slot keeps it.
  const prod = h.stores.production;
  const center = await prod.workCenter.findUniqueOrThrow({ where: { code } });
  const bom = await prod.bom.create({ data: { productSku: uniq('MFG') } });
  const mo = await prod.manufacturingOrder.create({
    data: {
      number: uniq('MO'),
      key: uniq('k'),
      productSku: bom.productSku,
      quantity: 1,
      bomId: bom.id,
      status: 'planned',
      parentType: 'planner',
      requestedBy: 'test',
    },
  });
  const wo = await prod.workOrder.create({
    data: { moId: mo.id, sequence: 10, name: 'Cut', workCenterId: center.id, slot: 1, status: 'planned', minutesPlanned: 30 },
  });
  const refused = await patch(`/api/work-centers/${code}`, { slots: 1 });
  expect(refused.status).toBe(409);
  expect(refused.body.error.message).toMatch(/beyond the first 1/);
  await prod.workOrder.update({ where: { id: wo.id }, data: { status: 'done' } });

  const changed = await patch(`/api/work-centers/${code}`, {
    slots: 1,
    timezone: 'Europe/Paris',
    controllerUrl: 'http://127.0.0.1:9/machines/X',
  });
  expect(changed.status).toBe(200);
  expect(await prod.workCenter.findUniqueOrThrow({ where: { code } })).toMatchObject({ slots: 1, timezone: 'Europe/Paris' });
  const audit = await h.stores.operations.auditLog.findMany({
    where: { entityType: 'WorkCenter', entityRef: code },
    orderBy: { id: 'asc' },
  });
  expect(audit.map((a) => [a.action, a.actor])).toEqual([
    ['work_center.created', 'Mona Manager'],
    ['work_center.updated', 'Mona Manager'],
  ]);
  expect(JSON.parse(audit[1].data).changes).toEqual({
    slots: { from: 2, to: 1 },
    timezone: { from: 'America/Chicago', to: 'Europe/Paris' },
    controllerUrl: { from: null, to: 'http://127.0.0.1:9/machines/X' },
  });
});

test('the same new price entry set by several calls at once: one creates it, the others update it, none fails', async () => {
  const db = h.stores.operations;
  const s = await supplier(h);
  const p = await product(db, { price: 9, stock: 0 });
  const calls = await Promise.all(
    [4.1, 4.2, 4.3, 4.4].map((price) => put(`/api/suppliers/${s.code}/prices/${p.sku}`, { price, leadTimeDays: 5 })),
  );
  expect(calls.map((c) => c.status).sort()).toEqual([200, 200, 200, 201]);
  const entries = await db.supplierPrice.findMany({ where: { supplierId: s.id, productId: p.id } });
  expect(entries).toHaveLength(1);
  expect([410, 420, 430, 440]).toContain(entries[0].priceCents);
  const audits = await db.auditLog.findMany({ where: { entityRef: s.code, action: { startsWith: 'supplier.price_' } } });
  expect(audits.map((a) => a.action).sort()).toEqual(['supplier.price_created', ...Array(3).fill('supplier.price_updated')]);
});
