// Purchase orders from sending to payment: supplier outages, receipts, short close, the
// three-way match and its exceptions, payment terms, cancellation. Time-skipping server.
import { startHarness, type Harness } from '../support/harness';
import { ledgerBalances, stockOf } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';
import { boughtProduct, control, openTaskFor, purchaseOrderOf, requisitionBody, supplier, waitPo, waitRequisition } from './support';

const DAY = 86_400_000;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timeSkipping: true, policies: { procurement: { supplierRetryInitialMs: 100, supplierAttemptsBeforeTask: 3 } } });
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

/** A small (auto-approved) requisition for `quantity` of a fresh product; returns its PO once sent. */
async function ordered(
  opts: { price?: number; quantity?: number; supplierOpts?: Parameters<typeof supplier>[1]; failNext?: number; alternative?: boolean } = {},
) {
  const s = await supplier(h, opts.supplierOpts);
  const alt = opts.alternative ? await supplier(h) : undefined;
  const p = await boughtProduct(h, s, opts.price ?? 10, alt ? { alsoFrom: { id: alt.id, price: (opts.price ?? 10) + 1 } } : {});
  if (opts.failNext) await control(h, s.code, { failNext: opts.failNext });
  const res = await h.post('/api/requisitions', requisitionBody([{ sku: p.sku, quantity: opts.quantity ?? 10 }]), 'requester');
  expect(res.status).toBe(201);
  const po = await purchaseOrderOf(h, res.body.number);
  return { requisition: res.body.number as string, po: po.number, s, alt, p };
}

const receive = (po: string, reference: string, quantity: number) =>
  h.post(`/api/purchase-orders/${po}/receipts`, { reference, lines: [{ lineNo: 1, quantity }] }, 'warehouse');
/** Invoices are dated on the process clock, which the time-skipping server moves ahead of the wall clock. */
const today = async () => new Date(await h.env.currentTimeMs()).toISOString().slice(0, 10);
const invoice = async (po: string, supplierRef: string, quantity: number, unitPrice: number, invoiceDate?: string) =>
  h.post(
    `/api/purchase-orders/${po}/invoices`,
    { supplierRef, invoiceDate: invoiceDate ?? (await today()), lines: [{ lineNo: 1, quantity, unitPrice }] },
    'ap_clerk',
  );

test('supplier down, then up: sending is retried and the attempts show in the history', async () => {
  const { po, s } = await ordered({ failNext: 2 });
  await waitPo(h, po, 'awaiting_goods');
  const history = await h.get(`/api/processes/purchase-order-${po}/history`, 'buyer');
  expect(history.body.entries.find((e: { step: string }) => e.step === 'send purchase order')).toMatchObject({
    outcome: 'completed',
    attempts: 3,
  });
  expect((await control(h, s.code, {})).calls).toBe(3);
});

test('supplier down too long: a buyer task, then the PO switches to the other supplier', async () => {
  const { po, s, alt } = await ordered({ failNext: 100, alternative: true });
  const task = await openTaskFor(h, po, 'supplier-unreachable');
  expect(JSON.parse(task.decisions)).toEqual(['retry', 'switch-supplier', 'cancel']);
  expect((await h.decide(task.id, 'switch-supplier', 'requester')).status).toBe(403);
  expect((await h.decide(task.id, 'switch-supplier', 'buyer')).status).toBe(200);
  await waitPo(h, po, 'awaiting_goods');
  const row = await h.stores.operations.purchaseOrder.findUniqueOrThrow({ where: { number: po }, include: { lines: true } });
  expect(row.supplierId).toBe(alt!.id);
  expect(row.lines[0].unitPriceCents).toBe(1100);
  await control(h, s.code, { reset: true });
});

test('partial receipts, then the rest; a matching invoice is paid on net 30 with balanced books', async () => {
  const { po, p, requisition } = await ordered({ price: 10, quantity: 10, supplierOpts: { paymentTermDays: 30 } });
  await waitPo(h, po, 'awaiting_goods');
  const ledger0 = await ledgerBalances(h.stores.operations);
  expect((await receive(po, `DN-${po}-1`, 4)).status).toBe(201);
  expect(await stockOf(h.stores.operations, p.id)).toEqual({ onHand: 4, reserved: 0 });
  expect((await receive(po, `DN-${po}-1`, 4)).body.duplicate).toBe(true);
  const tooMany = await receive(po, `DN-${po}-X`, 7);
  expect(tooMany.status).toBe(400);
  expect(tooMany.body.error.message).toMatch(/only 6 open/);
  expect((await receive(po, `DN-${po}-2`, 6)).status).toBe(201);
  await waitPo(h, po, 'awaiting_invoice');
  expect(await stockOf(h.stores.operations, p.id)).toEqual({ onHand: 10, reserved: 0 });

  // 100.50 against 100.00 expected: within 2 % / 5.00.
  const registered = await invoice(po, `INV-${po}`, 10, 10.05);
  expect(registered.status).toBe(201);
  await waitPo(h, po, 'invoiced');
  const view = await h.get(`/api/purchase-orders/${po}`, 'buyer');
  expect(view.body.invoices[0]).toMatchObject({ status: 'approved', total: 100.5, match: { matched: true } });
  expect((await ledgerBalances(h.stores.operations))['2000'] - (ledger0['2000'] ?? 0)).toBe(-10_050);

  await h.env.sleep(29 * DAY + 13 * 3_600_000);
  await waitPo(h, po, 'paid');
  const ledger = await ledgerBalances(h.stores.operations);
  expect((ledger['2000'] ?? 0) - (ledger0['2000'] ?? 0)).toBe(0);
  expect((ledger['1000'] ?? 0) - (ledger0['1000'] ?? 0)).toBe(-10_050);
  const payment = await h.stores.operations.supplierPayment.findFirstOrThrow({ where: { invoice: { purchaseOrder: { number: po } } } });
  const inv = await h.stores.operations.supplierInvoice.findFirstOrThrow({ where: { purchaseOrder: { number: po } } });
  expect(payment.paidAt.getTime()).toBeLessThanOrEqual(inv.dueAt.getTime());
  expect(payment.paidAt.getTime()).toBeGreaterThan(inv.dueAt.getTime() - DAY);
  await waitRequisition(h, requisition, 'completed');
});

test('2/10 net 30: paid within ten days with the discount booked', async () => {
  const { po } = await ordered({ price: 50, quantity: 2, supplierOpts: { paymentTermDays: 30, discountPct: 2, discountDays: 10 } });
  await waitPo(h, po, 'awaiting_goods');
  await receive(po, `DN-${po}`, 2);
  await waitPo(h, po, 'awaiting_invoice');
  const ledger0 = await ledgerBalances(h.stores.operations);
  await invoice(po, `INV-${po}`, 2, 50);
  await waitPo(h, po, 'invoiced');
  const inv = await h.stores.operations.supplierInvoice.findFirstOrThrow({ where: { purchaseOrder: { number: po } } });
  expect(inv.discountDueAt!.getTime() - inv.invoiceDate.getTime()).toBe(10 * DAY);
  expect(inv.discountCents).toBe(200);
  await h.env.sleep(10 * DAY);
  await waitPo(h, po, 'paid');
  const payment = await h.stores.operations.supplierPayment.findFirstOrThrow({ where: { invoiceId: inv.id } });
  expect(payment).toMatchObject({ amountCents: 9_800, discountCents: 200 });
  expect(payment.paidAt.getTime()).toBeLessThanOrEqual(inv.discountDueAt!.getTime());
  const ledger = await ledgerBalances(h.stores.operations);
  expect((ledger['4900'] ?? 0) - (ledger0['4900'] ?? 0)).toBe(-200);
  expect((ledger['1000'] ?? 0) - (ledger0['1000'] ?? 0)).toBe(-9_800);
});

test('late delivery is chased, and the buyer closes the PO short; only what arrived is invoiced', async () => {
  const { po } = await ordered({ quantity: 10 });
  await waitPo(h, po, 'awaiting_goods');
  await receive(po, `DN-${po}`, 3);
  await h.env.sleep(60 * DAY);
  const task = await openTaskFor(h, po, 'late-delivery');
  expect(await h.stores.operations.auditLog.count({ where: { action: 'purchase-order.chased', entityRef: po } })).toBe(1);
  expect((await h.decide(task.id, 'close-short', 'buyer')).status).toBe(200);
  await waitPo(h, po, 'awaiting_invoice');
  expect((await h.stores.operations.purchaseOrder.findUniqueOrThrow({ where: { number: po } })).status).toBe('closed_short');
  expect((await receive(po, `DN-${po}-late`, 1)).status).toBe(409);
  expect((await invoice(po, `INV-${po}`, 3, 10)).status).toBe(201);
  await waitPo(h, po, 'invoiced');
});

test('short close through the API while waiting', async () => {
  const { po } = await ordered({ quantity: 5 });
  await waitPo(h, po, 'awaiting_goods');
  await receive(po, `DN-${po}`, 2);
  expect((await h.post(`/api/purchase-orders/${po}/close-short`, { reason: 'supplier discontinued it' }, 'warehouse')).status).toBe(403);
  expect((await h.post(`/api/purchase-orders/${po}/close-short`, { reason: 'supplier discontinued it' }, 'buyer')).status).toBe(200);
  await waitPo(h, po, 'awaiting_invoice');
});

async function mismatched() {
  const r = await ordered({ price: 10, quantity: 10 });
  await waitPo(h, r.po, 'awaiting_goods');
  await receive(r.po, `DN-${r.po}`, 10);
  await waitPo(h, r.po, 'awaiting_invoice');
  await invoice(r.po, `INV-${r.po}`, 10, 12); // 120 against 100
  await waitPo(h, r.po, 'match_exception');
  return { ...r, task: await openTaskFor(h, r.po, 'match-exception') };
}

test('mismatch accepted: needs approver rights', async () => {
  const { po, task } = await mismatched();
  expect(task.role).toBe('ap_clerk');
  const clerk = await h.decide(task.id, 'accept-difference', 'ap_clerk');
  expect(clerk.status).toBe(403);
  expect(clerk.body.error.message).toMatch(/needs approver rights/);
  expect((await h.decide(task.id, 'accept-difference', 'finance')).status).toBe(403); // approver, but not AP
  expect((await h.decide(task.id, 'accept-difference', 'ap_lead')).status).toBe(200);
  await waitPo(h, po, 'invoiced');
  const history = await h.get(`/api/processes/purchase-order-${po}/history`, 'manager');
  expect(history.body.entries).toContainEqual(
    expect.objectContaining({ kind: 'decision', by: 'Lena Lead', detail: `accept-difference on ${task.id}` }),
  );
});

test('mismatch: a credit note is requested, registered, and the invoice then matches', async () => {
  const { po, task } = await mismatched();
  expect((await h.post(`/api/purchase-orders/${po}/credit-notes`, { supplierRef: `CN-${po}`, amount: 20 }, 'ap_clerk')).status).toBe(409);
  expect((await h.decide(task.id, 'request-credit-note', 'ap_clerk')).status).toBe(200);
  await waitPo(h, po, 'awaiting_credit_note');
  expect((await h.post(`/api/purchase-orders/${po}/credit-notes`, { supplierRef: `CN-${po}`, amount: 20 }, 'ap_clerk')).status).toBe(201);
  await waitPo(h, po, 'invoiced');
  const view = await h.get(`/api/purchase-orders/${po}`, 'buyer');
  expect(view.body.invoices.map((i: { kind: string }) => i.kind).sort()).toEqual(['credit_note', 'invoice']);
});

test('mismatch: the invoice is rejected and a corrected one matches', async () => {
  const { po, task } = await mismatched();
  expect((await h.decide(task.id, 'reject-invoice', 'ap_clerk', 'wrong price')).status).toBe(200);
  await waitPo(h, po, 'awaiting_invoice');
  expect((await invoice(po, `INV-${po}`, 10, 10)).status).toBe(409); // same supplier reference again
  expect((await invoice(po, `INV-${po}-2`, 10, 10)).status).toBe(201);
  await waitPo(h, po, 'invoiced');
  const invoices = await h.stores.operations.supplierInvoice.findMany({ where: { purchaseOrder: { number: po } }, orderBy: { id: 'asc' } });
  expect(invoices.map((i) => i.status)).toEqual(['rejected', 'approved']);
});

test('cancellation before goods cancels the PO at the supplier; after a receipt it is refused', async () => {
  const { po, requisition, s } = await ordered({ quantity: 4 });
  await waitPo(h, po, 'awaiting_goods');
  const res = await h.post(`/api/requisitions/${requisition}/cancel`, { reason: 'project stopped' }, 'requester');
  expect(res.status).toBe(200);
  expect(res.body.status).toBe('cancelled');
  // The cancel answers once it is recorded and forwarded; the purchase order's process then tells the supplier.
  const atSupplier = async () =>
    ((await (await fetch(`${h.simulator.url}/suppliers/${s.code}/orders`)).json()) as { poNumber: string; cancelled?: boolean }[]).find(
      (o) => o.poNumber === po,
    );
  await h.eventually(async () => ((await atSupplier())?.cancelled ? true : undefined), `${po} cancelled at the supplier`);
  await waitPo(h, po, 'cancelled');

  const other = await ordered({ quantity: 4 });
  await waitPo(h, other.po, 'awaiting_goods');
  await receive(other.po, `DN-${other.po}`, 1);
  const refused = await h.post(`/api/requisitions/${other.requisition}/cancel`, { reason: 'too late' }, 'buyer');
  expect(refused.status).toBe(409);
  expect(refused.body.error.message).toMatch(/Goods were already received/);
  expect((await h.post(`/api/requisitions/${other.requisition}/cancel`, { reason: 'not mine' }, 'requester2')).status).toBe(403);
});
