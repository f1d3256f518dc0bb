// Quality checks in manufacturing on the real Temporal dev server and the machine simulator: a measurement out
// of tolerance sends the work order round again; an inspector's scrap writes the goods off and makes them again
// from new materials (bought when the shop has none); repeated failures on a work center raise one alert.
import type { Harness } from '../support/harness';
import { ledgerBalances } from '../support/fixtures';
import { stockShop } from '../support/production-fixtures';
import { boughtProduct, openTaskFor, purchaseOrderOf, supplier, waitPo } from '../procurement/support';
import {
  component,
  machine,
  machineJobs,
  manufactured,
  planMo,
  stockEverywhere,
  waitMo,
  workCenter,
  usePlant,
} from '../manufacturing/support';

let h: Harness;
usePlant((started) => (h = started));

async function qualityPoint(body: object) {
  const res = await h.post('/api/quality-points', body, 'inspector');
  if (res.status !== 201) throw new Error(`quality point answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { id: number };
}

const checksOf = async (number: string) => (await h.get(`/api/quality-checks?mo=${number}`, 'planner')).body.items;

async function decide(taskId: string, as: 'inspector' | 'manager', body: object) {
  const res = await h.post(`/api/tasks/${encodeURIComponent(taskId)}/decision`, body, as);
  expect(res.status).toBe(200);
}

test('a measurement out of tolerance: the work order runs again, passes and the order finishes with the cost of both runs', async () => {
  const lathe = await workCenter(h, { ratePerHour: 60, labourPerHour: 30 });
  const rod = await component(h, { cost: 2, shop: 10 });
  const shaft = await manufactured(h, {
    parts: [{ sku: rod.sku, quantity: 1 }],
    steps: [{ name: 'Turn', workCenter: lathe, minutesPerUnit: 5 }],
  });
  await qualityPoint({
    productSku: shaft.sku,
    operationSequence: 10,
    kind: 'measure',
    characteristic: 'diameter_mm',
    minValue: 19.9,
    maxValue: 20.1,
  });
  await machine(h, lathe.code, { measurements: { diameter_mm: 20 }, outOfToleranceNext: 1 });
  const before = await ledgerBalances(h.stores.operations);

  const number = await planMo(h, shaft.sku, 2);
  await waitMo(h, number, 'done');

  const checks = await checksOf(number);
  expect(checks.map((c: any) => [c.attempt, c.status, c.outcome, c.measured])).toEqual([
    [1, 'failed', 'rework', { diameter_mm: 1020 }],
    [2, 'passed', undefined, { diameter_mm: 20 }],
  ]);
  expect(checks[0].reason).toMatch(/diameter_mm 1020 outside \[19.9, 20.1\]/);
  // Two jobs at the machine, the second under a new id; the actual minutes add up.
  const jobs = await machineJobs(h, lathe.code);
  expect(jobs.map((j) => [j.jobId, j.state])).toEqual([
    [`${number}:10:1`, 'done'],
    [`${number}:10:r2:1`, 'done'],
  ]);
  const mo = await h.stores.production.manufacturingOrder.findUniqueOrThrow({ where: { number }, include: { workOrders: true } });
  expect(mo.workOrders[0]).toMatchObject({ status: 'done', minutesPlanned: 10, minutesActual: 20 });
  expect(mo.machineCostCents).toBe(2000);
  expect(mo.labourCostCents).toBe(1000);
  expect(mo.lossCents).toBe(0);

  const view = (await h.get(`/api/manufacturing-orders/${number}`)).body;
  expect(view.quality).toEqual({ checks: 2, failed: 1, reworks: 1, scraps: 0 });
  expect(view.workOrders[0].qualityChecks).toHaveLength(2);
  expect(view.process.events.map((e: { step: string }) => e.step)).toEqual(
    expect.arrayContaining(['quality_failed', 'rework', 'quality_passed']),
  );

  // Work in progress is empty again; the shafts' full cost (materials and both runs) sits in inventory.
  const after = await ledgerBalances(h.stores.operations);
  expect((after['1320'] ?? 0) - (before['1320'] ?? 0)).toBe(0);
  expect(mo.materialCostCents).toBe(2 * 200);
  expect((after['1300'] ?? 0) - (before['1300'] ?? 0)).toBe(mo.materialCostCents + mo.machineCostCents + mo.labourCostCents);
  expect(await stockEverywhere(h, shaft.sku)).toMatchObject({ main: 2 });
  await machine(h, lathe.code, { reset: true });
});

test('an inspector scraps the goods: the loss is written off, materials are bought again and the goods made again', async () => {
  const welder = await workCenter(h);
  const s = await supplier(h);
  const tube = await boughtProduct(h, s, 4); // none in the warehouse ...
  await stockShop(h.stores.production, tube.sku, 5); // ... and just enough in the shop for one go
  const frame = await manufactured(h, {
    parts: [{ sku: tube.sku, quantity: 5 }],
    steps: [{ name: 'Weld', workCenter: welder, minutesPerUnit: 4 }],
  });
  await qualityPoint({ productSku: frame.sku, kind: 'inspection', instructions: 'Check the welds for cracks' });

  const number = await planMo(h, frame.sku, 1);
  const first = await openTaskFor(h, number, 'quality-inspection');
  expect(first.role).toBe('quality');
  await decide(first.id, 'inspector', { decision: 'scrap', comment: 'cracked weld', photoRef: 'https://photos.example/weld-1.jpg' });

  // The shop has nothing left: a purchase for the five tubes, received, wakes the order.
  const requisition = await h.eventually(
    () => h.stores.operations.requisition.findFirst({ where: { source: 'make_to_order', sourceRef: number }, include: { lines: true } }),
    `a requisition for ${number}`,
  );
  expect(requisition.lines.map((l) => l.quantity)).toEqual([5]);
  const po = await purchaseOrderOf(h, requisition.number);
  await waitPo(h, po.number, 'awaiting_goods');
  const receipt = await h.post(
    `/api/purchase-orders/${po.number}/receipts`,
    { reference: 'DN-Q1', lines: [{ lineNo: 1, quantity: 5 }] },
    'warehouse',
  );
  expect(receipt.status).toBe(201);

  const second = await h.eventually(
    () =>
      h.stores.operations.task.findFirst({
        where: { documentRef: number, kind: 'quality-inspection', status: 'open', id: { not: first.id } },
      }),
    'a second inspection',
  );
  await decide(second.id, 'inspector', { decision: 'pass', comment: 'clean welds' });
  await waitMo(h, number, 'done');

  const checks = await checksOf(number);
  expect(checks.map((c: any) => [c.attempt, c.kind, c.status, c.outcome, c.checkedBy])).toEqual([
    [1, 'inspection', 'failed', 'scrap', 'Ines Inspector'],
    [2, 'inspection', 'passed', undefined, 'Ines Inspector'],
  ]);
  expect(checks[0]).toMatchObject({ reason: 'cracked weld', photoRef: 'https://photos.example/weld-1.jpg' });

  // The first go (materials and machine time) is the loss; materials were issued twice; the frame was made.
  const mo = await h.stores.production.manufacturingOrder.findUniqueOrThrow({ where: { number } });
  const loss = await h.stores.operations.journalLine.findMany({ where: { accountCode: '6950', entry: { sourceRef: number } } });
  expect(loss.reduce((sum, l) => sum + l.debitCents, 0)).toBe(mo.lossCents);
  const firstRunConversion = mo.lossCents - mo.materialCostCents / 2;
  expect(mo.materialCostCents).toBeGreaterThan(0);
  expect(firstRunConversion).toBeGreaterThan(0);
  expect(firstRunConversion).toBeLessThan(mo.machineCostCents + mo.labourCostCents);
  const reservations = await h.stores.production.materialReservation.findMany({ where: { mo: { number } } });
  expect(reservations.map((r) => r.status).sort()).toEqual(['consumed', 'scrapped']);
  expect(await stockEverywhere(h, tube.sku)).toMatchObject({ main: 0, shop: 0, shopReserved: 0 });
  expect(await stockEverywhere(h, frame.sku)).toMatchObject({ main: 1 });
  const view = (await h.get(`/api/manufacturing-orders/${number}`)).body;
  expect(view.quality).toMatchObject({ scraps: 1, reworks: 0 });
  expect(view.process.events.map((e: { step: string }) => e.step)).toEqual(expect.arrayContaining(['scrapped', 'purchase']));
});

test('three failed checks on one work center raise one quality alert with a task for the managers; the order goes on', async () => {
  const mill = await workCenter(h);
  const block = await component(h, { cost: 1, shop: 10 });
  const bracket = await manufactured(h, {
    parts: [{ sku: block.sku, quantity: 1 }],
    steps: [{ name: 'Mill', workCenter: mill, minutesPerUnit: 2 }],
  });
  await qualityPoint({ productSku: bracket.sku, operationSequence: 10, kind: 'measure', characteristic: 'width_mm', maxValue: 50 });
  await machine(h, mill.code, { measurements: { width_mm: 49.5 }, outOfToleranceNext: 3 });

  const number = await planMo(h, bracket.sku, 1);
  await waitMo(h, number, 'done');
  expect((await checksOf(number)).map((c: any) => c.status)).toEqual(['failed', 'failed', 'failed', 'passed']);

  const alerts = (await h.get('/api/quality-alerts?status=open', 'manager')).body.items.filter((a: any) => a.workCenter === mill.code);
  expect(alerts).toEqual([expect.objectContaining({ number: expect.stringMatching(/^QA-\d{5}$/), failures: 3, status: 'open' })]);
  const task = await openTaskFor(h, alerts[0].number, 'quality-alert');
  expect(task).toMatchObject({ role: 'manager', workflowId: `quality-alert-${alerts[0].number}` });
  await decide(task.id, 'manager', { decision: 'acknowledge', comment: 'tool worn, replaced' });
  await h.eventually(
    async () => (await h.stores.production.qualityAlert.findUnique({ where: { number: alerts[0].number } }))?.status === 'acknowledged',
    `${alerts[0].number} to be acknowledged`,
  );
  const acknowledged = (await h.get('/api/quality-alerts?status=acknowledged', 'planner')).body.items.find(
    (a: any) => a.number === alerts[0].number,
  );
  expect(acknowledged).toMatchObject({ acknowledgedBy: 'Mona Manager', workCenter: mill.code });
  await machine(h, mill.code, { reset: true });
});

test('past QUALITY_MAX_REWORKS a production task asks; cancel calls the order off and writes off every run', async () => {
  const press = await workCenter(h, { ratePerHour: 60, labourPerHour: 0 });
  const sheet = await component(h, { cost: 3, shop: 10 });
  const panel = await manufactured(h, {
    parts: [{ sku: sheet.sku, quantity: 1 }],
    steps: [{ name: 'Press', workCenter: press, minutesPerUnit: 2 }],
  });
  await qualityPoint({ productSku: panel.sku, operationSequence: 10, kind: 'measure', characteristic: 'flatness', maxValue: 0.5 });
  await machine(h, press.code, { measurements: { flatness: 0.1 }, outOfToleranceNext: 4 });

  const number = await planMo(h, panel.sku, 1);
  const task = await openTaskFor(h, number, 'quality-rounds');
  expect(task).toMatchObject({ role: 'production', decisions: expect.stringContaining('retry') });
  expect((await checksOf(number)).map((c: any) => c.status)).toEqual(['failed', 'failed', 'failed', 'failed']);
  const res = await h.post(
    `/api/tasks/${encodeURIComponent(task.id)}/decision`,
    { decision: 'cancel', comment: 'press needs a new die' },
    'planner',
  );
  expect(res.status).toBe(200);
  await waitMo(h, number, 'cancelled');

  const mo = await h.stores.production.manufacturingOrder.findUniqueOrThrow({ where: { number }, include: { workOrders: true } });
  expect(mo.workOrders[0].minutesActual).toBe(8); // four runs of two minutes
  expect(mo.lossCents).toBe(300 + 800);
  expect(mo.statusNote).toMatch(/press needs a new die/);
  await machine(h, press.code, { reset: true });
});
