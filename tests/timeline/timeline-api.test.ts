// The business timeline: one document's story across every process it touched, in time order,
// read from a real Temporal server's histories and the records' audit rows.
import { ZTimeline } from '../../api/routes/timeline.schemas';
import { startHarness, type Harness } from '../support/harness';
import { customer, orderBody, product, writtenOrder } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

interface Entry {
  at: string;
  workflowId: string;
  kind: string;
  document: string;
  type: string;
  step: string;
  outcome?: string;
  actor?: string;
  detail?: string;
  link?: string;
}
interface Process {
  workflowId: string;
  kind: string;
  document: string;
  status: string;
  relation: string;
  via?: string;
  unavailable?: string;
  temporalUiUrl: string;
}

/** The position of the first entry that matches, failing with the entries' steps when there is none. */
function indexOf(entries: Entry[], what: Partial<Entry> & { stepMatch?: RegExp }): number {
  const { stepMatch, ...fields } = what;
  const i = entries.findIndex(
    (e) => Object.entries(fields).every(([k, v]) => e[k as keyof Entry] === v) && (!stepMatch || stepMatch.test(e.step)),
  );
  if (i < 0)
    throw new Error(`no entry ${JSON.stringify(what)} among ${entries.map((e) => `${e.document}:${e.type}:${e.step}`).join(' | ')}`);
  return i;
}

/**
 * An order held for credit (approved by an approver), shipped in part with the rest backordered; the
 * shipment takes the stock below its reorder point, so a reorder requisition buys it again, and the
 * goods of its purchase order release the backorder. Then the customer complains about the order.
 */
async function backorderedOrderWithReorderAndComplaint() {
  const db = h.stores.operations;
  const c = await customer(db, { creditLimit: 20 });
  const p = await product(db, { price: 10, stock: 2, taxPct: 0 });
  await db.product.update({ where: { id: p.id }, data: { reorderPoint: 5 } });
  const s = await db.supplier.create({
    data: { code: `S-${p.sku}`, name: 'Reorder supplier', email: 'o@s.example', apiUrl: `${h.simulator.url}/suppliers/S-${p.sku}` },
  });
  await db.supplierPrice.create({ data: { supplierId: s.id, productId: p.id, priceCents: 900, leadTimeDays: 4, preferred: true } });

  const order = (await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 5 }]))).body.number as string;
  const hold = await h.openTask(order, 'credit-hold');
  expect((await h.decide(hold.id, 'approve', 'approver', 'known customer')).status).toBe(200);
  await h.waitForStatus(order, 'backordered');
  const requisition = await h.eventually(
    () => db.requisition.findFirst({ where: { source: 'reorder_point', sourceRef: p.sku } }),
    'a reorder requisition',
  );
  const po = await h.eventually(
    () => db.purchaseOrder.findFirst({ where: { requisitionId: requisition.id, status: 'confirmed' } }),
    'a confirmed purchase order',
  );
  await h.eventually(
    async () => (await h.get(`/api/purchase-orders/${po.number}`, 'buyer')).body.process.status === 'awaiting_goods',
    'the purchase order waiting for goods',
  );
  const receipt = await h.post(
    `/api/purchase-orders/${po.number}/receipts`,
    { reference: `DN-${po.number}`, lines: [{ lineNo: 1, quantity: 10 }] },
    'warehouse',
  );
  expect(receipt.body.notifiedOrders).toEqual([order]);
  await h.waitForStatus(order, 'awaiting_delivery');
  const ticket = await h.post(
    '/api/tickets',
    { customer: c.code, subject: 'Late', description: 'Half the order came two weeks late.', channel: 'email', orderRef: order },
    'agent',
  );
  expect(ticket.status).toBe(201);
  await h.openTask(ticket.body.number, 'ticket-triage');
  return { order, requisition: requisition.number, po: po.number, ticket: ticket.body.number as string };
}

let story: Awaited<ReturnType<typeof backorderedOrderWithReorderAndComplaint>>;

test("an order's timeline: its process, the reorder purchase its backorder caused and the complaint, in the order they happened", async () => {
  story = await backorderedOrderWithReorderAndComplaint();
  const { order, requisition, po, ticket } = story;
  const res = await h.get(`/api/timeline/order/${order}`, 'manager');
  expect(res.status).toBe(200);
  expect(res.body.document).toEqual({ type: 'order', number: order });
  // The answer is exactly what its response schema describes.
  expect(ZTimeline.parse(res.body)).toEqual(res.body);

  const processes = res.body.processes as Process[];
  const rel = Object.fromEntries(processes.map((p) => [p.workflowId, { relation: p.relation, via: p.via, kind: p.kind }]));
  expect(rel).toEqual({
    [`order-${order}`]: { relation: 'self', via: undefined, kind: 'order' },
    [`requisition-${requisition}`]: { relation: 'follow-up', via: undefined, kind: 'requisition' },
    [`purchase-order-${po}`]: { relation: 'follow-up', via: requisition, kind: 'purchase-order' },
    [`ticket-${ticket}`]: { relation: 'follow-up', via: undefined, kind: 'ticket' },
  });
  for (const p of processes) {
    expect(p.unavailable).toBeUndefined();
    expect(p.temporalUiUrl).toBe(`http://127.0.0.1:8233/namespaces/default/workflows/${p.workflowId}`);
  }
  expect(processes.find((p) => p.kind === 'order')!.status).toBe('awaiting_delivery');

  const entries = res.body.entries as Entry[];
  if (process.env.DUMP)
    console.log(
      entries.map((e) => `${e.at} ${e.document} ${e.type} ${e.step} ${e.outcome ?? ''} ${e.actor ?? ''} ${e.detail ?? ''}`).join('\n'),
    );
  const times = entries.map((e) => e.at);
  expect(times).toEqual([...times].sort());

  // Key moments of each process, in the order they happened.
  const orderStarted = indexOf(entries, { workflowId: `order-${order}`, type: 'process', stepMatch: /^started order to delivery/ });
  const creditDecision = indexOf(entries, { workflowId: `order-${order}`, type: 'decision', actor: 'Adam Approver' });
  const firstShipped = indexOf(entries, { workflowId: `order-${order}`, type: 'step', step: 'ship shipment' });
  const reorderRaised = indexOf(entries, { workflowId: `order-${order}`, type: 'step', step: 'raise reorder requisitions' });
  const backordered = indexOf(entries, { workflowId: `order-${order}`, type: 'step', step: 'status: backordered' });
  const requisitionStarted = indexOf(entries, {
    workflowId: `requisition-${requisition}`,
    type: 'process',
    stepMatch: /^started procure to pay/,
  });
  const poStarted = indexOf(entries, { workflowId: `purchase-order-${po}`, type: 'process', stepMatch: /^started purchase order/ });
  const goodsReceived = indexOf(entries, {
    workflowId: `purchase-order-${po}`,
    type: 'decision',
    step: 'receive goods',
    actor: 'Walt Warehouse',
  });
  const replenished = indexOf(entries, { workflowId: `order-${order}`, type: 'signal', step: 'stock replenished' });
  const shippedRest = indexOf(entries, { workflowId: `order-${order}`, type: 'step', step: 'status: awaiting_delivery' });
  const ticketStarted = indexOf(entries, { workflowId: `ticket-${ticket}`, type: 'process', stepMatch: /^started service ticket/ });
  expect(entries[creditDecision].detail).toBe(`approve on order-${order}:credit-hold`);
  expect(entries[replenished].detail).toContain(`${po}:DN-${po}`);
  const moments = [
    orderStarted,
    creditDecision,
    firstShipped,
    reorderRaised,
    requisitionStarted,
    poStarted,
    goodsReceived,
    replenished,
    shippedRest,
    ticketStarted,
  ];
  expect(moments).toEqual([...moments].sort((a, b) => a - b));
  expect(backordered).toBeGreaterThan(firstShipped);
  expect(backordered).toBeLessThan(replenished);
  expect(entries[orderStarted].link).toBe(`http://127.0.0.1:8233/namespaces/default/workflows/order-${order}`);

  // The records' audit rows sit among them: who placed the order, who decided the credit hold, the
  // requisition and the ticket being written.
  const placed = indexOf(entries, { type: 'audit', document: order, step: 'order received', actor: 'Olga Operator' });
  const taskDecided = indexOf(entries, {
    type: 'audit',
    document: order,
    stepMatch: /^task decided order-.*credit-hold/,
    actor: 'Adam Approver',
  });
  const submitted = indexOf(entries, { type: 'audit', document: requisition, step: 'requisition submitted', actor: 'reorder point' });
  const ticketCreated = indexOf(entries, { type: 'audit', document: ticket, step: 'ticket created', actor: 'Gina Agent' });
  expect(entries[placed]).toMatchObject({ kind: 'order', link: `/api/orders/${order}`, workflowId: `order-${order}` });
  expect(placed).toBeLessThan(taskDecided);
  expect(taskDecided).toBeLessThan(submitted);
  expect(submitted).toBeLessThan(ticketCreated);
  expect(entries[ticketCreated].link).toBe(`/api/tickets/${ticket}`);
});

test("a requisition's timeline shows its purchase order and the order that caused it; a ticket's shows its order", async () => {
  const { order, requisition, po, ticket } = story;
  const req = await h.get(`/api/timeline/requisition/${requisition}`, 'buyer');
  expect(req.status).toBe(200);
  expect(Object.fromEntries((req.body.processes as Process[]).map((p) => [p.document, p.relation]))).toEqual({
    [requisition]: 'self',
    [po]: 'child',
    [order]: 'caused-by',
  });
  const entries = req.body.entries as Entry[];
  expect(indexOf(entries, { document: requisition, type: 'process' })).toBeLessThan(indexOf(entries, { document: po, type: 'process' }));
  indexOf(entries, { document: po, type: 'decision', actor: 'Walt Warehouse' });

  const fromPo = await h.get(`/api/timeline/purchase-order/${po}`, 'buyer');
  expect(Object.fromEntries((fromPo.body.processes as Process[]).map((p) => [p.document, [p.relation, p.via]]))).toEqual({
    [po]: ['self', undefined],
    [requisition]: ['parent', undefined],
    [order]: ['caused-by', requisition],
  });

  const fromTicket = await h.get(`/api/timeline/ticket/${ticket}`, 'agent');
  expect(Object.fromEntries((fromTicket.body.processes as Process[]).map((p) => [p.document, p.relation]))).toEqual({
    [ticket]: 'self',
    [order]: 'caused-by',
  });
});

test('a purchase that was not raised for the order but whose goods released its backorder is shown as supplying it', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { price: 20, stock: 1 });
  const s = await db.supplier.create({
    data: { code: `S-${p.sku}`, name: 'Supplier', email: 'o@s.example', apiUrl: `${h.simulator.url}/suppliers/S-${p.sku}` },
  });
  await db.supplierPrice.create({ data: { supplierId: s.id, productId: p.id, priceCents: 900, leadTimeDays: 4, preferred: true } });
  const order = (await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 3 }]))).body.number as string;
  await h.waitForStatus(order, 'backordered');
  const req = await h.post(
    '/api/requisitions',
    { costCenter: 'CC-1', justification: 'Shelf stock', lines: [{ sku: p.sku, quantity: 5, neededBy: '2027-01-10' }] },
    'requester',
  );
  const po = await h.eventually(
    () => db.purchaseOrder.findFirst({ where: { requisition: { number: req.body.number }, status: 'confirmed' } }),
    'a confirmed purchase order',
  );
  await h.eventually(
    async () => (await h.get(`/api/purchase-orders/${po.number}`, 'buyer')).body.process.status === 'awaiting_goods',
    'the purchase order waiting for goods',
  );
  await h.post(`/api/purchase-orders/${po.number}/receipts`, { reference: 'DN-1', lines: [{ lineNo: 1, quantity: 5 }] }, 'warehouse');
  await h.waitForStatus(order, 'awaiting_delivery');

  const res = await h.get(`/api/timeline/order/${order}`, 'operator');
  expect(Object.fromEntries((res.body.processes as Process[]).map((x) => [x.document, x.relation]))).toEqual({
    [order]: 'self',
    [po.number]: 'supplied-by',
  });
  const entries = res.body.entries as Entry[];
  expect(indexOf(entries, { document: po.number, type: 'decision', step: 'receive goods' })).toBeLessThan(
    indexOf(entries, { document: order, type: 'signal', step: 'stock replenished' }),
  );
});

test('a process removed from Temporal is marked and does not hide the others', async () => {
  const { order, ticket } = story;
  await h.env.client.workflowService.deleteWorkflowExecution({
    namespace: h.env.namespace ?? 'default',
    workflowExecution: { workflowId: `ticket-${ticket}` },
  });
  const res = await h.eventually(async () => {
    const r = await h.get(`/api/timeline/order/${order}`, 'manager');
    return (r.body.processes as Process[]).find((p) => p.document === ticket)?.unavailable ? r : undefined;
  }, 'the removed ticket process marked');
  expect((res.body.processes as Process[]).find((p) => p.document === ticket)!.unavailable).toMatch(/not in this Temporal namespace/);
  expect(ZTimeline.parse(res.body)).toEqual(res.body);
  const entries = res.body.entries as Entry[];
  expect(entries.some((e) => e.workflowId === `ticket-${ticket}` && e.type !== 'audit')).toBe(false);
  // Its record's audit rows still tell it was opened, and the order's own story is whole.
  indexOf(entries, { type: 'audit', document: ticket, step: 'ticket created' });
  indexOf(entries, { workflowId: `order-${order}`, type: 'decision', actor: 'Adam Approver' });
});

test("a process of an older record with the same number is not told as the record's own", async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { stock: 10 });
  const number = (await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 1 }]))).body.number as string;
  await h.waitForStatus(number, 'awaiting_delivery');
  // What a database reset leaves: the old record gone, a new one under its number, the old process still in Temporal.
  await db.salesOrder.update({ where: { number }, data: { number: `GONE-${number}` } });
  await db.auditLog.updateMany({ where: { entityRef: number }, data: { entityRef: `GONE-${number}` } });
  await writtenOrder(db, { customerId: c.id, status: 'received', number, lines: [{ productId: p.id, quantity: 3 }] });

  const res = await h.get(`/api/timeline/order/${number}`, 'manager');
  expect(res.status).toBe(200);
  expect(res.body.processes).toEqual([
    expect.objectContaining({
      document: number,
      relation: 'self',
      status: 'received',
      unavailable: expect.stringMatching(/already used by another record/),
    }),
  ]);
  expect(res.body.entries).toEqual([]);
});

test('unknown documents answer 404, a bad document type or number 400 naming the field, a portal key 403', async () => {
  const missing = await h.get('/api/timeline/order/SO-99999', 'manager');
  expect(missing.status).toBe(404);
  expect(missing.body.error.message).toMatch(/Order SO-99999 was not found/);
  expect((await h.get('/api/timeline/manufacturing-order/MO-99999', 'planner')).status).toBe(404);

  const badType = await h.get('/api/timeline/invoice/SO-00001', 'manager');
  expect(badType.status).toBe(400);
  expect(badType.body.error.details.map((d: { field: string }) => d.field)).toEqual(['documentType']);
  const mismatch = await h.get('/api/timeline/order/REQ-00001', 'manager');
  expect(mismatch.status).toBe(400);
  expect(mismatch.body.error.details).toEqual([{ field: 'number', message: 'must look like SO-00001 for documentType order' }]);
  expect((await h.get('/api/timeline/order/SO-1', 'manager')).body.error.details[0].field).toBe('number');

  expect((await h.get(`/api/timeline/order/${story.order}`, 'customer')).status).toBe(403);
  expect((await h.get(`/api/timeline/order/${story.order}`, null)).status).toBe(401);
});
