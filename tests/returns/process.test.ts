// The customer-return process end to end through the API: window and approval, carrier pickup,
// receipts in parts, inspection, restock / write-off / repair in the shop, and the settlement by
// credit note and refund, replacement or send-back, with the ledger to the cent.
import { startHarness, type Harness } from '../support/harness';
import { customer, ledgerBalances, orderBody } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';
import { assertProductionInvariants } from '../support/production-invariants';
import { ABANDON, inspect, orderToReturn, receive, requestReturn, returnRecord, startedChildren, waitReturn } from './process-support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ policies: { manufacturing: { machineHeartbeatTimeoutMs: 2_000, machineAttempts: 2, materialWaitMs: 2_000 } } });
});
afterAll(async () => h?.close());
afterEach(async () => {
  await assertInvariants(h.stores.operations);
  await assertProductionInvariants(h.stores.operations, h.stores.production);
});

const moved = (before: Record<string, number>, after: Record<string, number>) => {
  const out: Record<string, number> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const d = (after[k] ?? 0) - (before[k] ?? 0);
    if (d !== 0) out[k] = d;
  }
  return out;
};
const stock = async (productId: number, warehouse: string) =>
  (await h.stores.operations.stockLevel.findFirst({ where: { productId, warehouse: { code: warehouse } } }))?.onHand ?? 0;

test('within the window: pickup booked, received in two parts, found resellable, restocked (waking a backorder), refunded by credit note and refund payment', async () => {
  const db = h.stores.operations;
  // The whole stock went to this customer, so another order for the product waits on backorder.
  const { order, product: p } = await orderToReturn(h, [{ quantity: 3, price: 100, taxPct: 20 }], { paid: true });
  const waiting = await h.post('/api/orders', orderBody((await customer(db)).code, [{ sku: p.sku, quantity: 1 }]));
  await h.waitForStatus(waiting.body.number, 'backordered');
  const before = await ledgerBalances(db);

  const number = await requestReturn(h, order, [{ lineNo: 1, quantity: 2, outcome: 'refund' }]);
  const authorized = await h.eventually(async () => {
    const r = await returnRecord(h, number);
    return r.pickupTracking ? r : undefined;
  }, 'the pickup booked');
  expect(authorized).toMatchObject({ status: 'authorized', outsideWindow: false, rmaNumber: expect.stringMatching(/^RMA-\d+/) });
  expect(authorized.receiveBy!.getTime() - authorized.authorizedAt!.getTime()).toBe(h.policies.returns.receiveWaitMs);
  const pickups = (await (await fetch(`${h.simulator.url}/carriers/SWIFT/pickups`)).json()) as { rmaNumber: string }[];
  expect(pickups.map((x) => x.rmaNumber)).toContain(authorized.rmaNumber);

  // Part of the goods, the same parcel again, and the mistakes a warehouse can make.
  expect((await receive(h, number, 'PARCEL-1', [{ lineNo: 1, quantity: 1 }])).status).toBe(201);
  expect((await returnRecord(h, number)).status).toBe('receiving');
  expect((await receive(h, number, 'PARCEL-1', [{ lineNo: 1, quantity: 1 }])).body).toMatchObject({ duplicate: true });
  expect((await receive(h, number, 'PARCEL-1', [{ lineNo: 1, quantity: 2 }])).status).toBe(409);
  const over = await receive(h, number, 'PARCEL-2', [{ lineNo: 1, quantity: 2 }]);
  expect([over.status, over.body.error.details[0].field]).toEqual([400, 'lines.0.quantity']);
  const unknown = await receive(h, number, 'PARCEL-2', [{ lineNo: 7, quantity: 1 }]);
  expect([unknown.status, unknown.body.error.details[0].field]).toEqual([400, 'lines.0.lineNo']);
  expect((await h.post(`/api/returns/${number}/cancel`, { reason: 'changed my mind' })).status).toBe(409);
  expect((await receive(h, number, 'PARCEL-2', [{ lineNo: 1, quantity: 1 }])).status).toBe(201);

  const task = await inspect(h, number, 1, 'resellable', 'sealed, as new');
  expect(task).toMatchObject({ kind: 'return-inspection', role: 'quality' });
  expect(JSON.parse(task.decisions)).toEqual(['resellable', 'damaged']);
  const done = await waitReturn(h, number, 'done');
  expect(done.lines[0]).toMatchObject({
    receivedQty: 2,
    condition: 'resellable',
    inspectedBy: 'Ines Inspector',
    inspectionNote: 'sealed, as new',
    photoRef: `https://photos.example/${number}/1.jpg`,
    disposition: 'restocked',
    settlement: 'refunded',
  });
  // 2 × 100 + 20 % tax = 240, less the 10 % restocking fee on resellable goods (20 + 4 tax) = 216, all paid back.
  expect(done).toMatchObject({ refundCents: 21_600, restockingFeeCents: 2_000, closedAt: expect.any(Date) });
  const creditNote = await db.invoice.findUniqueOrThrow({ where: { number: done.creditNoteNumber! } });
  const invoice = await db.invoice.findFirstOrThrow({ where: { order: { number: order }, kind: 'invoice' } });
  expect(creditNote).toMatchObject({ kind: 'credit_note', totalCents: 21_600, creditsInvoiceId: invoice.id });
  expect(invoice).toMatchObject({ totalCents: 36_000, creditedCents: 21_600, paidCents: 14_400 });
  expect(await db.customerRefund.findMany({ where: { returnId: done.id } })).toEqual([
    expect.objectContaining({ amountCents: 21_600, invoiceId: invoice.id }),
  ]);
  expect(moved(before, await ledgerBalances(db))).toEqual({
    '1000': -21_600,
    '1300': 10_000,
    '2100': 3_600,
    '4000': 18_000,
    '5000': -10_000,
  });

  // The restocked units woke the backorder, which shipped one of them.
  await h.waitForStatus(waiting.body.number, 'awaiting_delivery');
  expect([await stock(p.id, 'MAIN'), await stock(p.id, 'RETURNS')]).toEqual([1, 0]);
  expect((await db.salesOrderLine.findFirstOrThrow({ where: { order: { number: order } } })).returnedQty).toBe(2);
  const view = (await h.get(`/api/returns/${number}`)).body;
  expect(view.receipts.map((r: { reference: string }) => r.reference)).toEqual(['PARCEL-1', 'PARCEL-2']);
});

test('outside the window an approver decides: approved → authorized; rejected → rejected with the quantity released', async () => {
  const db = h.stores.operations;
  const { order } = await orderToReturn(h, [{ quantity: 2 }], { deliveredDaysAgo: 40 });
  const approved = await requestReturn(h, order, [{ lineNo: 1, quantity: 1, outcome: 'refund' }]);
  await waitReturn(h, approved, 'pending_approval');
  const ask = await h.openTask(approved, 'return-approval');
  expect(ask.role).toBe('manager');
  expect((await h.decide(ask.id, 'approve', 'operator')).status).toBe(403);
  expect((await h.decide(ask.id, 'approve', 'manager', 'long-standing customer')).status).toBe(200);
  expect(await waitReturn(h, approved, 'authorized')).toMatchObject({ outsideWindow: true, approvedBy: 'Mona Manager' });

  const rejected = await requestReturn(h, order, [{ lineNo: 1, quantity: 1, outcome: 'replacement' }]);
  const line = () => db.salesOrderLine.findFirstOrThrow({ where: { order: { number: order } } });
  expect((await line()).returnedQty).toBe(2);
  expect((await h.decide((await h.openTask(rejected, 'return-approval')).id, 'reject', 'manager', 'worn for months')).status).toBe(200);
  const closed = await waitReturn(h, rejected, 'rejected');
  expect(closed.closedAt).not.toBeNull();
  expect(closed.statusNote).toContain('worn for months');
  expect((await line()).returnedQty).toBe(1);
  expect(closed.rmaNumber).toBeNull();

  // Nothing arrived yet for the approved one: it may still be called off.
  expect((await h.post(`/api/returns/${approved}/cancel`, { reason: 'kept it after all' })).status).toBe(200);
  expect((await line()).returnedQty).toBe(0);
});

test('cancelled by the customer before anything arrived: quantities released, nothing booked; after a receipt a cancel is refused', async () => {
  const db = h.stores.operations;
  const { order, customer: c } = await orderToReturn(h, [{ quantity: 2 }]);
  const portal = h.portal(c.code);
  const number = await requestReturn(h, order, [{ lineNo: 1, quantity: 2, outcome: 'refund' }], portal);
  await waitReturn(h, number, 'authorized');
  const res = await h.post(`/api/returns/${number}/cancel`, { reason: 'found the missing part' }, portal);
  expect(res.status).toBe(200);
  const cancelled = await waitReturn(h, number, 'cancelled');
  expect(cancelled.statusNote).toContain('found the missing part');
  expect((await db.salesOrderLine.findFirstOrThrow({ where: { order: { number: order } } })).returnedQty).toBe(0);
  expect(await db.returnReceipt.count({ where: { returnId: cancelled.id } })).toBe(0);
  expect((await receive(h, number, 'LATE', [{ lineNo: 1, quantity: 1 }])).status).toBe(409);

  const kept = await requestReturn(h, order, [{ lineNo: 1, quantity: 2, outcome: 'refund' }]);
  await waitReturn(h, kept, 'authorized');
  expect((await receive(h, kept, 'BOX-1', [{ lineNo: 1, quantity: 1 }])).status).toBe(201);
  const refused = await h.post(`/api/returns/${kept}/cancel`, { reason: 'too late' }, portal);
  expect([refused.status, refused.body.error.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
  // It goes on: the second unit, an inspection, a refund (the order is not paid yet: the credit lowers what is owed).
  expect((await receive(h, kept, 'BOX-2', [{ lineNo: 1, quantity: 1 }])).status).toBe(201);
  await inspect(h, kept, 1, 'resellable');
  const done = await waitReturn(h, kept, 'done');
  expect(done).toMatchObject({ refundCents: 0 });
  expect(await db.customerRefund.count({ where: { returnId: done.id } })).toBe(0);
});

test('damaged goods are written off; the refund keeps no restocking fee and settles the unpaid order with the payment', async () => {
  const db = h.stores.operations;
  const { order, product: p } = await orderToReturn(h, [{ quantity: 2, price: 100, taxPct: 20 }]);
  const before = await ledgerBalances(db);
  const number = await requestReturn(h, order, [{ lineNo: 1, quantity: 1, outcome: 'refund' }]);
  await waitReturn(h, number, 'authorized');
  expect((await receive(h, number, 'DN-1', [{ lineNo: 1, quantity: 1 }])).status).toBe(201);
  await inspect(h, number, 1, 'damaged', 'cracked housing');
  const done = await waitReturn(h, number, 'done');
  expect(done.lines[0]).toMatchObject({ condition: 'damaged', disposition: 'scrapped', settlement: 'refunded' });
  expect(done).toMatchObject({ restockingFeeCents: 0, refundCents: 0 });
  // Received at standard cost (50) and written off at it; 100 + 20 tax credited.
  expect(moved(before, await ledgerBalances(db))).toEqual({
    '1100': -12_000,
    '2100': 2_000,
    '4000': 10_000,
    '5000': -5_000,
    '6970': 5_000,
  });
  expect([await stock(p.id, 'RETURNS')]).toEqual([0]);
  // The invoice now asks 120 of 240: paying that closes the order.
  expect((await h.post(`/api/orders/${order}/payments`, { reference: `${order}-PAY`, amount: 120 })).status).toBe(201);
  await h.waitForStatus(order, 'paid');
});

test('a replacement is delivered by a no-charge order running as its own process', async () => {
  const db = h.stores.operations;
  const { order, product: p } = await orderToReturn(h, [{ quantity: 2 }]);
  const number = await requestReturn(h, order, [{ lineNo: 1, quantity: 1, outcome: 'replacement' }]);
  await waitReturn(h, number, 'authorized');
  expect((await receive(h, number, 'DN-R', [{ lineNo: 1, quantity: 1 }])).status).toBe(201);
  await inspect(h, number, 1, 'resellable');
  const done = await waitReturn(h, number, 'done');
  expect(done.lines[0]).toMatchObject({ disposition: 'restocked', settlement: 'replaced' });
  expect(done.creditNoteNumber).toBeNull();
  const replacement = await db.salesOrder.findUniqueOrThrow({ where: { number: done.replacementOrderNumber! }, include: { lines: true } });
  expect(replacement.netCents).toBe(0);
  expect(replacement.lines.map((l) => [l.productId, l.quantity])).toEqual([[p.id, 1]]);
  expect(await startedChildren(h, `return-${number}`)).toContainEqual(
    // ABANDON: the delivery goes on whatever happens to the return's process.
    expect.objectContaining({ workflowId: `order-${replacement.number}`, type: 'orderToDelivery', parentClosePolicy: ABANDON }),
  );
  await h.waitForStatus(replacement.number, 'awaiting_delivery');
  const state = (await h.get(`/api/returns/${number}`)).body;
  expect(state.documents.replacementOrder).toBe(replacement.number);
});
