// Credit-hold decisions through the shared inbox, and backorders released by stock receipts.
import { startHarness, type Harness } from '../support/harness';
import { customer, ledgerBalances, orderBody, product, receivableOf, stockOf } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

test('credit hold approved by an approver: the order proceeds and the decision is on record', async () => {
  const db = h.stores.operations;
  const c = await customer(db, { creditLimit: 100 });
  const p = await product(db, { price: 90, stock: 5, taxPct: 0 });
  const { body } = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 2 }]));
  const task = await h.openTask(body.number, 'credit-hold');
  expect(await stockOf(db, p.id)).toEqual({ onHand: 5, reserved: 0 }); // nothing reserved while on hold

  const inbox = await h.get('/api/tasks', 'approver');
  expect(inbox.body.items.find((t: { id: string }) => t.id === task.id)).toMatchObject({
    kind: 'credit-hold',
    decisions: ['approve', 'reject'],
    dueAt: expect.any(String),
  });
  expect((await h.decide(task.id, 'approve', 'warehouse')).status).toBe(403);
  const decided = await h.decide(task.id, 'approve', 'approver', 'long-standing customer');
  expect(decided.status).toBe(200);
  expect(decided.body).toMatchObject({
    status: 'completed',
    decision: 'approve',
    decidedBy: 'Adam Approver',
    comment: 'long-standing customer',
  });
  expect((await h.decide(task.id, 'reject', 'manager')).status).toBe(409);

  await h.waitForStatus(body.number, 'awaiting_delivery');
  const history = await h.get(`/api/processes/order-${body.number}/history`, 'manager');
  expect(history.body.entries).toContainEqual(
    expect.objectContaining({ kind: 'decision', step: 'decide task', by: 'Adam Approver', detail: `approve on ${task.id}` }),
  );
});

test('credit hold rejected: the order is cancelled with the approver named', async () => {
  const db = h.stores.operations;
  const c = await customer(db, { creditLimit: 1 });
  const p = await product(db, { stock: 5 });
  const { body } = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 1 }]));
  const task = await h.openTask(body.number, 'credit-hold');
  expect((await h.decide(task.id, 'maybe', 'approver')).status).toBe(400);
  expect((await h.decide(task.id, 'reject', 'manager', 'unpaid invoices elsewhere')).status).toBe(200);
  await h.waitForStatus(body.number, 'cancelled');
  const order = await db.salesOrder.findUniqueOrThrow({ where: { number: body.number } });
  expect(order.cancelReason).toBe('credit hold rejected by Mona Manager: unpaid invoices elsewhere');
  expect(await stockOf(db, p.id)).toEqual({ onHand: 5, reserved: 0 });
});

test('open receivables count against the limit', async () => {
  const db = h.stores.operations;
  const c = await customer(db, { creditLimit: 250 });
  const p = await product(db, { price: 100, stock: 10, taxPct: 0 });
  const first = (await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 2 }]))).body.number;
  await h.waitForStatus(first, 'awaiting_delivery');
  expect((await h.post(`/api/orders/${first}/delivery-confirmation`, {})).status).toBe(200);
  await h.waitForStatus(first, 'awaiting_payment');
  expect(await receivableOf(db, c.code)).toBe(20_000);
  // 200 owed + 100 ordered > 250 → hold.
  const second = (await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 1 }]))).body.number;
  const task = await h.openTask(second, 'credit-hold');
  expect(task.description).toMatch(/open receivables 200.00 exceed the credit limit 250.00 by 50.00/);
});

test('backorder then restock: what is in stock ships now, the rest ships when goods arrive', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { price: 10, stock: 2, taxPct: 0 });
  const { body } = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 5 }]));
  const number = body.number;
  await h.waitForStatus(number, 'backordered');
  expect(await db.salesOrderLine.findFirstOrThrow({ where: { order: { number } } })).toMatchObject({ shippedQty: 2, backorderQty: 3 });
  expect(await stockOf(db, p.id)).toEqual({ onHand: 0, reserved: 0 });

  // A receipt too small for the backorder ships what it can and keeps waiting.
  const r1 = await h.post(
    '/api/stock/receipts',
    { reference: `GRN-${number}-1`, warehouse: 'MAIN', lines: [{ sku: p.sku, quantity: 1 }] },
    'warehouse',
  );
  expect(r1.status).toBe(201);
  expect(r1.body.notifiedOrders).toEqual([number]);
  await h.eventually(async () => (await db.shipment.count({ where: { order: { number } } })) === 2, 'second shipment');
  await h.waitForStatus(number, 'backordered');
  // Booking the same delivery note twice adds nothing.
  expect(
    (
      await h.post(
        '/api/stock/receipts',
        { reference: `GRN-${number}-1`, warehouse: 'MAIN', lines: [{ sku: p.sku, quantity: 1 }] },
        'warehouse',
      )
    ).body.duplicate,
  ).toBe(true);

  await h.post(
    '/api/stock/receipts',
    { reference: `GRN-${number}-2`, warehouse: 'MAIN', lines: [{ sku: p.sku, quantity: 10 }] },
    'warehouse',
  );
  await h.waitForStatus(number, 'awaiting_delivery');
  expect(await stockOf(db, p.id)).toEqual({ onHand: 8, reserved: 0 });
  const shipments = await db.shipment.findMany({ where: { order: { number } }, include: { lines: true }, orderBy: { id: 'asc' } });
  expect(shipments.map((s) => s.lines[0].quantity)).toEqual([2, 1, 2]);

  // Several shipments in transit: the confirmation must name one.
  const ambiguous = await h.post(`/api/orders/${number}/delivery-confirmation`, {});
  expect(ambiguous.status).toBe(409);
  expect(ambiguous.body.error.message).toMatch(/name one with shipmentNumber/);
  for (const s of shipments)
    expect((await h.post(`/api/orders/${number}/delivery-confirmation`, { shipmentNumber: s.number })).status).toBe(200);
  expect((await h.post(`/api/orders/${number}/delivery-confirmation`, { shipmentNumber: shipments[0].number })).status).toBe(409);

  await h.waitForStatus(number, 'awaiting_payment');
  const invoice = await db.invoice.findFirstOrThrow({ where: { order: { number } }, include: { lines: true } });
  expect(invoice.lines.map((l) => l.quantity)).toEqual([5]);
  expect(invoice.totalCents).toBe(5_000);
});

test('short delivery is invoiced as delivered; an up-front invoice gets a credit note for the difference', async () => {
  const db = h.stores.operations;
  const ledgerStart = await ledgerBalances(db);
  const c = await customer(db, { invoicePolicy: 'ordered' });
  const p = await product(db, { price: 10, stock: 10, taxPct: 10 });
  const { body } = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 4 }]));
  await h.waitForStatus(body.number, 'awaiting_delivery');
  expect((await db.invoice.findFirstOrThrow({ where: { order: { number: body.number } } })).totalCents).toBe(4_400);
  const res = await h.post(`/api/orders/${body.number}/delivery-confirmation`, { lines: [{ lineNo: 1, deliveredQuantity: 3 }] });
  expect(res.body.lines[0].deliveredQty).toBe(3);
  await h.waitForStatus(body.number, 'awaiting_payment');
  const docs = await db.invoice.findMany({ where: { order: { number: body.number } }, orderBy: { id: 'asc' } });
  expect(docs.map((d) => [d.kind, d.totalCents])).toEqual([
    ['invoice', 4_400],
    ['credit_note', 1_100],
  ]);
  expect(docs[0].creditedCents).toBe(1_100);
  // What did not arrive is followed up by the service desk, once.
  const complaint = await h.eventually(() => db.ticket.findFirst({ where: { orderRef: body.number } }), 'a complaint ticket');
  expect(complaint).toMatchObject({
    channel: 'process',
    priority: 'high',
    underWarranty: true,
    createdBy: 'delivery confirmation',
    subject: `Short delivery on ${body.number}-S1`,
  });
  expect(complaint.description).toMatch(/Not delivered: 1 of 4 × /);
  await h.eventually(async () => (await h.get(`/api/tickets/${complaint.number}`, 'agent')).body.process?.status, 'the ticket process');
  expect(await db.ticket.count({ where: { orderRef: body.number } })).toBe(1);
  expect(await receivableOf(db, c.code)).toBe(3_300);
  expect((await h.post(`/api/orders/${body.number}/payments`, { reference: `PAY-${body.number}`, amount: 33 })).status).toBe(201);
  await h.waitForStatus(body.number, 'paid');
  const ledger = await ledgerBalances(db);
  expect((ledger['4000'] ?? 0) - (ledgerStart['4000'] ?? 0)).toBe(-3_000); // revenue for three units
  expect((ledger['2100'] ?? 0) - (ledgerStart['2100'] ?? 0)).toBe(-300);
});

test('an up-front invoice paid in full, then a short delivery: the credit note is paid back to the customer', async () => {
  const db = h.stores.operations;
  const ledgerStart = await ledgerBalances(db);
  const c = await customer(db, { invoicePolicy: 'ordered' });
  const p = await product(db, { price: 10, stock: 10, taxPct: 10 });
  const { body } = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 4 }]));
  await h.waitForStatus(body.number, 'awaiting_delivery');
  expect((await h.post(`/api/orders/${body.number}/payments`, { reference: `PAY-${body.number}`, amount: 44 })).status).toBe(201);
  await h.post(`/api/orders/${body.number}/delivery-confirmation`, { lines: [{ lineNo: 1, deliveredQuantity: 3 }] });
  await h.waitForStatus(body.number, 'paid');

  const invoice = await db.invoice.findFirstOrThrow({ where: { order: { number: body.number }, kind: 'invoice' } });
  // Owed 33.00 for three units; 44.00 came in, 11.00 went back.
  expect(invoice).toMatchObject({ totalCents: 4_400, creditedCents: 1_100, paidCents: 3_300, status: 'paid' });
  const refunds = await db.customerRefund.findMany({ where: { invoiceId: invoice.id } });
  expect(refunds).toEqual([expect.objectContaining({ amountCents: 1_100, reason: 'undelivered', returnId: null })]);
  expect(await receivableOf(db, c.code)).toBe(0);
  const ledger = await ledgerBalances(db);
  const moved = (account: string) => (ledger[account] ?? 0) - (ledgerStart[account] ?? 0);
  expect(moved('1000')).toBe(3_300); // 44.00 in, 11.00 out
  expect(moved('4000')).toBe(-3_000);
  expect(moved('2100')).toBe(-300);
  const audit = await db.auditLog.findMany({ where: { entityRef: body.number, action: 'refund.paid' } });
  expect(audit).toHaveLength(1);
});
