// Receivables aging and payables due: exact amounts per bucket from invoices with known due dates,
// a payment recorded through the API, credit notes, and the day a report is asked for.
import { customer } from '../support/fixtures';
import { startHarness, type Harness } from '../support/harness';
import { supplier } from '../procurement/support';
import { at, creditNote, customerInvoice, day, purchaseOrder, supplierInvoice } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('receivables aging', () => {
  let a: { code: string };
  let b: { code: string };
  beforeAll(async () => {
    const db = h.stores.operations;
    a = await customer(db);
    b = await customer(db);
    const cA = await db.customer.findUniqueOrThrow({ where: { code: a.code } });
    const cB = await db.customer.findUniqueOrThrow({ where: { code: b.code } });
    await customerInvoice(db, cA.id, 100, 10); // not yet due
    const partlyPaid = await customerInvoice(db, cA.id, 200, -45);
    const credited = await customerInvoice(db, cA.id, 300, -95);
    await creditNote(db, credited, 120, -90);
    await customerInvoice(db, cB.id, 80, -1);
    await customerInvoice(db, cB.id, 70, -61);
    await customerInvoice(db, cB.id, 10, -30); // the last day of 1–30
    await customerInvoice(db, cB.id, 5, -90); // the last day of 61–90
    await customerInvoice(db, cB.id, 999, -40, { status: 'void', voidedDays: -5 });
    await customerInvoice(db, cB.id, 50, -20, { status: 'paid', paid: 50 });
    await customerInvoice(db, cB.id, 40, -200, { status: 'written_off' });
    // Paid today through the API: it counts from today on, not on earlier days.
    const paid = await h.post(`/api/invoices/${partlyPaid.number}/payments`, { reference: 'BANK-1', amount: 50 }, 'manager');
    expect(paid.status).toBe(201);
    // The figures come from dated payments, not the stored status: the paid one was paid 15 days ago.
    const paidRow = await db.invoice.findFirstOrThrow({ where: { customerId: cB.id, status: 'paid' } });
    await db.payment.create({
      data: { reference: 'OLD-1', invoiceId: paidRow.id, amountCents: 5000, method: 'bank_transfer', receivedAt: at(-15), recordedBy: 't' },
    });
  });

  test('today: outstanding per bucket, in total and per customer, largest first', async () => {
    const res = await h.get(`/api/reports/receivables-aging?asOf=${day(0)}`, 'manager');
    expect(res.status).toBe(200);
    expect(res.body.asOf).toBe(day(0));
    expect(res.body.basis).toMatch(/days past due/i);
    expect(res.body.openInvoices).toBe(7);
    expect(res.body.totals).toEqual({ current: 100, days1to30: 90, days31to60: 150, days61to90: 75, over90: 180, total: 595 });
    expect(res.body.customerCount).toBe(2);
    expect(res.body.topCustomers).toEqual([
      {
        code: a.code,
        name: 'Test Customer',
        invoices: 3,
        current: 100,
        days1to30: 0,
        days31to60: 150,
        days61to90: 0,
        over90: 180,
        total: 430,
      },
      { code: b.code, name: 'Test Customer', invoices: 4, current: 0, days1to30: 90, days31to60: 0, days61to90: 75, over90: 0, total: 165 },
    ]);
  });

  test('ten days ago: the later payment not yet in, the later-voided invoice still open, each aged from that day', async () => {
    const res = await h.get(`/api/reports/receivables-aging?asOf=${day(-10)}&top=1`, 'admin');
    expect(res.status).toBe(200);
    expect(res.body.openInvoices).toBe(8);
    expect(res.body.totals).toEqual({ current: 180, days1to30: 1009, days31to60: 270, days61to90: 185, over90: 0, total: 1644 });
    expect(res.body.topCustomers).toHaveLength(1);
    expect(res.body.topCustomers[0]).toMatchObject({ code: b.code, total: 1164, days1to30: 1009, current: 80 });
  });

  test('without asOf it is today', async () => {
    const res = await h.get('/api/reports/receivables-aging', 'manager');
    expect(res.body).toMatchObject({ asOf: day(0), totals: { total: 595 } });
  });
});

describe('payables due', () => {
  beforeAll(async () => {
    const db = h.stores.operations;
    const s = await supplier(h, { discountPct: 2, discountDays: 10 });
    const po = await purchaseOrder(db, s.id);
    const credited = await purchaseOrder(db, s.id);
    await supplierInvoice(db, po, 1000, -3, { discount: 20, discountDays: -20 }); // overdue, discount gone
    await supplierInvoice(db, po, 500, 2, { discount: 10, discountDays: 0 }); // discount's last day is today
    await supplierInvoice(db, credited, 300, 6);
    await supplierInvoice(db, credited, 50, -1, { kind: 'credit_note', status: 'registered' });
    await supplierInvoice(db, po, 400, 7, { discount: 8, discountDays: 1 });
    await supplierInvoice(db, po, 900, 28);
    await supplierInvoice(db, po, 700, 0, { status: 'paid' });
    await supplierInvoice(db, po, 600, 1, { status: 'matched' });
  });

  test('overdue and week by week, owed less credit notes, discounts still to be had', async () => {
    const res = await h.get('/api/reports/payables-due?within=14', 'manager');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ asOf: day(0), within: 14 });
    expect(res.body.totals).toEqual({ invoices: 4, owed: 2150, discountsAvailable: 18 });
    expect(res.body.buckets).toEqual([
      { key: 'overdue', from: null, to: day(-1), invoices: 1, owed: 1000, discountsAvailable: 0 },
      { key: 'week1', from: day(0), to: day(6), invoices: 2, owed: 750, discountsAvailable: 10 },
      { key: 'week2', from: day(7), to: day(13), invoices: 1, owed: 400, discountsAvailable: 8 },
    ]);
    const early = res.body.invoices.filter((i: { discount: unknown }) => i.discount);
    expect(early.map((i: { discount: unknown }) => i.discount)).toEqual([
      { amount: 10, payBy: day(0), payIfEarly: 490 },
      { amount: 8, payBy: day(1), payIfEarly: 392 },
    ]);
  });

  test('the horizon: 28 days (the default) ends the day before the invoice due in 28 days; 29 takes it in a short fifth week', async () => {
    const byDefault = await h.get('/api/reports/payables-due', 'manager');
    expect(byDefault.body.buckets.map((b: { key: string }) => b.key)).toEqual(['overdue', 'week1', 'week2', 'week3', 'week4']);
    expect(byDefault.body.totals.owed).toBe(2150);
    const longer = await h.get('/api/reports/payables-due?within=29', 'manager');
    expect(longer.body.buckets.at(-1)).toEqual({ key: 'week5', from: day(28), to: day(28), invoices: 1, owed: 900, discountsAvailable: 0 });
  });
});
