// One manufacturing order meets both kinds of trouble the shop floor has: its first operation's machine
// breaks down with no alternative (a maintenance request repairs it, with a spare part and labour), and
// its second operation's output fails the inspector's check (reworked, then passed). It still ends with
// the finished goods in the warehouse, the maintenance and quality records, and a balanced ledger.
import type { Harness } from '../support/harness';
import { ledgerBalances } from '../support/fixtures';
import { openTaskFor } from '../procurement/support';
import { diagnose, requestOn } from '../maintenance/support';
import { component, machine, machineJobs, manufactured, planMo, stockEverywhere, waitMo, workCenter, usePlant } from './support';

let h: Harness;
usePlant((started) => (h = started));

test('a breakdown with no alternative and a failed inspection: repaired, reworked, finished, every record kept', async () => {
  const cutter = await workCenter(h, { ratePerHour: 60, labourPerHour: 30 });
  const assembly = await workCenter(h, { ratePerHour: 30, labourPerHour: 30 });
  const sheet = await component(h, { cost: 4, shop: 10 });
  const seal = await component(h, { cost: 7, shop: 2 });
  const housing = await manufactured(h, {
    parts: [{ sku: sheet.sku, quantity: 2 }],
    steps: [
      { name: 'Cut', workCenter: cutter, minutesPerUnit: 3 },
      { name: 'Assemble', workCenter: assembly, minutesPerUnit: 2 },
    ],
  });
  const point = await h.post(
    '/api/quality-points',
    { productSku: housing.sku, operationSequence: 20, kind: 'inspection', instructions: 'Gaps even all round' },
    'inspector',
  );
  expect(point.status).toBe(201);
  // Both runs the plant allows on the cutter break down; the routing has no alternative for it.
  await machine(h, cutter.code, { breakdownNext: 2 });
  const before = await ledgerBalances(h.stores.operations);

  const number = await planMo(h, housing.sku, 1);

  // The breakdown: a corrective request, the cutter down, the order held until it is repaired.
  const request = await requestOn(h, cutter.id);
  expect(request).toMatchObject({ kind: 'corrective', moNumber: number, workOrderSequence: 10 });
  await waitMo(h, number, 'held');
  await diagnose(h, request.number, 'blade drive bearing seized');
  const url = `/api/maintenance-requests/${request.number}`;
  expect((await h.post(`${url}/parts`, { sku: seal.sku, quantity: 1 }, 'technician')).status).toBe(200);
  expect((await h.post(`${url}/labour`, { minutes: 60 }, 'technician')).status).toBe(200);
  const repair = await h.openTask(request.number, 'repair');
  expect((await h.decide(repair.id, 'repaired', 'technician')).status).toBe(200);

  // The inspection after assembly fails: the assembly runs again, and the second look passes.
  const first = await openTaskFor(h, number, 'quality-inspection');
  const failed = await h.post(
    `/api/tasks/${encodeURIComponent(first.id)}/decision`,
    { decision: 'rework', comment: 'gap at the hinge', photoRef: 'https://photos.example/hinge.jpg' },
    'inspector',
  );
  expect(failed.status).toBe(200);
  const second = await h.eventually(
    () => h.stores.operations.task.findFirst({ where: { documentRef: number, kind: 'quality-inspection', status: 'open' } }),
    'the second inspection',
  );
  expect(second.id).not.toBe(first.id);
  expect((await h.post(`/api/tasks/${encodeURIComponent(second.id)}/decision`, { decision: 'pass' }, 'inspector')).status).toBe(200);
  await waitMo(h, number, 'done');

  // Finished goods handed over; the seal consumed by the repair; the sheets by the order.
  expect(await stockEverywhere(h, housing.sku)).toMatchObject({ main: 1 });
  expect(await stockEverywhere(h, seal.sku)).toMatchObject({ shop: 1, shopReserved: 0 });
  expect(await stockEverywhere(h, sheet.sku)).toMatchObject({ shop: 8, shopReserved: 0 });

  // The maintenance record: repaired, with its downtime, part and labour; the cutter back in service.
  const closed = await h.stores.production.maintenanceRequest.findUniqueOrThrow({ where: { id: request.id }, include: { parts: true } });
  expect(closed).toMatchObject({ status: 'done', diagnosis: 'blade drive bearing seized', labourMinutes: 60, partsCostCents: 700 });
  expect(closed.downUntil!.getTime()).toBeGreaterThan(closed.downFrom!.getTime());
  expect(closed.parts.map((p) => p.status)).toEqual(['consumed']);
  expect((await h.stores.production.workCenter.findUniqueOrThrow({ where: { id: cutter.id } })).status).toBe('available');

  // The quality record: the failed look with its reason and photo, then the pass; the assembly ran twice.
  const checks = (await h.get(`/api/quality-checks?mo=${number}`, 'planner')).body.items;
  expect(checks.map((c: any) => [c.attempt, c.status, c.outcome ?? null, c.checkedBy])).toEqual([
    [1, 'failed', 'rework', 'Ines Inspector'],
    [2, 'passed', null, 'Ines Inspector'],
  ]);
  expect(checks[0]).toMatchObject({ reason: 'gap at the hinge', photoRef: 'https://photos.example/hinge.jpg' });
  expect((await machineJobs(h, assembly.code)).map((j) => j.state)).toEqual(['done', 'done']);
  const view = (await h.get(`/api/manufacturing-orders/${number}`)).body;
  expect(view.quality).toMatchObject({ checks: 2, failed: 1, reworks: 1 });
  expect(view.process.events.map((e: { step: string }) => e.step)).toEqual(
    expect.arrayContaining(['maintenance', 'work_center_back', 'quality_failed', 'rework', 'quality_passed', 'done']),
  );

  // Money: the repair to maintenance expense, work in progress empty again, the housing's full cost
  // (materials, the cut and both assembly runs) in inventory. The invariants after each test check the
  // ledger balances and the stock moves agree with the levels.
  const after = await ledgerBalances(h.stores.operations);
  const moved = (account: string) => (after[account] ?? 0) - (before[account] ?? 0);
  expect(moved('6960')).toBe(700 + 3000);
  expect(moved('1320')).toBe(0);
  const mo = await h.stores.production.manufacturingOrder.findUniqueOrThrow({ where: { number } });
  expect(mo.lossCents).toBe(0);
  expect(moved('1300')).toBe(mo.materialCostCents + mo.machineCostCents + mo.labourCostCents);
  expect(mo.materialCostCents).toBe(2 * 400);
});
