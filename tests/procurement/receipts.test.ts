// Goods receipts at the edge and in the process: delivery notes belong to their purchase order,
// a receipt that lists a line twice or a line the PO does not have is refused at once (400), and
// receipts never take more than is open. Time-skipping server.
import { startHarness, type Harness } from '../support/harness';
import { customer, orderBody, stockOf } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';
import { boughtProduct, openTaskFor, purchaseOrderOf, requisitionBody, supplier, waitPo } from './support';

const DAY = 86_400_000;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timeSkipping: true, policies: { procurement: { supplierRetryInitialMs: 100 } } });
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

/** An auto-approved PO for `quantity` of a fresh product of a fresh supplier, waiting for goods. */
async function waitingForGoods(quantity = 10) {
  const s = await supplier(h);
  const p = await boughtProduct(h, s, 10);
  const res = await h.post('/api/requisitions', requisitionBody([{ sku: p.sku, quantity }]), 'requester');
  expect(res.status).toBe(201);
  const po = await purchaseOrderOf(h, res.body.number);
  await waitPo(h, po.number, 'awaiting_goods');
  return { po: po.number, p, s };
}

const receive = (po: string, reference: string, lines: { lineNo: number; quantity: number }[]) =>
  h.post(`/api/purchase-orders/${po}/receipts`, { reference, lines }, 'warehouse');

test('two suppliers may both number their delivery note DN-1: each is booked on its own PO', async () => {
  const a = await waitingForGoods(5);
  const b = await waitingForGoods(7);
  expect((await receive(a.po, 'DN-1', [{ lineNo: 1, quantity: 5 }])).status).toBe(201);
  const second = await receive(b.po, 'DN-1', [{ lineNo: 1, quantity: 7 }]);
  expect(second.status).toBe(201);
  expect(second.body.duplicate).toBeUndefined();
  expect(await stockOf(h.stores.operations, a.p.id)).toEqual({ onHand: 5, reserved: 0 });
  expect(await stockOf(h.stores.operations, b.p.id)).toEqual({ onHand: 7, reserved: 0 });
  await waitPo(h, a.po, 'awaiting_invoice');
  await waitPo(h, b.po, 'awaiting_invoice');
  // The same note again on either PO is a replay, not a second delivery.
  expect((await receive(b.po, 'DN-1', [{ lineNo: 1, quantity: 7 }])).body.duplicate).toBe(true);
  expect(await stockOf(h.stores.operations, b.p.id)).toEqual({ onHand: 7, reserved: 0 });
});

test('a receipt listing the same line twice is refused with 400 naming the second line, and books nothing', async () => {
  const { po, p } = await waitingForGoods(10);
  const res = await receive(po, `DN-${po}-dup`, [
    { lineNo: 1, quantity: 2 },
    { lineNo: 1, quantity: 3 },
  ]);
  expect(res.status).toBe(400);
  expect(res.body.error.details.map((d: { field: string }) => d.field)).toContainEqual(expect.stringMatching(/^lines[.[]1\]?\.lineNo$/));
  expect(await stockOf(h.stores.operations, p.id)).toEqual({ onHand: 0, reserved: 0 });
  // The process is unharmed: a correct receipt goes through at once.
  expect((await receive(po, `DN-${po}-ok`, [{ lineNo: 1, quantity: 5 }])).status).toBe(201);
  expect(await stockOf(h.stores.operations, p.id)).toEqual({ onHand: 5, reserved: 0 });
});

test('a line the PO does not have, or more than is open, is refused with 400 naming the field', async () => {
  const { po, p } = await waitingForGoods(4);
  const unknown = await receive(po, `DN-${po}-x`, [
    { lineNo: 1, quantity: 1 },
    { lineNo: 9, quantity: 1 },
  ]);
  expect(unknown.status).toBe(400);
  expect(unknown.body.error.details.map((d: { field: string }) => d.field)).toContainEqual(
    expect.stringMatching(/^lines[.[]1\]?\.lineNo$/),
  );
  const over = await receive(po, `DN-${po}-y`, [{ lineNo: 1, quantity: 5 }]);
  expect(over.status).toBe(400);
  expect(over.body.error.details.map((d: { field: string }) => d.field)).toContainEqual(expect.stringMatching(/^lines[.[]0\]?\.quantity$/));
  expect(await stockOf(h.stores.operations, p.id)).toEqual({ onHand: 0, reserved: 0 });
});

test('a late PO closed short by the buyer with nothing received ends with its status written', async () => {
  const { po } = await waitingForGoods(3);
  await h.env.sleep(60 * DAY);
  const task = await openTaskFor(h, po, 'late-delivery');
  expect((await h.decide(task.id, 'close-short', 'buyer')).status).toBe(200);
  const result = await h.env.client.workflow.getHandle(`purchase-order-${po}`).result();
  expect(result.status).toBe('closed_short');
  expect((await h.stores.operations.purchaseOrder.findUniqueOrThrow({ where: { number: po } })).status).toBe('closed_short');
});

test("an order waiting for goods is woken by each supplier's delivery note, even when two share a number", async () => {
  const db = h.stores.operations;
  const a = await waitingForGoods(5);
  const b = await waitingForGoods(5);
  const c = await customer(db);
  const order = await h.post(
    '/api/orders',
    orderBody(c.code, [
      { sku: a.p.sku, quantity: 5 },
      { sku: b.p.sku, quantity: 5 },
    ]),
  );
  expect(order.status).toBe(201);
  await h.waitForStatus(order.body.number, 'backordered');
  const released = (productId: number) =>
    h.eventually(
      async () => (await db.backorder.count({ where: { productId, status: 'open' } })) === 0,
      `backorder of product ${productId} released`,
    );
  expect((await receive(a.po, 'DN-7', [{ lineNo: 1, quantity: 5 }])).status).toBe(201);
  await released(a.p.id);
  expect((await receive(b.po, 'DN-7', [{ lineNo: 1, quantity: 5 }])).status).toBe(201);
  await released(b.p.id);
});
