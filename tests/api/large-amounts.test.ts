// Amounts above 21,474,836.47 (2^31 cents) go through the whole process on SQLite and PostgreSQL:
// an order to paid and a requisition to an invoiced purchase order, with exact invoices and books.
// Amounts beyond what a number holds exactly are refused at the edge, naming the field.
import { startHarness, type Harness } from '../support/harness';
import { customer, ledgerBalances, orderBody, product, receivableOf } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';
import { boughtProduct, openTaskFor, purchaseOrderOf, requisitionBody, supplier, waitPo, waitRequisition } from '../procurement/support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

type Balances = Record<string, number>;
const delta = (after: Balances, before: Balances, account: string) => (after[account] ?? 0) - (before[account] ?? 0);

test('an order of 194,400,000.00 goes from credit hold to paid with an exact invoice and ledger', async () => {
  const db = h.stores.operations;
  const c = await customer(db, { creditLimit: 20_000_000 });
  const p = await product(db, { price: 9_000_000, stock: 20, taxPct: 20 });
  const ledger0 = await ledgerBalances(db);

  const created = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 18 }]));
  expect(created.status).toBe(201);
  expect(created.body.total).toBe(194_400_000);
  const number: string = created.body.number;
  expect(await db.salesOrder.findUniqueOrThrow({ where: { number } })).toMatchObject({ netCents: 16_200_000_000, taxCents: 3_240_000_000 });

  // 194,400,000.00 exceeds the 20,000,000.00 limit: an approver lets it through.
  const hold = await h.openTask(number, 'credit-hold');
  expect((await h.decide(hold.id, 'approve', 'approver')).status).toBe(200);
  await h.waitForStatus(number, 'awaiting_delivery');
  expect((await h.post(`/api/orders/${number}/delivery-confirmation`, {})).status).toBe(200);
  await h.waitForStatus(number, 'awaiting_payment');

  const invoice = await db.invoice.findFirstOrThrow({ where: { order: { number } }, include: { lines: true } });
  const amounts = { netCents: 16_200_000_000, taxCents: 3_240_000_000 };
  expect(invoice).toMatchObject({ ...amounts, totalCents: 19_440_000_000, paidCents: 0, status: 'posted' });
  expect(invoice.lines).toEqual([expect.objectContaining({ ...amounts, quantity: 18, unitPriceCents: 900_000_000 })]);
  expect(await receivableOf(db, c.code)).toBe(19_440_000_000);
  const ledger1 = await ledgerBalances(db);
  expect(delta(ledger1, ledger0, '4000')).toBe(-16_200_000_000);
  expect(delta(ledger1, ledger0, '2100')).toBe(-3_240_000_000);

  expect((await h.post(`/api/orders/${number}/payments`, { reference: `${number}-A`, amount: 99_999_999.99 })).status).toBe(201);
  expect((await h.post(`/api/orders/${number}/payments`, { reference: `${number}-B`, amount: 94_400_000.01 })).status).toBe(201);
  await h.waitForStatus(number, 'paid');
  expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ paidCents: 19_440_000_000, status: 'paid' });
  expect(await receivableOf(db, c.code)).toBe(0);
  expect(delta(await ledgerBalances(db), ledger0, '1000')).toBe(19_440_000_000);
  const view = await h.get(`/api/orders/${number}`);
  expect(view.body).toMatchObject({ status: 'paid', invoices: [{ status: 'paid', total: 194_400_000, outstanding: 0 }] });
});

test('a customer with a credit limit near the exact maximum orders without a hold', async () => {
  const db = h.stores.operations;
  const c = await customer(db, { creditLimit: 90_000_000_000_000 });
  expect(c.creditLimitCents).toBe(9_000_000_000_000_000);
  const p = await product(db, { price: 9_000_000, stock: 5, taxPct: 0 });
  const created = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 3 }]));
  expect(created.status).toBe(201);
  await h.waitForStatus(created.body.number, 'awaiting_delivery');
  expect(await db.task.count({ where: { documentRef: created.body.number, kind: 'credit-hold' } })).toBe(0);
});

test('a requisition of 27,000,000.00 is approved, ordered, received and invoiced exactly', async () => {
  const db = h.stores.operations;
  const s = await supplier(h);
  const p = await boughtProduct(h, s, 9_000_000);
  const ledger0 = await ledgerBalances(db);
  const res = await h.post('/api/requisitions', requisitionBody([{ sku: p.sku, quantity: 3 }]), 'requester');
  expect(res.status).toBe(201);
  const number: string = res.body.number;
  expect((await db.requisition.findUniqueOrThrow({ where: { number } })).totalCents).toBe(2_700_000_000);

  const first = await openTaskFor(h, number, 'requisition-approval');
  expect((await h.decide(first.id, 'approve', 'finance')).status).toBe(200);
  const managerTask = { documentRef: number, kind: 'requisition-approval', status: 'open', role: 'manager' };
  const second = await h.eventually(() => db.task.findFirst({ where: managerTask }), 'manager task');
  expect((await h.decide(second.id, 'approve', 'manager')).status).toBe(200);
  await waitRequisition(h, number, 'ordering');

  const po = await purchaseOrderOf(h, number);
  expect(po.totalCents).toBe(2_700_000_000);
  expect(po.lines[0].unitPriceCents).toBe(900_000_000);
  await waitPo(h, po.number, 'awaiting_goods');
  const received = await h.post(
    `/api/purchase-orders/${po.number}/receipts`,
    { reference: `DN-${po.number}`, lines: [{ lineNo: 1, quantity: 3 }] },
    'warehouse',
  );
  expect(received.status).toBe(201);
  await waitPo(h, po.number, 'awaiting_invoice');
  const invoiceDate = new Date().toISOString().slice(0, 10);
  const invoiced = await h.post(
    `/api/purchase-orders/${po.number}/invoices`,
    { supplierRef: `INV-${po.number}`, invoiceDate, lines: [{ lineNo: 1, quantity: 3, unitPrice: 9_000_000 }] },
    'ap_clerk',
  );
  expect(invoiced.status).toBe(201);
  await waitPo(h, po.number, 'invoiced');
  const view = await h.get(`/api/purchase-orders/${po.number}`, 'buyer');
  expect(view.body.invoices[0]).toMatchObject({ status: 'approved', total: 27_000_000, match: { matched: true } });
  expect(delta(await ledgerBalances(db), ledger0, '2000')).toBe(-2_700_000_000);
});

test('amounts and quantities beyond what the stores hold exactly are refused, naming the field', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { stock: 5 });
  const created = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 1 }]));
  const tooMuch = await h.post(`/api/orders/${created.body.number}/payments`, { reference: 'BIG-1', amount: 90_071_992_547_410 });
  expect(tooMuch.status).toBe(400);
  expect(tooMuch.body.error.details).toEqual([expect.objectContaining({ field: 'amount' })]);

  const s = await supplier(h);
  const bought = await boughtProduct(h, s, 10);
  const req = await h.post('/api/requisitions', requisitionBody([{ sku: bought.sku, quantity: 1 }]), 'requester');
  const po = await purchaseOrderOf(h, req.body.number);
  const hugeQty = await h.post(
    `/api/purchase-orders/${po.number}/invoices`,
    { supplierRef: `INV-${po.number}`, invoiceDate: '2026-11-25', lines: [{ lineNo: 1, quantity: 3_000_000_000, unitPrice: 10 }] },
    'ap_clerk',
  );
  expect(hugeQty.status).toBe(400);
  expect(hugeQty.body.error.details).toEqual([expect.objectContaining({ field: 'lines.0.quantity' })]);
  const hugePrice = await h.post(
    `/api/purchase-orders/${po.number}/invoices`,
    { supplierRef: `INV-${po.number}`, invoiceDate: '2026-11-25', lines: [{ lineNo: 1, quantity: 1, unitPrice: 1e14 }] },
    'ap_clerk',
  );
  expect(hugePrice.status).toBe(400);
  expect(hugePrice.body.error.details).toEqual([expect.objectContaining({ field: 'lines.0.unitPrice' })]);
  expect(await db.supplierInvoice.count({ where: { purchaseOrder: { number: po.number } } })).toBe(0);
  // Let the order settle, so the stock checks after the test do not read it halfway through reserving.
  await h.waitForStatus(created.body.number, 'awaiting_delivery');
});
