// Incoming inspection on the real Temporal dev server: goods of a product inspected on receipt wait in
// the quality hold (QC) with an inspector's task; passed, they reach MAIN and only then wake the
// customer orders and the manufacturing order waiting for them; returned, the PO line is open again.
import type { Harness } from '../support/harness';
import { customer, orderBody } from '../support/fixtures';
import { component, historyEvents, manufactured, planMo, usePlant, waitMo, workCenter } from '../manufacturing/support';
import { boughtProduct, openTaskFor, purchaseOrderOf, requisitionBody, supplier, waitPo } from './support';

let h: Harness;
usePlant((started) => (h = started));

// The quality hold holds exactly what is pending, and every unit in or out of it is a stock move.
afterEach(async () => {
  const db = h.stores.operations;
  const hold = await db.warehouse.findUniqueOrThrow({ where: { code: 'QC' } });
  const levels = await db.stockLevel.findMany({ where: { warehouseId: hold.id } });
  const pending = await db.incomingInspection.groupBy({ by: ['productId'], where: { status: 'pending' }, _sum: { quantity: true } });
  const moves = await db.stockMove.groupBy({ by: ['productId'], where: { warehouseId: hold.id }, _sum: { quantity: true } });
  for (const l of levels) {
    expect({ productId: l.productId, onHand: l.onHand, reserved: l.reserved }).toEqual({
      productId: l.productId,
      onHand: pending.find((p) => p.productId === l.productId)?._sum.quantity ?? 0,
      reserved: 0,
    });
    expect(moves.find((m) => m.productId === l.productId)?._sum.quantity ?? 0).toBe(l.onHand);
  }
});

async function stock(productId: number) {
  const levels = await h.stores.operations.stockLevel.findMany({ where: { productId }, include: { warehouse: true } });
  const of = (code: string) => levels.find((l) => l.warehouse.code === code);
  return { main: of('MAIN')?.onHand ?? 0, mainReserved: of('MAIN')?.reserved ?? 0, qc: of('QC')?.onHand ?? 0 };
}

/** An auto-approved PO for `quantity` of a fresh product (inspected on receipt unless told otherwise), waiting for goods. */
async function waitingForGoods(quantity: number, inspect = true) {
  const s = await supplier(h);
  const p = await boughtProduct(h, s, 10);
  if (inspect) await h.stores.operations.product.update({ where: { id: p.id }, data: { inspectOnReceipt: true } });
  const res = await h.post('/api/requisitions', requisitionBody([{ sku: p.sku, quantity }]), 'requester');
  expect(res.status).toBe(201);
  const po = await purchaseOrderOf(h, res.body.number);
  await waitPo(h, po.number, 'awaiting_goods');
  return { po: po.number, p };
}

const receive = (po: string, reference: string, quantity: number) =>
  h.post(`/api/purchase-orders/${po}/receipts`, { reference, lines: [{ lineNo: 1, quantity }] }, 'warehouse');
const decide = (taskId: string, decision: string, comment: string, photoRef?: string) =>
  h.post(`/api/tasks/${encodeURIComponent(taskId)}/decision`, { decision, comment, ...(photoRef ? { photoRef } : {}) }, 'inspector');
const poRow = (number: string) => h.stores.operations.purchaseOrder.findUniqueOrThrow({ where: { number }, include: { lines: true } });
const today = () => new Date().toISOString().slice(0, 10);

test('held in QC until passed: the backordered order waits, the invoice waits; the pass moves the goods to MAIN and releases the order', async () => {
  const db = h.stores.operations;
  const { po, p } = await waitingForGoods(10);
  const c = await customer(db);
  const order = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 4 }]));
  expect(order.status).toBe(201);
  await h.waitForStatus(order.body.number, 'backordered');

  const receipt = await receive(po, 'DN-1', 10);
  expect(receipt.status).toBe(201);
  // Nobody is told of goods that cannot be used yet.
  expect(receipt.body.notifiedOrders).toEqual([]);
  expect(await stock(p.id)).toEqual({ main: 0, mainReserved: 0, qc: 10 });
  expect(await db.backorder.count({ where: { productId: p.id, status: 'open' } })).toBe(1);
  const task = await openTaskFor(h, po, 'incoming-inspection');
  expect({ role: task.role, decisions: JSON.parse(task.decisions) }).toEqual({
    role: 'quality',
    decisions: ['pass', 'return-to-supplier'],
  });

  const view = (await h.get(`/api/purchase-orders/${po}`, 'buyer')).body;
  expect(view.lines[0]).toMatchObject({ received: 10, inspectOnReceipt: true });
  expect(view.inspections).toEqual([expect.objectContaining({ receipt: 'DN-1', lineNo: 1, sku: p.sku, quantity: 10, status: 'pending' })]);
  expect(view.process.status).toBe('awaiting_goods');
  const listed = await h.get('/api/incoming-inspections?status=pending', 'inspector');
  expect(listed.status).toBe(200);
  expect(listed.body.items).toContainEqual(expect.objectContaining({ purchaseOrder: po, sku: p.sku, quantity: 10, status: 'pending' }));
  // Held goods are not invoiceable yet: the process is not waiting for an invoice.
  const early = await h.post(
    `/api/purchase-orders/${po}/invoices`,
    { supplierRef: `INV-${po}-early`, invoiceDate: today(), lines: [{ lineNo: 1, quantity: 10, unitPrice: 10 }] },
    'ap_clerk',
  );
  expect(early.status).toBe(409);
  // Only quality decides.
  expect((await h.decide(task.id, 'pass', 'warehouse')).status).toBe(403);

  expect((await decide(task.id, 'pass', 'all springs within spec', 'https://photos.example/dn-1.jpg')).status).toBe(200);
  await h.eventually(
    async () => (await db.backorder.count({ where: { productId: p.id, status: 'open' } })) === 0,
    'the backorder released',
  );
  expect(await stock(p.id)).toEqual({ main: 10, mainReserved: 4, qc: 0 });
  expect(await db.incomingInspection.findFirstOrThrow({ where: { purchaseOrderId: (await poRow(po)).id } })).toMatchObject({
    status: 'passed',
    reason: 'all springs within spec',
    photoRef: 'https://photos.example/dn-1.jpg',
    decidedBy: 'Ines Inspector',
  });
  await waitPo(h, po, 'awaiting_invoice');
  expect((await poRow(po)).status).toBe('received');

  const invoice = await h.post(
    `/api/purchase-orders/${po}/invoices`,
    { supplierRef: `INV-${po}`, invoiceDate: today(), lines: [{ lineNo: 1, quantity: 10, unitPrice: 10 }] },
    'ap_clerk',
  );
  expect(invoice.status).toBe(201);
  await waitPo(h, po, 'invoiced');
  expect((await h.get(`/api/purchase-orders/${po}`, 'buyer')).body.process.match.matched).toBe(true);
});

test('returned to the supplier: QC is emptied, the line is open again; a second delivery passed closes the PO', async () => {
  const db = h.stores.operations;
  const { po, p } = await waitingForGoods(6);
  expect((await receive(po, 'DN-A', 6)).status).toBe(201);
  const first = await openTaskFor(h, po, 'incoming-inspection');
  expect((await decide(first.id, 'return-to-supplier', 'two springs leak oil')).status).toBe(200);

  await h.eventually(async () => (await poRow(po)).lines[0].receivedQty === 0, 'the line open again');
  expect(await stock(p.id)).toEqual({ main: 0, mainReserved: 0, qc: 0 });
  expect((await poRow(po)).status).toBe('confirmed');
  const returned = await db.stockMove.findFirstOrThrow({ where: { productId: p.id, reason: 'returned_to_supplier' } });
  expect(returned.quantity).toBe(-6);
  const audit = await db.auditLog.findFirstOrThrow({ where: { entityRef: po, action: 'purchase-order.returned-to-supplier' } });
  expect(JSON.parse(audit.data)).toMatchObject({ quantity: 6, reason: 'two springs leak oil' });
  const view = (await h.get(`/api/purchase-orders/${po}`, 'buyer')).body;
  expect(view.inspections).toEqual([expect.objectContaining({ receipt: 'DN-A', status: 'rejected', reason: 'two springs leak oil' })]);
  expect(view.process.status).toBe('awaiting_goods');

  // The replacement arrives and passes.
  expect((await receive(po, 'DN-B', 6)).status).toBe(201);
  expect(await stock(p.id)).toEqual({ main: 0, mainReserved: 0, qc: 6 });
  const second = await openTaskFor(h, po, 'incoming-inspection');
  expect(second.id).not.toBe(first.id);
  expect((await decide(second.id, 'pass', 'replacement fine')).status).toBe(200);
  await waitPo(h, po, 'awaiting_invoice');
  expect(await stock(p.id)).toEqual({ main: 6, mainReserved: 0, qc: 0 });
  expect((await poRow(po)).status).toBe('received');
  expect((await poRow(po)).lines[0].receivedQty).toBe(6);
});

test('an invoice for goods returned to the supplier does not match', async () => {
  const { po } = await waitingForGoods(5);
  expect((await receive(po, 'DN-1', 2)).status).toBe(201);
  const task = await openTaskFor(h, po, 'incoming-inspection');
  expect((await decide(task.id, 'pass', 'ok')).status).toBe(200);
  expect((await receive(po, 'DN-2', 3)).status).toBe(201);
  const bad = await h.eventually(
    () =>
      h.stores.operations.task.findFirst({ where: { documentRef: po, kind: 'incoming-inspection', status: 'open', id: { not: task.id } } }),
    'the second inspection task',
  );
  expect((await decide(bad.id, 'return-to-supplier', 'wrong size')).status).toBe(200);
  // The buyer gives up on the rest: the PO is settled on the 2 that passed.
  await h.eventually(async () => (await poRow(po)).lines[0].receivedQty === 2, 'the returned 3 off the line');
  expect((await h.post(`/api/purchase-orders/${po}/close-short`, { reason: 'supplier cannot replace' }, 'buyer')).status).toBe(200);
  await waitPo(h, po, 'awaiting_invoice');
  const invoice = await h.post(
    `/api/purchase-orders/${po}/invoices`,
    { supplierRef: `INV-${po}`, invoiceDate: today(), lines: [{ lineNo: 1, quantity: 5, unitPrice: 10 }] },
    'ap_clerk',
  );
  expect(invoice.status).toBe(201);
  await waitPo(h, po, 'match_exception');
  const match = (await h.get(`/api/purchase-orders/${po}`, 'buyer')).body.process.match;
  expect(match).toMatchObject({ matched: false, expectedTotalCents: 2000, invoicedTotalCents: 5000 });
});

test('closed short while goods are in inspection: the inspection still decides, then the invoice is awaited', async () => {
  const { po, p } = await waitingForGoods(5);
  expect((await receive(po, 'DN-1', 3)).status).toBe(201);
  const task = await openTaskFor(h, po, 'incoming-inspection');
  expect((await h.post(`/api/purchase-orders/${po}/close-short`, { reason: 'the rest is discontinued' }, 'buyer')).status).toBe(200);
  await waitPo(h, po, 'closed_short');
  // The inspector's task is not withdrawn with the short close.
  expect((await h.stores.operations.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('open');
  expect((await decide(task.id, 'pass', 'fine')).status).toBe(200);
  await waitPo(h, po, 'awaiting_invoice');
  expect(await stock(p.id)).toEqual({ main: 3, mainReserved: 0, qc: 0 });
});

test('pass and return-to-supplier sent at once: one decision counts, the goods are moved once', async () => {
  const db = h.stores.operations;
  const { po, p } = await waitingForGoods(4);
  expect((await receive(po, 'DN-1', 4)).status).toBe(201);
  const task = await openTaskFor(h, po, 'incoming-inspection');
  const results = await Promise.all(
    Array.from({ length: 6 }, (_, i) => decide(task.id, i % 2 ? 'return-to-supplier' : 'pass', i % 2 ? 'cracked' : 'fine')),
  );
  expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
  const winner = (await db.task.findUniqueOrThrow({ where: { id: task.id } })).decision;
  const row = () => db.incomingInspection.findFirstOrThrow({ where: { productId: p.id } });
  await h.eventually(async () => (await row()).status !== 'pending', 'the inspection decided');
  expect((await row()).status).toBe(winner === 'pass' ? 'passed' : 'rejected');
  if (winner === 'pass') {
    await waitPo(h, po, 'awaiting_invoice');
    expect(await stock(p.id)).toEqual({ main: 4, mainReserved: 0, qc: 0 });
  } else {
    await h.eventually(async () => (await poRow(po)).lines[0].receivedQty === 0, 'the line open again');
    expect(await stock(p.id)).toEqual({ main: 0, mainReserved: 0, qc: 0 });
  }
  const moves = await db.stockMove.findMany({ where: { productId: p.id }, orderBy: { id: 'asc' } });
  expect(moves.map((m) => [m.reason, m.quantity])).toEqual(
    winner === 'pass'
      ? [
          ['purchase_receipt', 4],
          ['inspection_passed', -4],
          ['inspection_passed', 4],
        ]
      : [
          ['purchase_receipt', 4],
          ['returned_to_supplier', -4],
        ],
  );
});

test('a product not inspected on receipt goes straight to MAIN as before', async () => {
  const { po, p } = await waitingForGoods(3, false);
  expect((await receive(po, 'DN-1', 3)).status).toBe(201);
  expect(await stock(p.id)).toEqual({ main: 3, mainReserved: 0, qc: 0 });
  await waitPo(h, po, 'awaiting_invoice');
  expect(await h.stores.operations.incomingInspection.count({ where: { purchaseOrderId: (await poRow(po)).id } })).toBe(0);
  expect((await h.get(`/api/purchase-orders/${po}`, 'buyer')).body.inspections).toEqual([]);
});

test('a manufacturing order waiting for a bought component is told only once the inspector passes it', async () => {
  const wc = await workCenter(h);
  const s = await supplier(h);
  const part = await boughtProduct(h, s, 4);
  await h.stores.operations.product.update({ where: { id: part.id }, data: { inspectOnReceipt: true } });
  const gadget = await manufactured(h, { parts: [{ sku: part.sku, quantity: 2 }], steps: [{ workCenter: wc, minutesPerUnit: 2 }] });
  const number = await planMo(h, gadget.sku, 3);
  await waitMo(h, number, 'waiting_materials');
  const requisition = await h.eventually(
    () => h.stores.operations.requisition.findFirst({ where: { source: 'make_to_order', sourceRef: number } }),
    `a requisition for ${number}`,
  );
  const po = await purchaseOrderOf(h, requisition.number);
  await waitPo(h, po.number, 'awaiting_goods');
  expect((await receive(po.number, 'DN-1', 6)).status).toBe(201);
  const task = await openTaskFor(h, po.number, 'incoming-inspection');

  // The receipt was answered and its inspection opened without a word to the manufacturing order.
  const signalled = async () =>
    (await historyEvents(h, `mo-${number}`)).filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'materialsReceived');
  expect(await signalled()).toEqual([]);
  expect(await stock(part.id)).toEqual({ main: 0, mainReserved: 0, qc: 6 });

  expect((await decide(task.id, 'pass', 'ok')).status).toBe(200);
  await waitMo(h, number, 'done');
  expect(await signalled()).toHaveLength(1);
  expect(await h.stores.operations.requisition.count({ where: { source: 'make_to_order', sourceRef: number } })).toBe(1);
  expect(await stock(part.id)).toEqual({ main: 0, mainReserved: 0, qc: 0 });
});

test('the quality hold is not for sale, nor stocked by a plain receipt', async () => {
  const p = await component(h, { warehouse: 5 });
  const c = await customer(h.stores.operations);
  const order = await h.post('/api/orders', { ...orderBody(c.code, [{ sku: p.sku, quantity: 1 }]), warehouse: 'QC' });
  expect(order.status).toBe(400);
  expect(order.body.error.details).toContainEqual(expect.objectContaining({ field: 'warehouse' }));
  const receipt = await h.post('/api/stock/receipts', { reference: `R-${p.sku}`, warehouse: 'QC', lines: [{ sku: p.sku, quantity: 1 }] });
  expect(receipt.status).toBe(400);
  expect(receipt.body.error.details).toContainEqual(expect.objectContaining({ field: 'warehouse' }));
});
