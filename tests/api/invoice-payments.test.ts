// Invoices no process owns (service work) are paid directly; an order's invoice is paid on the order.
import { postCustomerInvoice } from '../../activities/operations/customer-invoice';
import { startHarness, type Harness } from '../support/harness';
import { customer, orderBody, product, receivableOf } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

test('a service invoice is paid in parts, replayed payments add nothing, overpayment is refused', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { price: 50, taxPct: 20 });
  const { number } = await db.$transaction((tx) =>
    postCustomerInvoice(tx, {
      key: `test:${c.code}`,
      customer: c,
      source: 'service work',
      issuedAt: new Date(),
      lines: [{ productId: p.id, description: 'Repair', quantity: 2, unitPriceCents: 5_000, taxRateBp: 2_000 }],
    }),
  );
  expect(await receivableOf(db, c.code)).toBe(12_000);
  const first = await h.post(`/api/invoices/${number}/payments`, { reference: `PAY-${number}-1`, amount: 20 });
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({ status: 'partially_paid', paid: 20, outstanding: 100 });
  const replay = await h.post(`/api/invoices/${number}/payments`, { reference: `PAY-${number}-1`, amount: 20 });
  expect(replay.status).toBe(200);
  expect(replay.body.paid).toBe(20);
  const over = await h.post(`/api/invoices/${number}/payments`, { reference: `PAY-${number}-2`, amount: 150 });
  expect(over.status).toBe(409);
  expect(over.body.error.message).toMatch(/exceeds the outstanding 100.00/);
  expect((await h.post(`/api/invoices/${number}/payments`, { reference: `PAY-${number}-3`, amount: 100 }, 'approver')).status).toBe(403);
  expect((await h.post(`/api/invoices/${number}/payments`, { reference: `PAY-${number}-3`, amount: 100 })).body).toMatchObject({
    status: 'paid',
    outstanding: 0,
  });
  expect(await receivableOf(db, c.code)).toBe(0);
  expect((await h.post(`/api/invoices/${number}/payments`, { reference: `PAY-${number}-4`, amount: 1 })).status).toBe(409);
  expect((await h.get('/api/invoices/INV-99999')).status).toBe(404);
});

test("an order's invoice is refused here and points to the order", async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { stock: 3 });
  const { body } = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 1 }]));
  await h.waitForStatus(body.number, 'awaiting_delivery');
  await h.post(`/api/orders/${body.number}/delivery-confirmation`, {});
  await h.waitForStatus(body.number, 'awaiting_payment');
  const invoice = await db.invoice.findFirstOrThrow({ where: { order: { number: body.number } } });
  const res = await h.post(`/api/invoices/${invoice.number}/payments`, { reference: `X-${invoice.number}`, amount: 1 });
  expect(res.status).toBe(409);
  expect(res.body.error.message).toContain(`POST /api/orders/${body.number}/payments`);
  expect(await db.payment.count({ where: { invoiceId: invoice.id } })).toBe(0);
});
