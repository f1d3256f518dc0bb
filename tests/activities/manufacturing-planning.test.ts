// Planning a manufacturing order into work-center capacity against a real production store: exact plans,
// re-plans, moves to the alternative work center, and planners racing for one slot (run on PostgreSQL too).
import { ApplicationFailure } from '@temporalio/common';
import { createProductionActivities } from '../../activities/production';
import { activityWorld } from '../support/activity-world';
import { manufacturingOrder, workCenter } from '../support/planning-fixtures';
import { assertNoDoubleBooking } from '../support/production-invariants';

const world = activityWorld();
const planner = () => createProductionActivities(world.stores.production);
const MONDAY = '2027-01-04T08:00:00.000Z';
afterEach(async () => assertNoDoubleBooking(world.stores.production));

test('work orders are planned in sequence into working time; the order carries the span and the alternatives are named', async () => {
  const saw = await workCenter(world.stores.production);
  const backup = await workCenter(world.stores.production);
  const assembly = await workCenter(world.stores.production, { slots: 2 });
  const mo = await manufacturingOrder(world.stores.production, [
    { workCenterId: saw.id, minutes: 300, alternativeWorkCenterId: backup.id },
    { workCenterId: assembly.id, minutes: 240 },
  ]);
  const plan = await planner().planManufacturingOrder({ moNumber: mo.number, from: MONDAY });
  expect(plan).toEqual([
    expect.objectContaining({
      sequence: 10,
      workCenter: { id: saw.id, code: saw.code, controllerUrl: saw.controllerUrl },
      alternative: { id: backup.id, code: backup.code, controllerUrl: backup.controllerUrl },
      slot: 0,
      status: 'planned',
      minutesPlanned: 300,
      plannedStart: MONDAY,
      plannedEnd: '2027-01-04T13:00:00.000Z',
    }),
    expect.objectContaining({ sequence: 20, slot: 0, plannedStart: '2027-01-04T13:00:00.000Z', plannedEnd: '2027-01-05T09:00:00.000Z' }),
  ]);
  expect(plan[1].alternative).toBeUndefined();
  const row = await world.stores.production.manufacturingOrder.findUniqueOrThrow({ where: { id: mo.id } });
  expect([row.plannedStart?.toISOString(), row.plannedEnd?.toISOString()]).toEqual([MONDAY, '2027-01-05T09:00:00.000Z']);
});

test('a second order queues behind the first; re-planning the first does not collide with its own earlier plan', async () => {
  const press = await workCenter(world.stores.production, { holidays: '2027-01-05' });
  const first = await manufacturingOrder(world.stores.production, [{ workCenterId: press.id, minutes: 420 }]);
  const second = await manufacturingOrder(world.stores.production, [{ workCenterId: press.id, minutes: 120 }]);
  const a = await planner().planManufacturingOrder({ moNumber: first.number, from: MONDAY });
  const b = await planner().planManufacturingOrder({ moNumber: second.number, from: MONDAY });
  expect([a[0].plannedEnd, b[0].plannedStart, b[0].plannedEnd]).toEqual([
    '2027-01-04T15:00:00.000Z',
    '2027-01-04T15:00:00.000Z',
    '2027-01-06T09:00:00.000Z', // an hour on Monday, the holiday skipped, an hour on Wednesday
  ]);
  const again = await planner().planManufacturingOrder({ moNumber: first.number, from: MONDAY });
  expect(again).toEqual(a);
  // From later on, the first order has to wait until the second has left the press.
  const later = await planner().planManufacturingOrder({ moNumber: first.number, from: '2027-01-04T14:00:00.000Z' });
  expect(later[0].plannedStart).toBe('2027-01-06T09:00:00.000Z');
});

test('done and running work orders stay where they are and hold back the next one', async () => {
  const lathe = await workCenter(world.stores.production);
  const mill = await workCenter(world.stores.production);
  const mo = await manufacturingOrder(world.stores.production, [
    { workCenterId: lathe.id, minutes: 60, status: 'done' },
    { workCenterId: mill.id, minutes: 60, status: 'running' },
    { workCenterId: lathe.id, minutes: 60 },
  ]);
  const [done, running] = await world.stores.production.workOrder.findMany({ where: { moId: mo.id }, orderBy: { sequence: 'asc' } });
  await world.stores.production.workOrder.update({
    where: { id: done.id },
    data: { plannedStart: new Date(MONDAY), plannedEnd: new Date('2027-01-04T09:00:00Z'), finishedAt: new Date('2027-01-04T09:10:00Z') },
  });
  await world.stores.production.workOrder.update({
    where: { id: running.id },
    data: { plannedStart: new Date('2027-01-04T09:10:00Z'), plannedEnd: new Date('2027-01-04T11:30:00Z') },
  });
  const plan = await planner().planManufacturingOrder({ moNumber: mo.number, from: '2027-01-04T10:00:00.000Z' });
  expect(plan.map((w) => [w.status, w.plannedStart, w.plannedEnd])).toEqual([
    ['done', MONDAY, '2027-01-04T09:00:00.000Z'],
    ['running', '2027-01-04T09:10:00.000Z', '2027-01-04T11:30:00.000Z'],
    ['planned', '2027-01-04T11:30:00.000Z', '2027-01-04T12:30:00.000Z'],
  ]);
});

test('a work order moved to the alternative work center is planned there; repeating the move changes nothing', async () => {
  const saw = await workCenter(world.stores.production);
  const backup = await workCenter(world.stores.production);
  const other = await manufacturingOrder(world.stores.production, [{ workCenterId: backup.id, minutes: 120 }]);
  await planner().planManufacturingOrder({ moNumber: other.number, from: MONDAY });
  const mo = await manufacturingOrder(world.stores.production, [{ workCenterId: saw.id, minutes: 60, alternativeWorkCenterId: backup.id }]);
  await planner().planManufacturingOrder({ moNumber: mo.number, from: MONDAY });
  await world.stores.production.workOrder.updateMany({ where: { moId: mo.id }, data: { status: 'running', progress: 50, attempts: 3 } });
  const input = { moNumber: mo.number, from: MONDAY, moveTo: { sequence: 10, workCenterId: backup.id } };
  const moved = await planner().planManufacturingOrder(input);
  expect(moved[0]).toMatchObject({ workCenter: { id: backup.id }, status: 'planned', plannedStart: '2027-01-04T10:00:00.000Z' });
  expect(await planner().planManufacturingOrder(input)).toEqual(moved);
  const row = await world.stores.production.workOrder.findFirstOrThrow({ where: { moId: mo.id } });
  expect([row.progress, row.attempts]).toEqual([0, 3]);
});

test('an unknown order, work order or work center, or moving a finished work order, fails for good', async () => {
  const saw = await workCenter(world.stores.production);
  const mo = await manufacturingOrder(world.stores.production, [{ workCenterId: saw.id, minutes: 60, status: 'done' }]);
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: ApplicationFailure) => [e instanceof ApplicationFailure, e.type, e.nonRetryable],
    );
  expect(await failure(planner().planManufacturingOrder({ moNumber: 'MO-99999', from: MONDAY }))).toEqual([true, 'NOT_FOUND', true]);
  expect(await failure(planner().planManufacturingOrder({ moNumber: mo.number, from: 'soon' }))).toEqual([true, 'INVALID_INPUT', true]);
  const move = (sequence: number, workCenterId: number) =>
    planner().planManufacturingOrder({ moNumber: mo.number, from: MONDAY, moveTo: { sequence, workCenterId } });
  expect(await failure(move(20, saw.id + 1))).toEqual([true, 'NOT_FOUND', true]);
  expect(await failure(move(10, saw.id + 1000))).toEqual([true, 'ILLEGAL_TRANSITION', true]);
});

test('orders planned at the same moment onto one single-slot work center never share a minute of it', async () => {
  const press = await workCenter(world.stores.production);
  const grinder = await workCenter(world.stores.production);
  // Two orders at once, then a crowd crossing two work centers in both directions (which must not deadlock).
  const pair = await Promise.all([0, 1].map(() => manufacturingOrder(world.stores.production, [{ workCenterId: press.id, minutes: 300 }])));
  const crowd = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      manufacturingOrder(
        world.stores.production,
        i % 2
          ? [
              { workCenterId: press.id, minutes: 90 },
              { workCenterId: grinder.id, minutes: 45 },
            ]
          : [
              { workCenterId: grinder.id, minutes: 60 },
              { workCenterId: press.id, minutes: 120 },
            ],
      ),
    ),
  );
  const plans = await Promise.all(pair.map((mo) => planner().planManufacturingOrder({ moNumber: mo.number, from: MONDAY })));
  expect(plans.map((p) => p[0].plannedStart).sort()).toEqual([MONDAY, '2027-01-04T13:00:00.000Z']);
  await assertNoDoubleBooking(world.stores.production);
  await Promise.all(crowd.map((mo) => planner().planManufacturingOrder({ moNumber: mo.number, from: MONDAY })));
  await assertNoDoubleBooking(world.stores.production);
  const onPress = await world.stores.production.workOrder.count({ where: { workCenterId: press.id, plannedStart: { not: null } } });
  expect(onPress).toBe(10);
});
