// Parallel identical and conflicting calls on every money and delivery decision of an order (and on
// service invoices): exactly one effect, the repeats answered 200 duplicate or 409, one process
// event and one history step per effect, and cash in the ledger equal to the payments on file.
// Run it on PostgreSQL too: SQLite serialises writers and hides races.
import { postCustomerInvoice } from '../../activities/operations/customer-invoice';
import { startHarness, type ApiResponse, type Harness } from '../support/harness';
import { customer, orderBody, product } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
afterEach(async () => {
  await assertInvariants(h.stores.operations);
  // Cash only ever comes from payments, so what the ledger posted to cash is what the Payment rows say.
  const db = h.stores.operations;
  const cash = await db.journalLine.aggregate({ where: { accountCode: '1000' }, _sum: { debitCents: true, creditCents: true } });
  const payments = await db.payment.aggregate({ _sum: { amountCents: true } });
  expect((cash._sum.debitCents ?? 0) - (cash._sum.creditCents ?? 0)).toBe(payments._sum.amountCents ?? 0);
});

const N = 10;
const statuses = (rs: ApiResponse[]) => rs.map((r) => r.status).sort();

/** An order of one product for 100.00 (no tax), shipped; delivered and invoiced unless told otherwise. */
async function shippedOrder(): Promise<string> {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { price: 100, taxPct: 0, stock: 5 });
  const created = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 1 }]));
  expect(created.status).toBe(201);
  await h.waitForStatus(created.body.number, 'awaiting_delivery');
  return created.body.number;
}

async function invoicedOrder(): Promise<{ number: string; invoiceNumber: string }> {
  const number = await shippedOrder();
  expect((await h.post(`/api/orders/${number}/delivery-confirmation`, {})).status).toBe(200);
  await h.waitForStatus(number, 'awaiting_payment');
  const invoice = await h.stores.operations.invoice.findFirstOrThrow({ where: { order: { number } } });
  expect(invoice.totalCents).toBe(10_000);
  return { number, invoiceNumber: invoice.number };
}

async function historySteps(number: string, step: string): Promise<number> {
  const history = await h.get(`/api/processes/order-${number}/history`, 'manager');
  expect(history.status).toBe(200);
  return history.body.entries.filter(
    (e: { kind: string; step: string; outcome?: string }) => e.kind === 'step' && e.step === step && e.outcome === 'completed',
  ).length;
}

async function processEvents(number: string, step: string): Promise<number> {
  const view = await h.get(`/api/orders/${number}`);
  return view.body.process.events.filter((e: { step: string }) => e.step === step).length;
}

const pay = (number: string, reference: string, amount: number) => h.post(`/api/orders/${number}/payments`, { reference, amount });

test('two full payments of one order from different references: one is applied, the other refused', async () => {
  const { number, invoiceNumber } = await invoicedOrder();
  const results = await Promise.all([pay(number, `${number}-A`, 100), pay(number, `${number}-B`, 100)]);
  expect(statuses(results)).toEqual([201, 409]);
  expect(results.find((r) => r.status === 409)!.body.error.message).toMatch(/no open invoice|exceeds the outstanding/);
  await h.waitForStatus(number, 'paid');
  const db = h.stores.operations;
  expect(await db.payment.count({ where: { invoice: { number: invoiceNumber } } })).toBe(1);
  expect(await db.invoice.findUniqueOrThrow({ where: { number: invoiceNumber } })).toMatchObject({ paidCents: 10_000, status: 'paid' });
  expect(await processEvents(number, 'payment')).toBe(1);
  expect(await historySteps(number, 'record customer payment')).toBe(1);
});

test('the same payment sent ten times at once is applied once; the repeats are answered as duplicates', async () => {
  const { number, invoiceNumber } = await invoicedOrder();
  const results = await Promise.all(Array.from({ length: N }, () => pay(number, `${number}-SAME`, 100)));
  expect(statuses(results)).toEqual([...Array(N - 1).fill(200), 201]);
  for (const r of results.filter((x) => x.status === 200)) expect(r.body).toMatchObject({ duplicate: true, invoiceNumber });
  await h.waitForStatus(number, 'paid');
  expect(await h.stores.operations.payment.count({ where: { invoice: { number: invoiceNumber } } })).toBe(1);
  expect(await processEvents(number, 'payment')).toBe(1);
  expect(await historySteps(number, 'record customer payment')).toBe(1);
});

test('the same reference with different amounts at once: one is applied, the other is a conflict', async () => {
  const { number, invoiceNumber } = await invoicedOrder();
  const results = await Promise.all([pay(number, `${number}-X`, 30), pay(number, `${number}-X`, 40)]);
  expect(statuses(results)).toEqual([201, 409]);
  expect(results.find((r) => r.status === 409)!.body.error.message).toMatch(/already used/);
  const db = h.stores.operations;
  const rows = await db.payment.findMany({ where: { invoice: { number: invoiceNumber } } });
  expect(rows).toHaveLength(1);
  expect(await db.invoice.findUniqueOrThrow({ where: { number: invoiceNumber } })).toMatchObject({
    paidCents: rows[0].amountCents,
    status: 'partially_paid',
  });
  expect(await processEvents(number, 'payment')).toBe(1);
  // Sent again after the first was applied, the same answers come back.
  const [again, conflict] = [await pay(number, `${number}-X`, rows[0].amountCents / 100), await pay(number, `${number}-X`, 99)];
  expect(again.status).toBe(200);
  expect(again.body.duplicate).toBe(true);
  expect(conflict.status).toBe(409);
  expect(await processEvents(number, 'payment')).toBe(1);
});

test('a bank reference used on one order pays another order normally', async () => {
  const a = await invoicedOrder();
  const b = await invoicedOrder();
  const reference = `SHARED-${a.number}`;
  expect((await pay(a.number, reference, 100)).status).toBe(201);
  const onB = await pay(b.number, reference, 100);
  expect(onB.status).toBe(201);
  expect(onB.body).toMatchObject({ number: b.invoiceNumber, outstandingCents: 0 });
  await h.waitForStatus(b.number, 'paid');
  const db = h.stores.operations;
  expect(await db.invoice.findUniqueOrThrow({ where: { number: b.invoiceNumber } })).toMatchObject({ paidCents: 10_000, status: 'paid' });
  expect(await db.payment.count({ where: { reference } })).toBe(2);
});

test('service-invoice payments in parallel: a full amount twice, and one reference ten times', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { price: 100, taxPct: 0 });
  const invoice = () =>
    db.$transaction((tx) =>
      postCustomerInvoice(tx, {
        key: `test:${c.code}:${Math.random()}`,
        customer: c,
        source: 'service work',
        issuedAt: new Date(),
        lines: [{ productId: p.id, description: 'Repair', quantity: 1, unitPriceCents: 10_000, taxRateBp: 0 }],
      }),
    );
  const payInvoice = (number: string, reference: string, amount: number) =>
    h.post(`/api/invoices/${number}/payments`, { reference, amount });

  const full = await invoice();
  const twice = await Promise.all([payInvoice(full.number, `${full.number}-A`, 100), payInvoice(full.number, `${full.number}-B`, 100)]);
  expect(statuses(twice)).toEqual([201, 409]);
  expect(await db.payment.count({ where: { invoice: { number: full.number } } })).toBe(1);
  expect(await db.invoice.findUniqueOrThrow({ where: { number: full.number } })).toMatchObject({ paidCents: 10_000, status: 'paid' });

  const part = await invoice();
  const same = await Promise.all(Array.from({ length: N }, () => payInvoice(part.number, `${part.number}-P`, 25)));
  expect(same.filter((r) => r.status === 201)).toHaveLength(1);
  expect(same.filter((r) => r.status === 200)).toHaveLength(N - 1);
  expect(await db.payment.count({ where: { invoice: { number: part.number } } })).toBe(1);
  expect(await db.invoice.findUniqueOrThrow({ where: { number: part.number } })).toMatchObject({
    paidCents: 2_500,
    status: 'partially_paid',
  });
  const conflict = await Promise.all([payInvoice(part.number, `${part.number}-Q`, 10), payInvoice(part.number, `${part.number}-Q`, 20)]);
  expect(statuses(conflict)).toEqual([201, 409]);
});

test('one shipment confirmed ten times at once is delivered and invoiced once', async () => {
  const number = await shippedOrder();
  const results = await Promise.all(Array.from({ length: N }, () => h.post(`/api/orders/${number}/delivery-confirmation`, {})));
  expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  expect(results.filter((r) => r.status === 409)).toHaveLength(N - 1);
  await h.waitForStatus(number, 'awaiting_payment');
  const db = h.stores.operations;
  expect(await db.invoice.count({ where: { order: { number } } })).toBe(1);
  expect(await db.salesOrderLine.findFirstOrThrow({ where: { order: { number } } })).toMatchObject({ shippedQty: 1, deliveredQty: 1 });
  expect(await processEvents(number, 'delivered')).toBe(1);
  expect(await historySteps(number, 'confirm shipment delivery')).toBe(1);
});

test('an order cancelled ten times at once is compensated once', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { stock: 5 });
  const { body } = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 2 }], { deliverySteps: 2 }));
  await h.openTask(body.number, 'pick');
  const results = await Promise.all(
    Array.from({ length: N }, () => h.post(`/api/orders/${body.number}/cancel`, { reason: 'customer withdrew the order' })),
  );
  expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  expect(results.filter((r) => r.status === 409)).toHaveLength(N - 1);
  expect(await h.orderStatus(body.number)).toBe('cancelled');
  expect(await db.reservation.count({ where: { orderLine: { order: { number: body.number } }, status: 'released' } })).toBe(1);
  expect(await processEvents(body.number, 'cancelled')).toBe(1);
  expect((await h.env.client.workflow.getHandle(`order-${body.number}`).result()).status).toBe('cancelled');
});

test('a payment racing a cancellation of an order invoiced up front: one of them wins, never both', async () => {
  const db = h.stores.operations;
  const c = await customer(db, { invoicePolicy: 'ordered' });
  const p = await product(db, { price: 100, taxPct: 0, stock: 5 });
  const { body } = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 1 }], { deliverySteps: 2 }));
  await h.openTask(body.number, 'pick');
  const invoice = await h.eventually(
    () => db.invoice.findFirst({ where: { order: { number: body.number }, kind: 'invoice' } }),
    'the up-front invoice',
  );
  const [payment, cancel] = await Promise.all([
    pay(body.number, `${body.number}-R`, 100),
    h.post(`/api/orders/${body.number}/cancel`, { reason: 'customer withdrew the order' }),
  ]);
  const after = await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } });
  const payments = await db.payment.count({ where: { invoiceId: invoice.id } });
  if (payment.status === 201) {
    expect(cancel.status).toBe(409);
    expect(cancel.body.error.message).toMatch(/payments recorded/);
    expect({ status: after.status, paidCents: after.paidCents, payments }).toEqual({ status: 'paid', paidCents: 10_000, payments: 1 });
  } else {
    expect([payment.status, cancel.status]).toEqual([409, 200]);
    expect({ status: after.status, paidCents: after.paidCents, payments }).toEqual({ status: 'void', paidCents: 0, payments: 0 });
    expect(await h.orderStatus(body.number)).toBe('cancelled');
  }
});
