// Planning a manufacturing order's work orders into work-center capacity. A re-plan is meant to change the
// plan, so there is no idempotency key; a retry simply plans again from the same input.
import type { ProductionDb, ProductionTx } from '../../db/clients';
import { illegal, invalid, notFound } from '../../domain/errors';
import { preventiveWindowsOf } from '../../domain/production/preventive-windows';
import { calendarOf, onEverySlot, planOperations, type Booking, type Capacity, type Operation } from '../../domain/production/schedule';
import { lockWorkCenters } from '../../domain/production/work-center-lock';
import type { WorkCenterRef, WorkOrderInfo, WorkOrderStatus } from '../../workflows/manufacturing/types';

export interface PlanInput {
  moNumber: string;
  /** ISO instant: no work order starts before it. */
  from: string;
  /** Move this work order to another work center (its routing's alternative) before planning. */
  moveTo?: { sequence: number; workCenterId: number };
}

const PLANNABLE = ['planned', 'held'];
/** Work orders that hold a slot of their work center. */
export const ACTIVE_WORK_ORDER = ['planned', 'running', 'held'];

type Center = { id: number; code: string; controllerUrl: string | null };
const ref = (c: Center): WorkCenterRef => ({ id: c.id, code: c.code, controllerUrl: c.controllerUrl });

export function createPlanningActivities(db: ProductionDb) {
  return {
    /** Plans every planned or held work order of the order, in sequence, each into the slot that finishes it first. */
    async planManufacturingOrder(input: PlanInput): Promise<WorkOrderInfo[]> {
      const from = new Date(input.from);
      if (Number.isNaN(from.getTime())) throw invalid('from', 'must be an ISO date-time');
      await db.$transaction((tx) => plan(tx, input, from));
      return workOrdersOf(db, input.moNumber);
    },
  };
}

export async function plan(tx: ProductionTx, input: PlanInput, from: Date): Promise<void> {
  // Written first: two planners of one order take turns, and on SQLite the transaction holds the writer lock
  // from its first statement instead of upgrading a read later (which could fail rather than wait).
  const touched = await tx.manufacturingOrder.updateMany({ where: { number: input.moNumber }, data: { updatedAt: new Date() } });
  if (!touched.count) throw notFound(`Manufacturing order ${input.moNumber}`);
  const mo = await tx.manufacturingOrder.findUniqueOrThrow({
    where: { number: input.moNumber },
    include: { workOrders: { orderBy: { sequence: 'asc' } } },
  });
  if (input.moveTo) await moveWorkOrder(tx, mo.workOrders, input.moveTo);
  const workOrders = await tx.workOrder.findMany({ where: { moId: mo.id }, orderBy: { sequence: 'asc' } });
  const toPlan = workOrders.filter((w) => PLANNABLE.includes(w.status));
  const centerIds = [...new Set(toPlan.map((w) => w.workCenterId))];
  // Each work center's row is locked before its bookings are read: a second planner of the same work center
  // reads them only after this one committed.
  await lockWorkCenters(tx, centerIds);

  const centers = await tx.workCenter.findMany({ where: { id: { in: centerIds } } });
  const capacities = new Map<number, Capacity>(centers.map((c) => [c.id, { slots: c.slots, calendar: calendarOf(c) }]));
  const held = await tx.workOrder.findMany({
    where: {
      workCenterId: { in: centerIds },
      status: { in: ACTIVE_WORK_ORDER },
      id: { notIn: toPlan.map((w) => w.id) },
      plannedStart: { not: null },
      plannedEnd: { not: null },
    },
    select: { workCenterId: true, slot: true, plannedStart: true, plannedEnd: true },
  });
  const bookings = new Map<number, Booking[]>();
  for (const w of held)
    bookings.set(w.workCenterId, [...(bookings.get(w.workCenterId) ?? []), { slot: w.slot, start: w.plannedStart!, end: w.plannedEnd! }]);
  // A preventive service takes every slot of its work center for its window.
  for (const w of await preventiveWindowsOf(tx, centerIds))
    bookings.set(w.workCenterId, [...(bookings.get(w.workCenterId) ?? []), ...onEverySlot(capacities.get(w.workCenterId)!, w)]);

  // Done and running operations are not moved; they only hold back the operation after them.
  const operations: (Operation | undefined)[] = workOrders.map((w) => {
    if (PLANNABLE.includes(w.status)) return { workCenterId: w.workCenterId, minutes: w.minutesPlanned };
    if (w.status === 'cancelled') return undefined;
    return {
      workCenterId: w.workCenterId,
      minutes: w.minutesPlanned,
      fixedEnd: (w.status === 'done' ? w.finishedAt : null) ?? w.plannedEnd ?? from,
    };
  });
  const present = operations.filter((o): o is Operation => !!o);
  const placements = planOperations(present, from, capacities, bookings);
  const planned = workOrders.filter((_w, i) => operations[i]);
  for (const [i, w] of planned.entries()) {
    const p = placements[i];
    if (p) await tx.workOrder.update({ where: { id: w.id }, data: { slot: p.slot, plannedStart: p.start, plannedEnd: p.end } });
  }

  const after = await tx.workOrder.findMany({ where: { moId: mo.id, status: { not: 'cancelled' } } });
  const starts = after.flatMap((w) => (w.plannedStart ? [w.plannedStart.getTime()] : []));
  const ends = after.flatMap((w) => (w.plannedEnd ? [w.plannedEnd.getTime()] : []));
  await tx.manufacturingOrder.update({
    where: { id: mo.id },
    data: {
      plannedStart: starts.length ? new Date(Math.min(...starts)) : null,
      plannedEnd: ends.length ? new Date(Math.max(...ends)) : null,
    },
  });
}

/** A work order leaves its work center for another: it starts there afresh, so it is planned again from nothing. */
async function moveWorkOrder(
  tx: ProductionTx,
  workOrders: { id: number; sequence: number; status: string; workCenterId: number }[],
  moveTo: NonNullable<PlanInput['moveTo']>,
) {
  const wo = workOrders.find((w) => w.sequence === moveTo.sequence);
  if (!wo) throw notFound(`Work order ${moveTo.sequence}`);
  if (wo.workCenterId === moveTo.workCenterId) return; // a retried move
  if (wo.status === 'done' || wo.status === 'cancelled') throw illegal(`Work order ${moveTo.sequence} is ${wo.status} and cannot move`);
  if (!(await tx.workCenter.findUnique({ where: { id: moveTo.workCenterId } }))) throw notFound(`Work center ${moveTo.workCenterId}`);
  await tx.workOrder.update({ where: { id: wo.id }, data: { workCenterId: moveTo.workCenterId, status: 'planned', progress: 0 } });
}

/** The order's work orders in sequence, with their work centers and the routing's alternatives. */
export async function workOrdersOf(db: ProductionDb | ProductionTx, moNumber: string): Promise<WorkOrderInfo[]> {
  const mo = await db.manufacturingOrder.findUnique({
    where: { number: moNumber },
    include: { workOrders: { orderBy: { sequence: 'asc' }, include: { workCenter: true } } },
  });
  if (!mo) throw notFound(`Manufacturing order ${moNumber}`);
  const steps = await db.routingStep.findMany({ where: { bomId: mo.bomId }, include: { alternativeWorkCenter: true } });
  return mo.workOrders.map((w) => {
    const alt = steps.find((s) => s.sequence === w.sequence)?.alternativeWorkCenter;
    return {
      id: w.id,
      sequence: w.sequence,
      name: w.name,
      workCenter: ref(w.workCenter),
      ...(alt ? { alternative: ref(alt) } : {}),
      slot: w.slot,
      status: w.status as WorkOrderStatus,
      minutesPlanned: w.minutesPlanned,
      ...(w.minutesActual != null ? { minutesActual: w.minutesActual } : {}),
      ...(w.plannedStart ? { plannedStart: w.plannedStart.toISOString() } : {}),
      ...(w.plannedEnd ? { plannedEnd: w.plannedEnd.toISOString() } : {}),
    };
  });
}
