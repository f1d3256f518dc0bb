// A database reset (or restored) beside a long-lived Temporal namespace hands out numbers whose
// process ids an older process still holds. A new record must never adopt such a process: the
// start is refused with the reason and nothing of the new record stays; a record whose process
// id belongs to another record cannot be read or acted on through that process.
import { startHarness, type Harness } from '../support/harness';
import { customer, orderBody, product } from '../support/fixtures';
import { openTicket } from '../tickets/helpers';
import { boughtProduct, purchaseOrderOf, requisitionBody, supplier, waitPo } from '../procurement/support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const FOREIGN =
  /process id (order|ticket|requisition|purchase-order)-[A-Z]+-\d+ is already used by another record in this Temporal namespace/;
const seq = (number: string) => Number(number.split('-')[1]);

/** What a reset leaves: the old record gone from the database, its number free again, its process still in Temporal. */
async function forgetOrder(number: string) {
  const db = h.stores.operations;
  await db.salesOrder.update({ where: { number }, data: { number: `GONE-${number}` } });
  await db.auditLog.updateMany({ where: { entityRef: number }, data: { entityRef: `GONE-${number}` } });
  await db.sequence.update({ where: { name: 'sales-order' }, data: { next: seq(number) } });
}

test('a new order numbered like one of an old database does not adopt its finished process', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { stock: 10 });
  const old = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 1 }], { deliverySteps: 2 }));
  expect(old.status).toBe(201);
  const number = old.body.number as string;
  await h.openTask(number, 'pick');
  expect((await h.post(`/api/orders/${number}/cancel`, { reason: 'test' })).status).toBe(200);
  expect((await h.env.client.workflow.getHandle(`order-${number}`).result()).status).toBe('cancelled');
  await forgetOrder(number);

  const res = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 2 }]), 'operator', {
    'Idempotency-Key': `reset-${number}`,
  });
  expect(res.status).toBe(409);
  expect(res.body.message ?? res.body.error?.message ?? JSON.stringify(res.body)).toMatch(FOREIGN);
  expect(JSON.stringify(res.body)).toMatch(/TEMPORAL_NAMESPACE/);
  // Nothing half-written: no order, no audit row, no remembered key under the refused number.
  expect(await db.salesOrder.findUnique({ where: { number } })).toBeNull();
  expect(await db.auditLog.count({ where: { entityRef: number } })).toBe(0);
  expect(await db.idempotencyRecord.count({ where: { resourceRef: number } })).toBe(0);
});

test('a record whose process id belongs to another record is refused on reads and updates', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { stock: 10 });
  const old = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 1 }], { deliverySteps: 2 }));
  const number = old.body.number as string;
  await h.openTask(number, 'pick');
  const row = await db.salesOrder.findUniqueOrThrow({ where: { number }, include: { lines: true } });
  await forgetOrder(number);
  // A restored database holds a different order under the same number.
  await db.salesOrder.create({
    data: {
      number,
      customerId: row.customerId,
      warehouseId: row.warehouseId,
      status: 'received',
      requestedDate: row.requestedDate,
      deliverySteps: 1,
      netCents: row.netCents,
      taxCents: row.taxCents,
      createdBy: 'restore',
      lines: {
        create: row.lines.map((l) => ({
          lineNo: l.lineNo,
          productId: l.productId,
          quantity: l.quantity,
          unitPriceCents: l.unitPriceCents,
          taxRateBp: l.taxRateBp,
        })),
      },
    },
  });
  for (const res of [
    await h.get(`/api/orders/${number}`),
    await h.post(`/api/orders/${number}/cancel`, { reason: 'not mine' }),
    await h.get(`/api/processes/order-${number}/history`),
  ]) {
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.body)).toMatch(FOREIGN);
  }
  // The old process was not touched by the refused cancel.
  const old2 = await h.env.client.workflow.getHandle(`order-${number}`).describe();
  expect(old2.status.name).toBe('RUNNING');
  // The old order, once its record is back, is still its process's own.
  await db.salesOrderLine.deleteMany({ where: { order: { number } } });
  await db.salesOrder.delete({ where: { number } });
  await db.salesOrder.update({ where: { number: `GONE-${number}` }, data: { number } });
  await db.auditLog.updateMany({ where: { entityRef: `GONE-${number}` }, data: { entityRef: number } });
  await db.sequence.update({ where: { name: 'sales-order' }, data: { next: seq(number) + 1 } });
  expect((await h.get(`/api/orders/${number}`)).status).toBe(200);
  expect((await h.post(`/api/orders/${number}/cancel`, { reason: 'done' })).status).toBe(200);
});

test('a new ticket numbered like an old one does not adopt its running process', async () => {
  const db = h.stores.operations;
  const { number, customerCode } = await openTicket(h, {}, { triage: 'skip' });
  const gone = await db.ticket.update({ where: { number }, data: { number: `GONE-${number}` }, include: { events: true } });
  for (const e of gone.events) await db.ticketEvent.update({ where: { id: e.id }, data: { key: `GONE-${e.key}` } });
  await db.auditLog.updateMany({ where: { entityRef: number }, data: { entityRef: `GONE-${number}` } });
  await db.sequence.update({ where: { name: 'ticket' }, data: { next: seq(number) } });
  const res = await h.post(
    '/api/tickets',
    { customer: customerCode, subject: 'Other', description: 'Another problem', channel: 'phone' },
    'agent',
  );
  expect(res.status).toBe(409);
  expect(JSON.stringify(res.body)).toMatch(FOREIGN);
  expect(await db.ticket.findUnique({ where: { number } })).toBeNull();
  expect(await db.auditLog.count({ where: { entityRef: number } })).toBe(0);
});

test('a process started by another process (no token) is owned by the record written before it, not by a later one', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { stock: 10 });
  const { body } = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 2 }]));
  await h.waitForStatus(body.number, 'awaiting_delivery');
  const short = await h.post(`/api/orders/${body.number}/delivery-confirmation`, { lines: [{ lineNo: 1, deliveredQuantity: 1 }] });
  expect(short.status).toBe(200);
  // The order process opens a complaint ticket and starts its process as a child.
  const ticket = await h.eventually(() => db.ticket.findFirst({ where: { orderRef: body.number } }), 'the complaint ticket');
  await h.eventually(
    async () => (await h.env.client.workflow.getHandle(`ticket-${ticket.number}`).describe()).status.name === 'RUNNING',
    'its process',
  );
  expect((await h.get(`/api/tickets/${ticket.number}`, 'agent')).status).toBe(200);

  // A record written well after that process started cannot be its owner.
  const gone = await db.ticket.update({ where: { id: ticket.id }, data: { number: `GONE-${ticket.number}` }, include: { events: true } });
  for (const e of gone.events) await db.ticketEvent.update({ where: { id: e.id }, data: { key: `GONE-${e.key}` } });
  await db.ticket.create({
    data: {
      number: ticket.number,
      customerId: gone.customerId,
      subject: 'Restored',
      description: 'restored',
      channel: 'email',
      category: 'general',
      priority: 'normal',
      status: 'new',
      underWarranty: false,
      createdBy: 'restore',
      createdAt: new Date(Date.now() + 60_000),
    },
  });
  const foreign = await h.get(`/api/tickets/${ticket.number}`, 'agent');
  expect(foreign.status).toBe(409);
  expect(JSON.stringify(foreign.body)).toMatch(FOREIGN);
});

test('requisitions and purchase orders: a record that does not own the process is refused on reads and updates', async () => {
  const db = h.stores.operations;
  const s = await supplier(h);
  const p = await boughtProduct(h, s, 5);
  const req = await h.post('/api/requisitions', requisitionBody([{ sku: p.sku, quantity: 10 }]), 'requester');
  expect(req.status).toBe(201);
  const po = await purchaseOrderOf(h, req.body.number);
  await waitPo(h, po.number, 'awaiting_goods');
  // A restored database holds other records under the same numbers: written after the processes started.
  const later = new Date(Date.now() + 60_000);
  await db.requisition.update({ where: { number: req.body.number }, data: { createdAt: later } });
  await db.purchaseOrder.update({ where: { number: po.number }, data: { createdAt: later } });
  for (const res of [
    await h.get(`/api/requisitions/${req.body.number}`, 'buyer'),
    await h.get(`/api/purchase-orders/${po.number}`, 'buyer'),
    await h.post(`/api/purchase-orders/${po.number}/receipts`, { reference: 'DN-FOREIGN', lines: [{ lineNo: 1, quantity: 1 }] }),
  ]) {
    expect(res.status).toBe(409);
    expect(JSON.stringify(res.body)).toMatch(FOREIGN);
  }
  // Nothing was received through the refused call.
  expect(await db.goodsReceipt.count({ where: { purchaseOrderId: po.id } })).toBe(0);
});
