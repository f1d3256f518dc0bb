// The timeline of a made-to-order sale: the order's own process with its invoice and payment, its
// manufacturing order, that order's sub-assembly and the purchase raised for a missing component —
// and each of those documents' own timeline pointing back up to what caused it.
import type { Harness } from '../support/harness';
import { customer, orderBody } from '../support/fixtures';
import { boughtProduct, purchaseOrderOf, supplier, waitPo } from '../procurement/support';
import { component, manufactured, usePlant, waitMo, workCenter } from '../manufacturing/support';

let h: Harness;
usePlant((started) => (h = started));

interface Entry {
  workflowId: string;
  document: string;
  type: string;
  step: string;
  actor?: string;
  detail?: string;
}
interface Process {
  document: string;
  kind: string;
  relation: string;
  via?: string;
  status: string;
}
const relations = (processes: Process[]) => Object.fromEntries(processes.map((p) => [p.document, [p.relation, p.via]]));
const stepsOf = (entries: Entry[], document: string) => entries.filter((e) => e.document === document).map((e) => `${e.type}:${e.step}`);

test('an order made to order: its manufacturing orders, their purchase, its invoice and payment on one timeline', async () => {
  const db = h.stores.operations;
  const weld = await workCenter(h);
  const assembly = await workCenter(h);
  const tube = await component(h, { cost: 3, shop: 2, warehouse: 30 });
  const glides = await boughtProduct(h, await supplier(h), 0.5);
  const frame = await manufactured(h, {
    parts: [{ sku: tube.sku, quantity: 4 }],
    steps: [{ name: 'Weld', workCenter: weld, minutesPerUnit: 4 }],
  });
  const chair = await manufactured(h, {
    makeToOrder: true,
    price: 250,
    parts: [
      { sku: frame.sku, quantity: 1 },
      { sku: glides.sku, quantity: 4 },
    ],
    steps: [{ name: 'Assemble', workCenter: assembly, setupMinutes: 10, minutesPerUnit: 15 }],
  });
  const c = await customer(db);
  const order = (await h.post('/api/orders', orderBody(c.code, [{ sku: chair.sku, quantity: 2 }]))).body.number as string;
  const mo = await h.eventually(
    () => h.stores.production.manufacturingOrder.findFirst({ where: { parentType: 'order', parentRef: order } }),
    'the manufacturing order of the order line',
  );
  const requisition = await h.eventually(
    () => db.requisition.findFirst({ where: { source: 'make_to_order', sourceRef: mo.number } }),
    'the requisition for the glides',
  );
  const po = await purchaseOrderOf(h, requisition.number);
  await waitPo(h, po.number, 'awaiting_goods');
  await h.post(`/api/purchase-orders/${po.number}/receipts`, { reference: 'DN-GLIDES', lines: [{ lineNo: 1, quantity: 8 }] }, 'warehouse');
  await waitMo(h, mo.number, 'done', 90_000);
  const sub = await h.stores.production.manufacturingOrder.findFirstOrThrow({
    where: { parentType: 'manufacturing_order', parentRef: mo.number },
  });
  await h.waitForStatus(order, 'awaiting_delivery');
  expect((await h.post(`/api/orders/${order}/delivery-confirmation`, {})).status).toBe(200);
  await h.waitForStatus(order, 'awaiting_payment');
  const invoice = await db.invoice.findFirstOrThrow({ where: { order: { number: order } } });
  expect((await h.post(`/api/orders/${order}/payments`, { reference: `${order}-PAY`, amount: 500 })).status).toBe(201);
  await h.waitForStatus(order, 'paid');

  const res = await h.get(`/api/timeline/order/${order}`, 'manager');
  expect(res.status).toBe(200);
  expect(relations(res.body.processes)).toEqual({
    [order]: ['self', undefined],
    [mo.number]: ['child', undefined],
    [sub.number]: ['child', mo.number],
    [requisition.number]: ['child', mo.number],
    [po.number]: ['child', requisition.number],
  });
  expect((res.body.processes as Process[]).find((p) => p.document === mo.number)).toMatchObject({
    kind: 'manufacturing-order',
    status: 'done',
  });
  const entries = res.body.entries as Entry[];
  const at = (pred: (e: Entry) => boolean, what: string) => {
    const i = entries.findIndex(pred);
    if (i < 0) throw new Error(`no ${what} among ${entries.map((e) => `${e.document}:${e.type}:${e.step}`).join(' | ')}`);
    return i;
  };
  // Made, bought and received before it shipped; invoiced and paid inside the order's own process.
  const moStarted = at((e) => e.workflowId === `mo-${mo.number}` && e.type === 'process', 'the manufacturing order started');
  const subStarted = at((e) => e.workflowId === `mo-${sub.number}` && e.type === 'process', 'the sub-assembly started');
  const glidesReceived = at(
    (e) => e.document === po.number && e.type === 'decision' && e.actor === 'Walt Warehouse',
    'the glides received',
  );
  const moDone = at(
    (e) => e.workflowId === `mo-${mo.number}` && e.type === 'process' && e.step === 'completed',
    'the manufacturing order done',
  );
  const invoiced = at((e) => e.type === 'audit' && e.step === `invoice posted ${invoice.number}`, 'the invoice posted');
  const paid = at(
    (e) => e.type === 'audit' && e.step === `payment received ${invoice.number}` && e.actor === 'Olga Operator',
    'the payment',
  );
  const paidStatus = at((e) => e.workflowId === `order-${order}` && e.step === 'status: paid', 'the order paid');
  expect(moStarted).toBeLessThan(subStarted);
  expect(subStarted).toBeLessThan(moDone);
  expect(glidesReceived).toBeLessThan(moDone);
  expect(moDone).toBeLessThan(invoiced);
  expect(invoiced).toBeLessThan(paid);
  expect(paid).toBeLessThan(paidStatus);
  expect(stepsOf(entries, order)).toContain('decision:confirm delivery');

  // From below, the same relations read upwards.
  const fromSub = await h.get(`/api/timeline/manufacturing-order/${sub.number}`, 'planner');
  expect(relations(fromSub.body.processes)).toEqual({
    [sub.number]: ['self', undefined],
    [mo.number]: ['parent', undefined],
    [order]: ['parent', mo.number],
  });
  const fromPo = await h.get(`/api/timeline/purchase-order/${po.number}`, 'buyer');
  expect(relations(fromPo.body.processes)).toEqual({
    [po.number]: ['self', undefined],
    [requisition.number]: ['parent', undefined],
    [mo.number]: ['caused-by', requisition.number],
    [order]: ['caused-by', mo.number],
  });
});
