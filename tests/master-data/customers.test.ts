// Customers through the API: the credit position after real orders, an invoice and partial
// payments, and keeping the customer master with validation and audit.
import { postCustomerInvoice } from '../../activities/operations/customer-invoice';
import { startHarness, type Harness } from '../support/harness';
import { customer, orderBody, product, uniq } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

const DAY_MS = 86_400_000;

test('exposure is open receivables plus open orders not yet invoiced; overdue is what is past due', async () => {
  const db = h.stores.operations;
  const c = await customer(db, { creditLimit: 1000, paymentTermDays: 30 });
  const p = await product(db, { price: 50, taxPct: 20, stock: 10 });

  // Invoiced and partly paid: 120 invoiced, 20 paid.
  const invoiced = (await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 2 }]))).body.number;
  await h.waitForStatus(invoiced, 'awaiting_delivery');
  expect((await h.post(`/api/orders/${invoiced}/delivery-confirmation`, {})).status).toBe(200);
  await h.waitForStatus(invoiced, 'awaiting_payment');
  expect((await h.post(`/api/orders/${invoiced}/payments`, { reference: `PAY-${invoiced}`, amount: 20 })).status).toBe(201);
  await h.eventually(
    async () => (await db.invoice.findFirstOrThrow({ where: { order: { number: invoiced } } })).paidCents === 2_000,
    'the payment on the order',
  );
  // Running, not invoiced yet: 60.
  const open = (await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 1 }], { deliverySteps: 2 }))).body.number;
  await h.waitForStatus(open, 'picking');
  // Service work invoiced 60 days ago, due 30 days ago: 60, of which 10 paid.
  const service = await db.$transaction((tx) =>
    postCustomerInvoice(tx, {
      key: `test:${c.code}:service`,
      customer: c,
      source: 'service work',
      issuedAt: new Date(Date.now() - 60 * DAY_MS),
      lines: [{ productId: p.id, description: 'Repair', quantity: 1, unitPriceCents: 5_000, taxRateBp: 2_000 }],
    }),
  );
  expect((await h.post(`/api/invoices/${service.number}/payments`, { reference: `PAY-${service.number}`, amount: 10 })).status).toBe(201);

  const res = await h.get(`/api/customers/${c.code}`, 'agent');
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ code: c.code, paymentTermDays: 30, creditLimit: 1000, invoicePolicy: 'delivered' });
  expect(res.body.credit).toEqual({
    limit: 1000,
    openReceivables: 150,
    overdue: 50,
    openOrders: 60,
    exposure: 210,
    available: 790,
    overLimitBy: 0,
  });

  // A lower limit leaves the same exposure over it.
  await h.api('PATCH', `/api/customers/${c.code}`, { body: { creditLimit: 200 }, as: 'manager' });
  expect((await h.get(`/api/customers/${c.code}`)).body.credit).toMatchObject({ limit: 200, available: 0, overLimitBy: 10 });
});

test('creating and changing a customer: 400 naming the field, 409 on a taken code, 403 without the role, audited', async () => {
  const db = h.stores.operations;
  const code = uniq('C');
  const body = { code, name: 'Harbour Tools Ltd', email: 'ap@harbour.example', creditLimit: 5000, paymentTermDays: 14 };
  expect((await h.post('/api/customers', body, 'operator')).status).toBe(403);
  expect((await h.get(`/api/customers/${code}`, h.portal(code))).status).toBe(403);
  expect((await h.get('/api/customers', 'customer')).status).toBe(403);
  const created = await h.post('/api/customers', body, 'manager');
  expect(created.status).toBe(201);
  expect(created.body).toEqual({ ...body, tier: 'standard', invoicePolicy: 'delivered' });
  expect((await h.post('/api/customers', body, 'manager')).status).toBe(409);

  const bad = await h.post('/api/customers', { ...body, code: 'no spaces', email: 'nope', creditLimit: -1, tier: 'diamond' }, 'manager');
  expect(bad.status).toBe(400);
  expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['code', 'creditLimit', 'email', 'tier']);

  const patch = (b: unknown, as: 'manager' | 'operator' = 'manager') => h.api('PATCH', `/api/customers/${code}`, { body: b, as });
  expect((await patch({ creditLimit: 7500 }, 'operator')).status).toBe(403);
  expect((await patch({ paymentTermDays: 400 })).body.error.details).toEqual([{ field: 'paymentTermDays', message: expect.any(String) }]);
  expect((await patch({ creditLimit: 7500, tier: 'gold', name: body.name })).body).toMatchObject({ creditLimit: 7500, tier: 'gold' });
  expect(await db.customer.findUniqueOrThrow({ where: { code } })).toMatchObject({ creditLimitCents: 750_000, tier: 'gold' });

  const list = await h.get(`/api/customers?q=${code.toLowerCase()}`);
  expect(list.body).toMatchObject({ total: 1, items: [{ code, creditLimit: 7500 }] });
  const audit = await db.auditLog.findMany({ where: { entityType: 'Customer', entityRef: code }, orderBy: { id: 'asc' } });
  expect(audit.map((a) => a.action)).toEqual(['customer.created', 'customer.updated']);
  expect(JSON.parse(audit[1].data)).toEqual({ changes: { creditLimit: { from: 5000, to: 7500 }, tier: { from: 'standard', to: 'gold' } } });
});
