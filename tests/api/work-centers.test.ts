// The shop floor through the API: work centers with what runs and waits on them, and the daily load board.
import { createProductionActivities } from '../../activities/production';
import { startHarness, type Harness } from '../support/harness';
import { manufacturingOrder, workCenter } from '../support/planning-fixtures';
import { assertNoDoubleBooking } from '../support/production-invariants';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
afterEach(async () => assertNoDoubleBooking(h.stores.production));

const plan = (moNumber: string, from: string) => createProductionActivities(h.stores.production).planManufacturingOrder({ moNumber, from });

test('a work center shows the job running on it, its queue in planned order, and how full its next week is', async () => {
  const prod = h.stores.production;
  const press = await workCenter(prod, { slots: 2 });
  const now = new Date().toISOString();
  const running = await manufacturingOrder(prod, [{ workCenterId: press.id, minutes: 600 }]);
  await plan(running.number, now);
  await prod.workOrder.updateMany({ where: { moId: running.id }, data: { status: 'running', progress: 35, startedAt: new Date() } });
  const waiting = await Promise.all([240, 60, 30].map((minutes) => manufacturingOrder(prod, [{ workCenterId: press.id, minutes }])));
  for (const mo of waiting) await plan(mo.number, now);

  const detail = await h.get(`/api/work-centers/${press.code}`, 'operator');
  expect(detail.status).toBe(200);
  expect(detail.body).toMatchObject({
    code: press.code,
    slots: 2,
    status: 'available',
    calendar: { timezone: 'UTC', workdays: [1, 2, 3, 4, 5] },
  });
  expect(detail.body.running).toEqual([expect.objectContaining({ moNumber: running.number, sequence: 10, progress: 35, slot: 0 })]);
  const queue = detail.body.queue as { moNumber: string; plannedStart: string }[];
  expect(queue.map((q) => q.moNumber).sort()).toEqual(waiting.map((m) => m.number).sort());
  expect(queue.map((q) => q.plannedStart)).toEqual(queue.map((q) => q.plannedStart).sort());
  expect(detail.body.utilisationPercent).toBeGreaterThan(0);
  expect(detail.body.utilisationPercent).toBeLessThanOrEqual(100);

  const list = await h.get('/api/work-centers?pageSize=100', 'warehouse');
  expect(list.status).toBe(200);
  expect(list.body).toMatchObject({ page: 1, pageSize: 100, total: expect.any(Number) });
  expect(list.body.items.find((c: { code: string }) => c.code === press.code)).toEqual({
    code: press.code,
    name: press.name,
    slots: 2,
    status: 'available',
    runningJobs: [expect.objectContaining({ moNumber: running.number, progress: 35 })],
    queueLength: 3,
    utilisationPercent: detail.body.utilisationPercent,
  });
  expect((await h.get('/api/work-centers?status=down', 'operator')).body.items).toEqual([]);
});

test('the board shows planned minutes against working minutes per day and slot', async () => {
  const prod = h.stores.production;
  const lathe = await workCenter(prod, { slots: 2 });
  const long = await manufacturingOrder(prod, [{ workCenterId: lathe.id, minutes: 600 }]);
  const short = await manufacturingOrder(prod, [{ workCenterId: lathe.id, minutes: 480 }]);
  await plan(long.number, '2027-01-08T14:00:00Z'); // Friday 14:00–16:00, Monday 08:00–16:00
  await plan(short.number, '2027-01-11T08:00:00Z'); // Monday, the second slot
  const board = await h.get(`/api/work-centers/${lathe.code}/board?from=2027-01-08&days=4`, 'operator');
  expect(board.status).toBe(200);
  expect(board.body).toMatchObject({
    code: lathe.code,
    from: '2027-01-08',
    plannedMinutes: 1080,
    capacityMinutes: 1920,
    utilisationPercent: 56,
  });
  expect(
    board.body.days.map((d: { date: string; plannedBySlot: number[]; capacityMinutes: number }) => [
      d.date,
      d.plannedBySlot,
      d.capacityMinutes,
    ]),
  ).toEqual([
    ['2027-01-08', [120, 0], 480],
    ['2027-01-09', [0, 0], 0],
    ['2027-01-10', [0, 0], 0],
    ['2027-01-11', [480, 480], 480],
  ]);
  const week = await h.get(`/api/work-centers/${lathe.code}/board`, 'operator');
  expect(week.body.days).toHaveLength(7);
});

test('a board longer than 62 days or from a malformed date is refused naming the field; an unknown work center is 404', async () => {
  const c = await workCenter(h.stores.production);
  const tooLong = await h.get(`/api/work-centers/${c.code}/board?days=63`, 'operator');
  expect([tooLong.status, tooLong.body.error.details]).toEqual([400, [expect.objectContaining({ field: 'days' })]]);
  const badDate = await h.get(`/api/work-centers/${c.code}/board?from=2027-02-30`, 'operator');
  expect([badDate.status, badDate.body.error.details]).toEqual([400, [expect.objectContaining({ field: 'from' })]]);
  const ancient = await h.get(`/api/work-centers/${c.code}/board?from=0000-01-01`, 'operator');
  expect([ancient.status, ancient.body.error.details]).toEqual([400, [expect.objectContaining({ field: 'from' })]]);
  expect((await h.get(`/api/work-centers/${c.code}/board?from=2027-01-04&days=62`, 'operator')).status).toBe(200);
  expect((await h.get('/api/work-centers/NOPE', 'operator')).status).toBe(404);
  expect((await h.get('/api/work-centers/NOPE/board', 'operator')).status).toBe(404);
  expect((await h.get('/api/work-centers/bad%20code', 'operator')).status).toBe(400);
  expect((await h.get('/api/work-centers', 'customer')).status).toBe(403);
});
