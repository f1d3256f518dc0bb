// The story the production side exists for: a sales order for a product made to order, placed
// through the API with components short (one on the shop floor, one everywhere) and a machine that
// breaks down on the way, ends delivered and paid; its history shows the child manufacturing
// order, the child purchase, the machine retries and the move to the alternative work center.
import type { Harness } from '../support/harness';
import { declareOutOfService } from '../maintenance/support';
import { customer, inFourWeeks, ledgerBalances, orderBody } from '../support/fixtures';
import { boughtProduct, purchaseOrderOf, supplier, waitPo } from '../procurement/support';
import { component, historyEvents, machine, manufactured, stockEverywhere, waitMo, workCenter, usePlant } from './support';

let h: Harness;
usePlant((started) => (h = started));

test('an order for a make-to-order product is manufactured (sub-assembly, transfer, breakdown → alternative), shipped, delivered and paid', async () => {
  const db = h.stores.operations;
  const weld = await workCenter(h);
  const weldBackup = await workCenter(h);
  const assembly = await workCenter(h);
  const tube = await component(h, { cost: 3, shop: 2, warehouse: 30 }); // short on the shop floor
  const cap = await component(h, { cost: 1, shop: 50 });
  const glides = await boughtProduct(h, await supplier(h), 0.5); // nowhere in stock: bought for this order
  const frame = await manufactured(h, {
    parts: [{ sku: tube.sku, quantity: 4 }],
    steps: [{ name: 'Weld', workCenter: weld, alternative: weldBackup, minutesPerUnit: 4 }],
  });
  const chair = await manufactured(h, {
    makeToOrder: true,
    price: 250,
    parts: [
      { sku: frame.sku, quantity: 1 },
      { sku: cap.sku, quantity: 4 },
      { sku: glides.sku, quantity: 4 },
    ],
    steps: [{ name: 'Assemble', workCenter: assembly, setupMinutes: 10, minutesPerUnit: 15 }],
  });
  await machine(h, weld.code, { breakdownNext: 2 });
  const c = await customer(db);
  const before = await ledgerBalances(db);

  const created = await h.post('/api/orders', orderBody(c.code, [{ sku: chair.sku, quantity: 3 }]));
  expect(created.status).toBe(201);
  const orderNumber: string = created.body.number;
  const mo = await h.eventually(
    () => h.stores.production.manufacturingOrder.findFirst({ where: { parentType: 'order', parentRef: orderNumber } }),
    'the manufacturing order of the order line',
  );
  expect(mo).toMatchObject({ productSku: chair.sku, quantity: 3 });
  // Due when the customer asked for it; the plan (minutes of machine time) is well inside that.
  expect(mo.dueDate?.toISOString().slice(0, 10)).toBe(inFourWeeks());
  expect((await h.get(`/api/manufacturing-orders/${mo.number}`)).body).toMatchObject({ dueDate: inFourWeeks(), late: false });
  await h.waitForStatus(orderNumber, 'manufacturing');

  // The glides are bought under the normal approval policy (within the automatic limit) and received at the warehouse.
  const requisition = await h.eventually(
    () => db.requisition.findFirst({ where: { source: 'make_to_order', sourceRef: mo.number }, include: { lines: true } }),
    'the requisition for the glides',
  );
  expect(requisition.lines.map((l) => l.quantity)).toEqual([12]);
  const po = await purchaseOrderOf(h, requisition.number);
  await waitPo(h, po.number, 'awaiting_goods');
  const receipt = await h.post(
    `/api/purchase-orders/${po.number}/receipts`,
    { reference: 'DN-GLIDES', lines: [{ lineNo: 1, quantity: 12 }] },
    'warehouse',
  );
  expect(receipt.status).toBe(201);
  await waitMo(h, mo.number, 'done', 90_000);

  await h.waitForStatus(orderNumber, 'awaiting_delivery');
  expect((await h.post(`/api/orders/${orderNumber}/delivery-confirmation`, {})).status).toBe(200);
  await h.waitForStatus(orderNumber, 'awaiting_payment');
  const invoice = await db.invoice.findFirstOrThrow({ where: { order: { number: orderNumber } } });
  expect(invoice.totalCents).toBe(75_000);
  expect((await h.post(`/api/orders/${orderNumber}/payments`, { reference: `${orderNumber}-PAY`, amount: 750 })).status).toBe(201);
  await h.waitForStatus(orderNumber, 'paid');

  // Frames: 3 × 4 tubes = 12, 2 from the shop and 10 brought from the warehouse; the chairs left the warehouse.
  expect(await stockEverywhere(h, tube.sku)).toMatchObject({ main: 20, shop: 0, shopReserved: 0 });
  expect(await stockEverywhere(h, chair.sku)).toMatchObject({ main: 0, mainReserved: 0, shop: 0 });
  const frameOrder = await h.stores.production.manufacturingOrder.findFirstOrThrow({ where: { parentRef: mo.number } });
  expect(frameOrder).toMatchObject({ productSku: frame.sku, quantity: 3, status: 'done' });
  const weldStep = await h.stores.production.workOrder.findFirstOrThrow({ where: { moId: frameOrder.id } });
  expect(weldStep.workCenterId).toBe(weldBackup.id);

  // The order's history shows its manufacturing order; that one's shows the frame's, and the frame's the breakdown retries.
  const orderEvents = await historyEvents(h, `order-${orderNumber}`);
  expect(orderEvents.some((e) => e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId === `mo-${mo.number}`)).toBe(true);
  const moEvents = await historyEvents(h, `mo-${mo.number}`);
  expect(moEvents.some((e) => e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId === `mo-${frameOrder.number}`)).toBe(true);
  expect(
    moEvents.some((e) => e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowId === `requisition-${requisition.number}`),
  ).toBe(true);
  expect(moEvents.some((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'materialsReceived')).toBe(true);
  const frameEvents = await historyEvents(h, `mo-${frameOrder.number}`);
  expect(frameEvents.some((e) => e.activityTaskFailedEventAttributes?.failure?.applicationFailureInfo?.type === 'MachineBreakdown')).toBe(
    true,
  );

  // Production cost went through work in progress and out as the chairs were sold; revenue and cash are in.
  const after = await ledgerBalances(db);
  const moved = (account: string) => (after[account] ?? 0) - (before[account] ?? 0);
  expect(moved('1320')).toBe(0);
  expect(moved('4000')).toBe(-75_000);
  expect(moved('1000')).toBe(75_000);
});

test('an order cancelled while its goods are being made calls off its manufacturing order, which writes off what it used', async () => {
  const db = h.stores.operations;
  const lathe = await workCenter(h);
  const rod = await component(h, { cost: 2, shop: 10 });
  const knob = await manufactured(h, {
    makeToOrder: true,
    parts: [{ sku: rod.sku, quantity: 1 }],
    steps: [{ workCenter: lathe, minutesPerUnit: 30 }],
  });
  await machine(h, lathe.code, { slowFactor: 50 }); // long enough to cancel mid-job
  const c = await customer(db);
  const created = await h.post('/api/orders', orderBody(c.code, [{ sku: knob.sku, quantity: 2 }]));
  const orderNumber: string = created.body.number;
  const mo = await h.eventually(
    () => h.stores.production.manufacturingOrder.findFirst({ where: { parentRef: orderNumber } }),
    'the manufacturing order',
  );
  await h.eventually(
    async () => (await h.stores.production.workOrder.findFirst({ where: { moId: mo.id } }))?.status === 'running',
    'the job to run',
  );

  // A manufacturing order made for an order is cancelled through the order.
  const direct = await h.post(`/api/manufacturing-orders/${mo.number}/cancel`, { reason: 'not this way' }, 'planner');
  expect(direct.status).toBe(409);
  expect(direct.body.error.message).toContain(orderNumber);

  const cancelled = await h.post(`/api/orders/${orderNumber}/cancel`, { reason: 'customer withdrew' });
  expect(cancelled.status).toBe(200);
  await h.waitForStatus(orderNumber, 'cancelled');
  await waitMo(h, mo.number, 'cancelled');
  const after = await h.stores.production.manufacturingOrder.findUniqueOrThrow({ where: { id: mo.id } });
  expect(after.lossCents).toBe(2 * 200); // the rods were issued; the cut-off job had not finished, so no machine time
  expect(await stockEverywhere(h, rod.sku)).toMatchObject({ shop: 8, shopReserved: 0 });
  expect(await stockEverywhere(h, knob.sku)).toMatchObject({ main: 0, mainReserved: 0, shop: 0 });
  await machine(h, lathe.code, { reset: true });
});

test('a manufacturing order called off on the shop floor leaves its order line on backorder, not the order failed', async () => {
  const db = h.stores.operations;
  const kiln = await workCenter(h);
  const clay = await component(h, { cost: 1, shop: 10 });
  const vase = await manufactured(h, {
    makeToOrder: true,
    parts: [{ sku: clay.sku, quantity: 1 }],
    steps: [{ workCenter: kiln, minutesPerUnit: 2 }],
  });
  await machine(h, kiln.code, { rejectNext: 1 });
  const created = await h.post('/api/orders', orderBody((await customer(db)).code, [{ sku: vase.sku, quantity: 1 }]));
  const orderNumber: string = created.body.number;
  const mo = await h.eventually(() => h.stores.production.manufacturingOrder.findFirst({ where: { parentRef: orderNumber } }), 'the MO');
  await declareOutOfService(h, kiln.id, 'kiln cracked');
  const task = await h.openTask(mo.number, 'machine-down');
  expect((await h.decide(task.id, 'cancel', 'planner', 'kiln cracked')).status).toBe(200);
  await h.waitForStatus(orderNumber, 'backordered');
  const view = (await h.get(`/api/orders/${orderNumber}`)).body;
  expect(view.process.events.find((e: { step: string }) => e.step === 'manufacturing_failed').note).toMatch(
    /cancelled: shop floor: kiln cracked/,
  );
  expect((await h.post(`/api/orders/${orderNumber}/cancel`, { reason: 'no vase after all' })).status).toBe(200);
});
