// A delivery confirmation naming a line the shipment does not carry, or more than was shipped, is a
// 400 naming the field and writes nothing; an order for a date already past is refused the same way.
import { startHarness, type Harness } from '../support/harness';
import { customer, orderBody, product } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

const utcDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

test('delivery lines that the shipment does not carry, or above what was shipped, are refused and nothing is written', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { stock: 10 });
  const q = await product(db, { stock: 10 });
  const { body } = await h.post(
    '/api/orders',
    orderBody(c.code, [
      { sku: p.sku, quantity: 3 },
      { sku: q.sku, quantity: 2 },
    ]),
  );
  await h.waitForStatus(body.number, 'awaiting_delivery');
  const audit = await db.auditLog.count();

  const cases: [unknown[], string][] = [
    [[{ lineNo: 7, deliveredQuantity: 1 }], 'lines.0.lineNo'],
    [[{ lineNo: 1, deliveredQuantity: 4 }], 'lines.0.deliveredQuantity'],
    [
      [
        { lineNo: 2, deliveredQuantity: 2 },
        { lineNo: 1, deliveredQuantity: 99 },
      ],
      'lines.1.deliveredQuantity',
    ],
    [
      [
        { lineNo: 1, deliveredQuantity: 1 },
        { lineNo: 1, deliveredQuantity: 2 },
      ],
      'lines.1.lineNo',
    ],
  ];
  for (const [lines, field] of cases) {
    const res = await h.post(`/api/orders/${body.number}/delivery-confirmation`, { lines });
    expect({ lines, status: res.status, code: res.body.error?.code }).toEqual({ lines, status: 400, code: 'INVALID_INPUT' });
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual([field]);
  }
  expect(await db.auditLog.count()).toBe(audit);
  expect(await db.shipment.findFirstOrThrow({ where: { order: { number: body.number } } })).toMatchObject({
    status: 'shipped',
    deliveredAt: null,
  });
  expect(await db.salesOrderLine.findMany({ where: { order: { number: body.number } }, select: { deliveredQty: true } })).toEqual([
    { deliveredQty: 0 },
    { deliveredQty: 0 },
  ]);
  expect(await db.invoice.count({ where: { order: { number: body.number } } })).toBe(0);

  // A correct short delivery is still accepted and invoiced on what arrived.
  const ok = await h.post(`/api/orders/${body.number}/delivery-confirmation`, { lines: [{ lineNo: 1, deliveredQuantity: 2 }] });
  expect(ok.status).toBe(200);
  expect(ok.body.lines.map((l: { deliveredQty: number }) => l.deliveredQty)).toEqual([2, 2]);
  await h.waitForStatus(body.number, 'awaiting_payment');
});

test('an order for a date already past is refused naming requestedDate; today and later are accepted', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { stock: 10 });
  const orders = await db.salesOrder.count();
  const past = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 1 }], { requestedDate: utcDay(-1) }));
  expect(past.status).toBe(400);
  expect(past.body.error.details.map((d: { field: string }) => d.field)).toEqual(['requestedDate']);
  expect(await db.salesOrder.count()).toBe(orders);
  for (const requestedDate of [utcDay(0), utcDay(1)]) {
    const res = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 1 }], { requestedDate }));
    expect(res.status).toBe(201);
    expect(res.body.requestedDate).toBe(requestedDate);
  }
});
