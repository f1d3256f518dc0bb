// The same or conflicting procure-to-pay calls at once: exactly one takes effect, the others answer
// 200 duplicate or a refusal, the process history shows it once, stock equals its moves and the books
// balance. Run on PostgreSQL too, where the calls really overlap (SQLite serialises writers).
import { startHarness, type Harness } from '../support/harness';
import { stockOf } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';
import { boughtProduct, openTaskFor, purchaseOrderOf, requisitionBody, supplier, waitPo, waitRequisition } from '../procurement/support';
import { purchaseOrderStateQuery } from '../../workflows/procurement/messages';

const N = 6;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timeSkipping: true, policies: { procurement: { supplierRetryInitialMs: 100 } } });
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

/** An auto-approved PO for `quantity` of a fresh product at `price`, waiting for goods. */
async function waitingForGoods(quantity: number, price = 10) {
  const s = await supplier(h);
  const p = await boughtProduct(h, s, price);
  const res = await h.post('/api/requisitions', requisitionBody([{ sku: p.sku, quantity }]), 'requester');
  expect(res.status).toBe(201);
  const po = (await purchaseOrderOf(h, res.body.number)).number;
  await waitPo(h, po, 'awaiting_goods');
  return { po, p, requisition: res.body.number as string };
}

const times = <T>(n: number, call: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => call(i)));
const receive = (po: string, reference: string, quantity: number) =>
  h.post(`/api/purchase-orders/${po}/receipts`, { reference, lines: [{ lineNo: 1, quantity }] }, 'warehouse');
const today = async () => new Date(await h.env.currentTimeMs()).toISOString().slice(0, 10);
const invoice = async (po: string, supplierRef: string, quantity: number, unitPrice: number) =>
  h.post(
    `/api/purchase-orders/${po}/invoices`,
    { supplierRef, invoiceDate: await today(), lines: [{ lineNo: 1, quantity, unitPrice }] },
    'ap_clerk',
  );

async function historySteps(po: string, step: string) {
  const state = await h.env.client.workflow.getHandle(`purchase-order-${po}`).query(purchaseOrderStateQuery);
  return state.events.filter((e) => e.step === step).length;
}

async function stockMatchesMoves(productId: number) {
  const moves = await h.stores.operations.stockMove.aggregate({ where: { productId }, _sum: { quantity: true } });
  expect((await stockOf(h.stores.operations, productId)).onHand).toBe(moves._sum.quantity ?? 0);
}

/** Exactly one call took effect (`created`), the others answered 200 duplicate or one of `refusals`. */
function exactlyOne(statuses: number[], created = 201, refusals = [409]) {
  expect(statuses.filter((s) => s === created)).toHaveLength(1);
  expect(statuses.filter((s) => s !== created && s !== 200 && !refusals.includes(s))).toEqual([]);
}

test('the same delivery note N times at once is booked once', async () => {
  const { po, p } = await waitingForGoods(10);
  const answers = await times(N, () => receive(po, 'DN-SAME', 4));
  exactlyOne(answers.map((a) => a.status));
  expect(answers.filter((a) => a.status === 200).every((a) => a.body.duplicate === true)).toBe(true);
  expect(await h.stores.operations.goodsReceipt.count({ where: { purchaseOrder: { number: po } } })).toBe(1);
  expect(await stockOf(h.stores.operations, p.id)).toEqual({ onHand: 4, reserved: 0 });
  expect((await h.stores.operations.purchaseOrderLine.findFirstOrThrow({ where: { purchaseOrder: { number: po } } })).receivedQty).toBe(4);
  expect(await historySteps(po, 'goods_received')).toBe(1);
  await stockMatchesMoves(p.id);
});

test("the same delivery note number on two suppliers' POs at once is booked on both", async () => {
  const [a, b] = await Promise.all([waitingForGoods(3), waitingForGoods(5)]);
  const answers = await Promise.all([
    receive(a.po, 'DN-1', 3),
    receive(b.po, 'DN-1', 5),
    receive(a.po, 'DN-1', 3),
    receive(b.po, 'DN-1', 5),
  ]);
  expect(answers.map((x) => x.status).sort()).toEqual([200, 200, 201, 201]);
  expect(await stockOf(h.stores.operations, a.p.id)).toEqual({ onHand: 3, reserved: 0 });
  expect(await stockOf(h.stores.operations, b.p.id)).toEqual({ onHand: 5, reserved: 0 });
  await stockMatchesMoves(a.p.id);
  await stockMatchesMoves(b.p.id);
});

test('different delivery notes each claiming everything still open: one is booked, the rest refused', async () => {
  const { po, p } = await waitingForGoods(8);
  const answers = await times(N, (i) => receive(po, `DN-ALL-${i}`, 8));
  exactlyOne(
    answers.map((a) => a.status),
    201,
    [400, 409],
  );
  expect(await stockOf(h.stores.operations, p.id)).toEqual({ onHand: 8, reserved: 0 });
  expect(await h.stores.operations.goodsReceipt.count({ where: { purchaseOrder: { number: po } } })).toBe(1);
  expect(await historySteps(po, 'goods_received')).toBe(1);
  await stockMatchesMoves(p.id);
});

test('the same supplier invoice N times at once is registered once', async () => {
  const { po } = await waitingForGoods(10);
  expect((await receive(po, `DN-${po}`, 10)).status).toBe(201);
  await waitPo(h, po, 'awaiting_invoice');
  const answers = await times(N, () => invoice(po, `INV-${po}`, 10, 10));
  exactlyOne(answers.map((a) => a.status));
  expect(await h.stores.operations.supplierInvoice.count({ where: { purchaseOrder: { number: po } } })).toBe(1);
  await waitPo(h, po, 'invoiced');
  expect(await historySteps(po, 'invoice_registered')).toBe(1);
});

test('the same credit note N times at once is registered once and the books balance', async () => {
  const { po } = await waitingForGoods(10);
  await receive(po, `DN-${po}`, 10);
  await waitPo(h, po, 'awaiting_invoice');
  expect((await invoice(po, `INV-${po}`, 10, 12)).status).toBe(201); // 120.00 against 100.00
  const task = await openTaskFor(h, po, 'match-exception');
  expect((await h.decide(task.id, 'request-credit-note', 'ap_clerk')).status).toBe(200);
  await waitPo(h, po, 'awaiting_credit_note');
  const answers = await times(N, () =>
    h.post(`/api/purchase-orders/${po}/credit-notes`, { supplierRef: `CN-${po}`, amount: 20 }, 'ap_clerk'),
  );
  exactlyOne(answers.map((a) => a.status));
  await waitPo(h, po, 'invoiced');
  expect(await h.stores.operations.supplierInvoice.count({ where: { purchaseOrder: { number: po }, kind: 'credit_note' } })).toBe(1);
  expect(await historySteps(po, 'credit_note_registered')).toBe(1);
});

async function awaitingApproval() {
  const s = await supplier(h);
  const p = await boughtProduct(h, s, 5000);
  const res = await h.post('/api/requisitions', requisitionBody([{ sku: p.sku, quantity: 1 }]), 'requester');
  expect(res.status).toBe(201);
  return { number: res.body.number as string, task: await openTaskFor(h, res.body.number, 'requisition-approval') };
}

test('approve N times at once: one approval, the rest refused', async () => {
  const { number, task } = await awaitingApproval();
  const answers = await times(N, () => h.decide(task.id, 'approve', 'approver'));
  exactlyOne(
    answers.map((a) => a.status),
    200,
    [409],
  );
  await waitRequisition(h, number, 'ordering');
  expect(await h.stores.operations.approval.count({ where: { requisition: { number } } })).toBe(1);
  const history = await h.get(`/api/processes/requisition-${number}/history`, 'manager');
  expect(history.body.entries.filter((e: { kind: string }) => e.kind === 'decision')).toHaveLength(1);
});

test('approve and reject at once: exactly one decision counts and the requisition follows it', async () => {
  const { number, task } = await awaitingApproval();
  const [approve, reject] = await Promise.all([
    h.decide(task.id, 'approve', 'approver'),
    h.decide(task.id, 'reject', 'manager', 'not now'),
  ]);
  expect([approve.status, reject.status].sort()).toEqual([200, 409]);
  // The decision is answered at once; the process records it in the store after that.
  await waitRequisition(h, number, approve.status === 200 ? 'ordering' : 'rejected');
  const approvals = await h.stores.operations.approval.findMany({ where: { requisition: { number } } });
  expect(approvals.map((a) => a.decision)).toEqual([approve.status === 200 ? 'approve' : 'reject']);
});
