// Corrective maintenance against the machine simulator: a machine that breaks down with no
// alternative raises a maintenance request, the work center is down and the manufacturing orders on
// it wait; the technician diagnoses, takes spare parts, reports labour and repairs, and the orders go
// on. A failed repair goes to a supervisor; out of service, the order falls back to the machine-down task.
import type { Harness } from '../support/harness';
import { diagnose, requestOn } from './support';
import { component, machine, manufactured, planMo, stockEverywhere, waitMo, workCenter, usePlant } from '../manufacturing/support';

let h: Harness;
usePlant((started) => (h = started));

async function brokenPlant() {
  const wc = await workCenter(h, { labourPerHour: 30 });
  const part = await component(h, { cost: 1, shop: 100 });
  const spare = await component(h, { cost: 5, shop: 3 });
  const p = await manufactured(h, {
    parts: [{ sku: part.sku, quantity: 1 }],
    steps: [{ name: 'Press', workCenter: wc, minutesPerUnit: 3 }],
  });
  // Two failed runs (the plant's MACHINE_ATTEMPTS) and no alternative.
  await machine(h, wc.code, { breakdownNext: 2 });
  return { wc, spare, p };
}

const waiting = async (number: string, count: number) =>
  h.eventually(async () => {
    const view = (await h.get(`/api/maintenance-requests/${number}`)).body;
    return view.process?.waiting?.length === count && view;
  }, `${count} orders waiting on ${number}`);

const maintenanceEntries = (number: string) =>
  h.stores.operations.journalLine.findMany({ where: { entry: { sourceType: 'MaintenanceRequest', sourceRef: number } } });

test('a breakdown with no alternative opens a request; the repair with parts and labour lets the order finish', async () => {
  const { wc, spare, p } = await brokenPlant();
  const mo = await planMo(h, p.sku, 1);
  const mnt = await requestOn(h, wc.id);
  expect(mnt).toMatchObject({ kind: 'corrective', status: 'open', moNumber: mo, workOrderSequence: 10 });
  expect((await h.stores.production.workCenter.findUniqueOrThrow({ where: { id: wc.id } })).status).toBe('down');
  await waitMo(h, mo, 'held');
  await waiting(mnt.number, 1);
  const status = (await h.get(`/api/work-centers/${wc.code}`, 'planner')).body;
  expect(status.maintenance).toMatchObject({ status: 'down', openRequest: { number: mnt.number }, failures: 1 });

  await diagnose(h, mnt.number);
  const url = `/api/maintenance-requests/${mnt.number}`;
  expect((await h.post(`${url}/parts`, { sku: spare.sku, quantity: 2 }, 'technician')).status).toBe(200);
  // Only one more is free: refused, and nothing held for it.
  const short = await h.post(`${url}/parts`, { sku: spare.sku, quantity: 2 }, 'technician');
  expect(short.status).toBe(409);
  expect(short.body.error.message).toMatch(/not enough free/i);
  expect(await stockEverywhere(h, spare.sku)).toMatchObject({ shop: 3, shopReserved: 2 });
  expect(await h.stores.production.maintenancePart.count({ where: { requestId: mnt.id } })).toBe(1);
  expect((await h.post(`${url}/labour`, { minutes: 90 }, 'technician')).body.labourMinutes).toBe(90);

  const repair = await h.openTask(mnt.number, 'repair');
  expect((await h.decide(repair.id, 'repaired', 'technician')).status).toBe(200);
  await waitMo(h, mo, 'done');

  const closed = await h.stores.production.maintenanceRequest.findUniqueOrThrow({ where: { id: mnt.id }, include: { parts: true } });
  expect(closed).toMatchObject({
    status: 'done',
    diagnosis: 'hydraulic seal worn',
    labourMinutes: 90,
    partsCostCents: 1000,
    labourCostCents: 4500,
  });
  expect(closed.downUntil!.getTime()).toBeGreaterThan(closed.downFrom!.getTime());
  expect(closed.parts.map((x) => x.status)).toEqual(['consumed']);
  expect((await h.stores.production.workCenter.findUniqueOrThrow({ where: { id: wc.id } })).status).toBe('available');
  expect(await stockEverywhere(h, spare.sku)).toMatchObject({ shop: 1, shopReserved: 0 });
  expect(await stockEverywhere(h, p.sku)).toMatchObject({ main: 1 });
  // Parts from raw materials in production, labour absorbed from applied production cost.
  const lines = (await maintenanceEntries(mnt.number)).map((l) => [l.accountCode, l.debitCents, l.creditCents]);
  expect(lines.sort()).toEqual([
    ['1310', 0, 1000],
    ['5100', 0, 4500],
    ['6960', 5500, 0],
  ]);
  const view = (await h.get(`/api/manufacturing-orders/${mo}`)).body;
  expect(view.process.events.map((e: { step: string }) => e.step)).toEqual(expect.arrayContaining(['maintenance', 'work_center_back']));
  const figures = (await h.get(`/api/work-centers/${wc.code}`, 'planner')).body.maintenance;
  expect(figures).toMatchObject({ status: 'available', openRequest: null, failures: 1 });
  expect(figures.mttrHours).not.toBeNull();
});

test('two orders waiting on the same work center share one request and both resume after the repair', async () => {
  const { wc, p } = await brokenPlant();
  const first = await planMo(h, p.sku, 1);
  const mnt = await requestOn(h, wc.id);
  const second = await planMo(h, p.sku, 2);
  await waitMo(h, second, 'held');
  const view = await waiting(mnt.number, 2);
  expect(view.process.waiting.sort()).toEqual([`mo-${first}`, `mo-${second}`].sort());
  expect(await h.stores.production.maintenanceRequest.count({ where: { workCenterId: wc.id } })).toBe(1);

  await diagnose(h, mnt.number);
  const repair = await h.openTask(mnt.number, 'repair');
  expect((await h.decide(repair.id, 'repaired', 'technician')).status).toBe(200);
  await waitMo(h, first, 'done');
  await waitMo(h, second, 'done');
  // Labour and parts nothing: nothing posted.
  expect(await maintenanceEntries(mnt.number)).toEqual([]);
});

test('a failed repair goes to a supervisor; out of service, parts are released and the order gets the machine-down task', async () => {
  const { wc, spare, p } = await brokenPlant();
  const mo = await planMo(h, p.sku, 1);
  const mnt = await requestOn(h, wc.id);
  await waiting(mnt.number, 1);
  await diagnose(h, mnt.number);
  expect((await h.post(`/api/maintenance-requests/${mnt.number}/parts`, { sku: spare.sku, quantity: 1 }, 'technician')).status).toBe(200);
  const repair = await h.openTask(mnt.number, 'repair');
  expect((await h.decide(repair.id, 'repair-failed', 'technician', 'frame cracked')).status).toBe(200);

  const escalation = await h.openTask(mnt.number, 'repair-escalation');
  expect(escalation.role).toBe('supervisor');
  expect((await h.decide(escalation.id, 'out-of-service', 'technician')).status).toBe(403);
  expect((await h.decide(escalation.id, 'out-of-service', 'supervisor', 'replace the press')).status).toBe(200);

  const task = await h.openTask(mo, 'machine-down');
  const closed = await h.stores.production.maintenanceRequest.findUniqueOrThrow({ where: { id: mnt.id }, include: { parts: true } });
  expect(closed).toMatchObject({ status: 'failed', downUntil: null });
  expect(closed.parts.map((x) => x.status)).toEqual(['released']);
  expect(await stockEverywhere(h, spare.sku)).toMatchObject({ shop: 3, shopReserved: 0 });
  expect((await h.stores.production.workCenter.findUniqueOrThrow({ where: { id: wc.id } })).status).toBe('down');
  expect(await maintenanceEntries(mnt.number)).toEqual([]);
  // The shop floor calls the order off.
  expect((await h.decide(task.id, 'cancel', 'planner', 'press replaced next quarter')).status).toBe(200);
  await waitMo(h, mo, 'cancelled');
});

test('out of service, the shop floor repairs the machine itself: the work center takes work again and the order finishes', async () => {
  const { wc, p } = await brokenPlant();
  const mo = await planMo(h, p.sku, 1);
  const mnt = await requestOn(h, wc.id);
  await waiting(mnt.number, 1);
  await diagnose(h, mnt.number);
  const repair = await h.openTask(mnt.number, 'repair');
  expect((await h.decide(repair.id, 'repair-failed', 'technician', 'no spare motor')).status).toBe(200);
  const escalation = await h.openTask(mnt.number, 'repair-escalation');
  expect((await h.decide(escalation.id, 'out-of-service', 'supervisor')).status).toBe(200);

  const task = await h.openTask(mo, 'machine-down');
  expect((await h.stores.production.workCenter.findUniqueOrThrow({ where: { id: wc.id } })).status).toBe('down');
  expect((await h.decide(task.id, 'repaired', 'planner', 'motor swapped from the old press')).status).toBe(200);
  await waitMo(h, mo, 'done');
  expect((await h.stores.production.workCenter.findUniqueOrThrow({ where: { id: wc.id } })).status).toBe('available');
});

test('reporting a breakdown through the API: validation, one open request per work center, parts refused when short', async () => {
  const wc = await workCenter(h);
  const spare = await component(h, { cost: 2, shop: 1 });
  const unknown = await h.post('/api/maintenance-requests', { workCenter: 'NO-SUCH-WC', reason: 'smoke' }, 'planner');
  expect(unknown.status).toBe(400);
  expect(unknown.body.error.details).toEqual([expect.objectContaining({ field: 'workCenter' })]);
  expect((await h.post('/api/maintenance-requests', { workCenter: wc.code }, 'planner')).body.error.details).toEqual([
    expect.objectContaining({ field: 'reason' }),
  ]);
  expect((await h.post('/api/maintenance-requests', { workCenter: wc.code, reason: 'smoke' }, 'operator')).status).toBe(403);

  const key = { 'Idempotency-Key': `mnt-${wc.code}` };
  const created = await h.post('/api/maintenance-requests', { workCenter: wc.code, reason: 'smoke from the motor' }, 'technician', key);
  expect(created.status).toBe(201);
  const number = created.body.number;
  expect(created.body).toMatchObject({ kind: 'corrective', status: 'open', workCenter: wc.code, workCenterStatus: 'down' });
  expect(
    (await h.post('/api/maintenance-requests', { workCenter: wc.code, reason: 'smoke from the motor' }, 'technician', key)).body.number,
  ).toBe(number);
  // Someone else reporting the same machine joins the open request.
  const again = await h.post('/api/maintenance-requests', { workCenter: wc.code, reason: 'it smokes' }, 'manager');
  expect(again).toMatchObject({ status: 200, body: { number } });
  const list = (await h.get(`/api/maintenance-requests?workCenter=${wc.code}&kind=corrective`)).body;
  expect(list).toMatchObject({ total: 1, items: [{ number, status: 'open' }] });

  const badSku = await h.post(`/api/maintenance-requests/${number}/parts`, { sku: 'NO-SUCH-SKU', quantity: 1 }, 'technician');
  expect(badSku.status).toBe(400);
  expect(badSku.body.error.details).toEqual([expect.objectContaining({ field: 'sku' })]);
  expect((await h.post(`/api/maintenance-requests/${number}/parts`, { sku: spare.sku, quantity: 2 }, 'technician')).status).toBe(409);
  expect(await h.stores.production.maintenancePart.count({ where: { request: { number } } })).toBe(0);
  expect(await stockEverywhere(h, spare.sku)).toMatchObject({ shop: 1, shopReserved: 0 });
  expect((await h.post(`/api/maintenance-requests/${number}/labour`, { minutes: 0 }, 'technician')).status).toBe(400);
  expect((await h.get('/api/maintenance-requests/MNT-99999')).status).toBe(404);
  // A report sent twice under one Idempotency-Key counts once; the key reused for another report is refused.
  const report = { 'Idempotency-Key': `labour-${number}` };
  const labour = `/api/maintenance-requests/${number}/labour`;
  expect((await h.post(labour, { minutes: 30 }, 'technician', report)).body.labourMinutes).toBe(30);
  expect((await h.post(labour, { minutes: 30 }, 'technician', report)).body.labourMinutes).toBe(30);
  expect((await h.post(labour, { minutes: 40 }, 'technician', report)).status).toBe(422);
  expect((await h.get(`/api/maintenance-requests/${number}`)).body.labourMinutes).toBe(30);

  await diagnose(h, number);
  const repair = await h.openTask(number, 'repair');
  expect((await h.decide(repair.id, 'repaired', 'technician')).status).toBe(200);
  await h.eventually(async () => (await h.get(`/api/maintenance-requests/${number}`)).body.status === 'done', `${number} done`);
  expect((await h.post(`/api/maintenance-requests/${number}/labour`, { minutes: 5 }, 'technician')).status).toBe(409);
});

test('reliability of a work center from its recorded breakdowns', async () => {
  const wc = await workCenter(h);
  const day = (d: number, hour: number) => new Date(Date.UTC(2026, 2, d, hour));
  for (const [i, [from, until]] of [
    [day(1, 8), day(1, 12)],
    [day(4, 0), day(4, 2)],
  ].entries()) {
    await h.stores.production.maintenanceRequest.create({
      data: {
        number: `MNT-9${wc.id}${i}`,
        key: `breakdown:${wc.id}:${i + 1}`,
        workCenterId: wc.id,
        kind: 'corrective',
        status: 'done',
        reason: 'scripted',
        raisedBy: 'test',
        downFrom: from,
        downUntil: until,
      },
    });
  }
  const r = await h.get(`/api/work-centers/${wc.code}/reliability?from=2026-03-01&to=2026-03-10`);
  expect(r.status).toBe(200);
  expect(r.body).toEqual({
    code: wc.code,
    from: '2026-03-01T00:00:00.000Z',
    to: '2026-03-11T00:00:00.000Z',
    failures: 2,
    downtimeMinutes: 360,
    mttrHours: 3,
    mtbfHours: 117,
  });
  expect((await h.get(`/api/work-centers/${wc.code}/reliability?from=2026-03-10&to=2026-03-01`)).body.error.details).toEqual([
    expect.objectContaining({ field: 'from' }),
  ]);
});
