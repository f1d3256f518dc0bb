// One requisition driven through the API alone from creation to paid: an approval, a supplier
// outage, a partial receipt and a three-way-match exception, with each step and decider in the history.
import { startHarness, type Harness } from '../support/harness';
import { ledgerBalances, stockOf } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';
import { boughtProduct, control, supplier } from './support';

const DAY = 86_400_000;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timeSkipping: true, policies: { procurement: { supplierRetryInitialMs: 100 } } });
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

test('requisition to paid through the API', async () => {
  const s = await supplier(h, { paymentTermDays: 30 });
  const p = await boughtProduct(h, s, 150, { taxPct: 20 });
  await control(h, s.code, { failNext: 2 });
  const ledger0 = await ledgerBalances(h.stores.operations);

  const created = await h.post(
    '/api/requisitions',
    { costCenter: 'CC-200', justification: 'Tools for the new line', lines: [{ sku: p.sku, quantity: 20, neededBy: '2027-02-01' }] },
    'requester',
  );
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ status: expect.any(String), total: 3000, requester: 'Rita Requester' });
  const req = created.body.number;

  const approval = await h.eventually(
    async () =>
      (await h.get('/api/tasks?role=approver', 'approver')).body.items.find((t: { documentRef: string }) => t.documentRef === req),
    'approval in the inbox',
  );
  expect((await h.decide(approval.id, 'approve', 'approver')).status).toBe(200);

  const po = await h.eventually(
    async () => (await h.get(`/api/requisitions/${req}`, 'requester')).body.purchaseOrders[0]?.number,
    'purchase order',
  );
  await h.eventually(
    async () => (await h.get(`/api/purchase-orders/${po}`, 'buyer')).body.process.status === 'awaiting_goods',
    'PO confirmed',
  );

  expect(
    (await h.post(`/api/purchase-orders/${po}/receipts`, { reference: 'DN-1', lines: [{ lineNo: 1, quantity: 12 }] }, 'warehouse')).status,
  ).toBe(201);
  expect(
    (await h.post(`/api/purchase-orders/${po}/receipts`, { reference: 'DN-2', lines: [{ lineNo: 1, quantity: 8 }] }, 'warehouse')).status,
  ).toBe(201);
  expect(await stockOf(h.stores.operations, p.id)).toEqual({ onHand: 20, reserved: 0 });

  const invoiceDate = new Date(await h.env.currentTimeMs()).toISOString().slice(0, 10);
  await h.eventually(
    async () => (await h.get(`/api/purchase-orders/${po}`, 'buyer')).body.process.status === 'awaiting_invoice',
    'waiting for the invoice',
  );
  expect(
    (
      await h.post(
        `/api/purchase-orders/${po}/invoices`,
        { supplierRef: 'S-INV-77', invoiceDate, lines: [{ lineNo: 1, quantity: 20, unitPrice: 160 }] },
        'ap_clerk',
      )
    ).status,
  ).toBe(201);
  const exception = await h.eventually(
    async () => (await h.get('/api/tasks?role=ap_clerk', 'ap_clerk')).body.items.find((t: { documentRef: string }) => t.documentRef === po),
    'match exception',
  );
  expect(exception.description).toMatch(/Expected 3000.00 \(PO price × received\), invoiced 3200.00/);
  expect((await h.decide(exception.id, 'request-credit-note', 'ap_clerk', 'price was agreed at 150')).status).toBe(200);
  await h.eventually(
    async () => (await h.get(`/api/purchase-orders/${po}`, 'buyer')).body.process.status === 'awaiting_credit_note',
    'waiting for the credit note',
  );
  expect((await h.post(`/api/purchase-orders/${po}/credit-notes`, { supplierRef: 'S-CN-78', amount: 200 }, 'ap_clerk')).status).toBe(201);
  await h.eventually(
    async () => (await h.get(`/api/purchase-orders/${po}`, 'buyer')).body.process.status === 'invoiced',
    'approved into payables',
  );

  await h.env.sleep(30 * DAY);
  await h.eventually(
    async () => (await h.get(`/api/requisitions/${req}`, 'requester')).body.status === 'completed',
    'requisition completed',
  );
  const poView = (await h.get(`/api/purchase-orders/${po}`, 'buyer')).body;
  expect(poView.process.status).toBe('paid');
  expect(poView.invoices.find((i: { kind: string }) => i.kind === 'invoice').payments).toEqual([
    expect.objectContaining({ amount: 3600, discount: 0 }),
  ]);
  const ledger = await ledgerBalances(h.stores.operations);
  expect((ledger['1000'] ?? 0) - (ledger0['1000'] ?? 0)).toBe(-360_000); // 3200 + 20 % tax, less the 200 credit and its tax
  expect((ledger['2000'] ?? 0) - (ledger0['2000'] ?? 0)).toBe(0);

  const reqHistory = (await h.get(`/api/processes/requisition-${req}/history`, 'manager')).body.entries;
  expect(reqHistory).toContainEqual(
    expect.objectContaining({ kind: 'decision', by: 'Adam Approver', detail: `approve on ${approval.id}` }),
  );
  expect(reqHistory.map((e: { step: string }) => e.step)).toEqual(expect.arrayContaining(['plan purchase orders', 'completed']));
  const poHistory = (await h.get(`/api/processes/purchase-order-${po}/history`, 'manager')).body.entries;
  expect(poHistory.find((e: { step: string }) => e.step === 'send purchase order')).toMatchObject({ attempts: 3, outcome: 'completed' });
  const deciders = poHistory
    .filter((e: { kind: string }) => e.kind === 'decision')
    .map((e: { step: string; by: string }) => `${e.step}:${e.by}`);
  expect(deciders).toEqual([
    'receive goods:Walt Warehouse',
    'receive goods:Walt Warehouse',
    'register invoice:Alan Clerk',
    'decide task:Alan Clerk',
    'register credit note:Alan Clerk',
  ]);
  expect(poHistory).toContainEqual(expect.objectContaining({ kind: 'timer', outcome: 'deadline reached' }));
  expect(poHistory.map((e: { step: string }) => e.step)).toEqual(
    expect.arrayContaining(['match supplier invoice', 'approve supplier invoice', 'pay supplier invoice']),
  );
});
