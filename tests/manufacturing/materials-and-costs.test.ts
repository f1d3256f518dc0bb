// Manufacturing orders and their materials on the real Temporal dev server: a two-level BoM made
// with a child order for the sub-assembly, parts brought from the warehouse or bought through
// procure-to-pay, the cost roll-up in the ledger, and cancellation.
import type { Harness } from '../support/harness';
import { ledgerBalances } from '../support/fixtures';
import { boughtProduct, purchaseOrderOf, supplier, waitPo } from '../procurement/support';
import { component, historyEvents, machine, manufactured, planMo, stockEverywhere, waitMo, workCenter, usePlant } from './support';

let h: Harness;
usePlant((started) => (h = started));

test('a two-level BoM: the sub-assembly is made by a child order, parts come from shop and warehouse, goods and costs reach the warehouse and ledger', async () => {
  const cut = await workCenter(h, { ratePerHour: 60, labourPerHour: 30 });
  const assembly = await workCenter(h, { slots: 2, ratePerHour: 120, labourPerHour: 30 });
  const steel = await component(h, { cost: 2, shop: 10 });
  const bolts = await component(h, { cost: 5, warehouse: 50 });
  const frame = await manufactured(h, {
    parts: [{ sku: steel.sku, quantity: 2 }],
    steps: [{ workCenter: cut, minutesPerUnit: 5 }],
    cost: 10,
  });
  const desk = await manufactured(h, {
    parts: [
      { sku: frame.sku, quantity: 1 },
      { sku: bolts.sku, quantity: 3 },
    ],
    steps: [
      { name: 'Cut', workCenter: cut, minutesPerUnit: 10 },
      { name: 'Assemble', workCenter: assembly, setupMinutes: 5, minutesPerUnit: 20 },
    ],
  });
  const before = await ledgerBalances(h.stores.operations);

  const number = await planMo(h, desk.sku, 2);
  await waitMo(h, number, 'done');

  const view = (await h.get(`/api/manufacturing-orders/${number}`)).body;
  expect(view).toMatchObject({ status: 'done', sku: desk.sku, quantity: 2, progressPercent: 100 });
  expect(view.childOrders).toEqual([{ number: expect.stringMatching(/^MO-/), sku: frame.sku, quantity: 2, status: 'done' }]);
  expect(
    view.workOrders.map((w: { name: string; status: string; planned: { start?: string } }) => [w.name, w.status, !!w.planned.start]),
  ).toEqual([
    ['Cut', 'done', true],
    ['Assemble', 'done', true],
  ]);
  // The plan puts Assemble after Cut.
  expect(view.workOrders[1].planned.start >= view.workOrders[0].planned.finish).toBe(true);

  // Steel: 2 frames × 2 from the shop; bolts: 6 brought over from the warehouse; the desks handed over.
  expect(await stockEverywhere(h, steel.sku)).toMatchObject({ shop: 6, shopReserved: 0 });
  expect(await stockEverywhere(h, bolts.sku)).toMatchObject({ main: 44, shop: 0, shopReserved: 0 });
  expect(await stockEverywhere(h, frame.sku)).toMatchObject({ shop: 0, shopReserved: 0 });
  expect(await stockEverywhere(h, desk.sku)).toMatchObject({ main: 2, shop: 0 });

  // Materials at standard cost (frames 10.00, bolts 5.00), machine and labour at the actual minutes.
  const mo = await h.stores.production.manufacturingOrder.findUniqueOrThrow({ where: { number }, include: { workOrders: true } });
  const minutes = (seq: number) => mo.workOrders.find((w) => w.sequence === seq)!.minutesActual!;
  expect(mo.materialCostCents).toBe(2 * 1000 + 6 * 500);
  expect(mo.machineCostCents).toBe(Math.round((minutes(10) * 6000) / 60) + Math.round((minutes(20) * 12000) / 60));
  expect(mo.labourCostCents).toBe(Math.round((minutes(10) * 3000) / 60) + Math.round((minutes(20) * 3000) / 60));
  const total = mo.materialCostCents + mo.machineCostCents + mo.labourCostCents;

  // Work in progress is empty again; the desks' full cost sits in inventory.
  const after = await ledgerBalances(h.stores.operations);
  const moved = (account: string) => (after[account] ?? 0) - (before[account] ?? 0);
  expect(moved('1320')).toBe(0);
  const entries = await h.stores.operations.journalEntry.findMany({ where: { sourceRef: number }, include: { lines: true } });
  const handover = entries.find((e) => e.lines.some((l) => l.accountCode === '1330' && l.creditCents > 0))!;
  expect(handover.lines.find((l) => l.accountCode === '1300')?.debitCents).toBe(total);

  // The history shows the child order.
  const events = await historyEvents(h, `mo-${number}`);
  expect(events.some((e) => e.startChildWorkflowExecutionInitiatedEventAttributes?.workflowType?.name === 'manufacturingOrder')).toBe(true);
});

test('parts nobody has are bought through procure-to-pay; the goods receipt wakes the order, which transfers them and finishes', async () => {
  const wc = await workCenter(h);
  const s = await supplier(h);
  const part = await boughtProduct(h, s, 4); // nothing in the warehouse or the shop
  const gadget = await manufactured(h, { parts: [{ sku: part.sku, quantity: 5 }], steps: [{ workCenter: wc, minutesPerUnit: 2 }] });

  const number = await planMo(h, gadget.sku, 3);
  await waitMo(h, number, 'waiting_materials');
  const requisition = await h.eventually(
    () => h.stores.operations.requisition.findFirst({ where: { source: 'make_to_order', sourceRef: number }, include: { lines: true } }),
    `a requisition for ${number}`,
  );
  expect(requisition.lines.map((l) => l.quantity)).toEqual([15]);
  const po = await purchaseOrderOf(h, requisition.number);
  await waitPo(h, po.number, 'awaiting_goods');
  const receipt = await h.post(
    `/api/purchase-orders/${po.number}/receipts`,
    { reference: 'DN-1', lines: [{ lineNo: 1, quantity: 15 }] },
    'warehouse',
  );
  expect(receipt.status).toBe(201);

  await waitMo(h, number, 'done');
  expect(await stockEverywhere(h, part.sku)).toMatchObject({ main: 0, shop: 0 });
  expect(await stockEverywhere(h, gadget.sku)).toMatchObject({ main: 3 });
  const view = (await h.get(`/api/manufacturing-orders/${number}`)).body;
  expect(view.process.requisitions).toEqual([requisition.number]);
  expect(view.process.events.map((e: { step: string }) => e.step)).toEqual(
    expect.arrayContaining(['purchase', 'transferred', 'replanned']),
  );
});

test('cancelled mid-production: issued materials and machine time are written off, the rest of the plan is freed', async () => {
  const first = await workCenter(h);
  const second = await workCenter(h);
  const wood = await component(h, { cost: 3, warehouse: 20, shop: 2 });
  const shelf = await manufactured(h, {
    parts: [{ sku: wood.sku, quantity: 4 }],
    steps: [
      { name: 'Saw', workCenter: first, minutesPerUnit: 2 },
      { name: 'Finish', workCenter: second, minutesPerUnit: 2 },
    ],
  });
  await machine(h, second.code, { slowFactor: 200 }); // Finish runs long enough to cancel it
  const number = await planMo(h, shelf.sku, 2);
  await h.eventually(async () => {
    const wo = await h.stores.production.workOrder.findFirst({ where: { mo: { number }, sequence: 20 } });
    return wo?.status === 'running' && wo.progress > 0;
  }, 'Finish to be running');

  const cancelled = await h.post(`/api/manufacturing-orders/${number}/cancel`, { reason: 'customer withdrew' }, 'planner');
  expect(cancelled.status).toBe(200);
  expect(cancelled.body.status).toBe('cancelled');
  const mo = await h.stores.production.manufacturingOrder.findUniqueOrThrow({ where: { number }, include: { workOrders: true } });
  const saw = mo.workOrders.find((w) => w.sequence === 10)!;
  const sawCost = Math.round((saw.minutesActual! * 6000) / 60) + Math.round((saw.minutesActual! * 3000) / 60);
  expect(mo.lossCents).toBe(8 * 300 + sawCost);
  expect(mo.workOrders.find((w) => w.sequence === 20)!.status).toBe('cancelled');
  expect(cancelled.body.process.lossCents).toBe(mo.lossCents);
  // 2 from the shop and 6 brought over were used up; nothing is left reserved.
  expect(await stockEverywhere(h, wood.sku)).toMatchObject({ main: 14, shop: 0, shopReserved: 0 });
  const loss = await h.stores.operations.journalLine.findMany({ where: { accountCode: '6950', entry: { sourceRef: number } } });
  expect(loss.reduce((s, l) => s + l.debitCents, 0)).toBe(mo.lossCents);
  // A second cancel is refused.
  expect((await h.post(`/api/manufacturing-orders/${number}/cancel`, { reason: 'again please' }, 'planner')).status).toBe(409);
  await machine(h, second.code, { reset: true });
});

test('cancelled while waiting for a purchase: the purchase is called off and the parts brought over go back', async () => {
  const wc = await workCenter(h);
  const s = await supplier(h);
  const some = await component(h, { cost: 1, warehouse: 5 });
  const none = await boughtProduct(h, s, 2);
  const kit = await manufactured(h, {
    parts: [
      { sku: some.sku, quantity: 2 },
      { sku: none.sku, quantity: 1 },
    ],
    steps: [{ workCenter: wc, minutesPerUnit: 1 }],
  });
  const number = await planMo(h, kit.sku, 2);
  const requisition = await h.eventually(
    () => h.stores.operations.requisition.findFirst({ where: { source: 'make_to_order', sourceRef: number } }),
    `a requisition for ${number}`,
  );
  expect(await stockEverywhere(h, some.sku)).toMatchObject({ main: 1, shop: 4, shopReserved: 4 });

  const cancelled = await h.post(`/api/manufacturing-orders/${number}/cancel`, { reason: 'plan changed' }, 'manager');
  expect(cancelled.status).toBe(200);
  expect(cancelled.body.status).toBe('cancelled');
  expect(cancelled.body.process.lossCents).toBeUndefined();
  expect(await stockEverywhere(h, some.sku)).toMatchObject({ main: 5, shop: 0, shopReserved: 0 });
  await h.eventually(
    async () => (await h.stores.operations.requisition.findUniqueOrThrow({ where: { number: requisition.number } })).status === 'cancelled',
    `${requisition.number} to be cancelled`,
  );
});
