// What the shop floor looks like per work center: what runs, what waits, and how full the plan is.
import type { ProductionDb } from '../../db/clients';
import type { WorkCenter as Center } from '../../generated/production/sqlite/client';
import { localDate } from '../calendar';
import { notFound } from '../errors';
import { pageOf, type PageQuery } from '../paging';
import { workCenterMaintenance, workCenterReliability } from './maintenance-view';
import { planView } from './maintenance-plans';
import { preventiveWindowsOf, type PreventiveWindow } from './preventive-windows';
import { calendarOf, loadByDay, onEverySlot, utilisation, type Booking, type Capacity } from './schedule';

const ACTIVE = ['planned', 'running', 'held'];
const WAITING = ['planned', 'held'];
const WEEK_MS = 7 * 86_400_000;

type ActiveWorkOrder = Awaited<ReturnType<typeof activeWorkOrders>>[number];

const capacityOf = (c: Center): Capacity => ({ slots: c.slots, calendar: calendarOf(c) });

function activeWorkOrders(db: ProductionDb, workCenterIds: number[]) {
  return db.workOrder.findMany({
    where: { workCenterId: { in: workCenterIds }, status: { in: ACTIVE } },
    include: { mo: { select: { number: true } } },
  });
}

const bookingsOf = (workOrders: ActiveWorkOrder[]): Booking[] =>
  workOrders.flatMap((w) => (w.plannedStart && w.plannedEnd ? [{ slot: w.slot, start: w.plannedStart, end: w.plannedEnd }] : []));

const runningJob = (w: ActiveWorkOrder) => ({
  moNumber: w.mo.number,
  sequence: w.sequence,
  name: w.name,
  slot: w.slot,
  progress: w.progress,
  startedAt: w.startedAt?.toISOString() ?? null,
  plannedEnd: w.plannedEnd?.toISOString() ?? null,
});

// Planned order: by planned start, unplanned ones last.
const byPlannedStart = (a: ActiveWorkOrder, b: ActiveWorkOrder) =>
  (a.plannedStart?.getTime() ?? Infinity) - (b.plannedStart?.getTime() ?? Infinity) || a.id - b.id;

const weekUtilisation = (c: Center, workOrders: ActiveWorkOrder[], now: Date) =>
  utilisation(capacityOf(c), bookingsOf(workOrders), now, new Date(now.getTime() + WEEK_MS));

export async function listWorkCenters(db: ProductionDb, q: PageQuery & { status?: string }, now = new Date()) {
  const where = q.status ? { status: q.status } : {};
  return pageOf(
    q,
    () => db.workCenter.count({ where }),
    async (window) => {
      const centers = await db.workCenter.findMany({ where, orderBy: { code: 'asc' }, ...window });
      const workOrders = await activeWorkOrders(
        db,
        centers.map((c) => c.id),
      );
      return centers.map((c) => ({ center: c, own: workOrders.filter((w) => w.workCenterId === c.id) }));
    },
    ({ center: c, own }) => ({
      code: c.code,
      name: c.name,
      slots: c.slots,
      status: c.status,
      runningJobs: own.filter((w) => w.status === 'running').map(runningJob),
      queueLength: own.filter((w) => WAITING.includes(w.status)).length,
      utilisationPercent: weekUtilisation(c, own, now),
    }),
  );
}

async function centerByCode(db: ProductionDb, code: string): Promise<Center> {
  const c = await db.workCenter.findUnique({ where: { code } });
  if (!c) throw notFound(`Work center ${code}`);
  return c;
}

export async function workCenterStatus(db: ProductionDb, code: string, now = new Date()) {
  const c = await centerByCode(db, code);
  const workOrders = (await activeWorkOrders(db, [c.id])).sort(byPlannedStart);
  return {
    code: c.code,
    name: c.name,
    slots: c.slots,
    status: c.status,
    calendar: calendarOf(c),
    running: workOrders.filter((w) => w.status === 'running').map(runningJob),
    queue: workOrders
      .filter((w) => WAITING.includes(w.status))
      .map((w) => ({
        moNumber: w.mo.number,
        sequence: w.sequence,
        name: w.name,
        status: w.status,
        slot: w.slot,
        minutesPlanned: w.minutesPlanned,
        plannedStart: w.plannedStart?.toISOString() ?? null,
        plannedEnd: w.plannedEnd?.toISOString() ?? null,
      })),
    utilisationPercent: weekUtilisation(c, workOrders, now),
    maintenance: await workCenterMaintenance(db, c, now),
    ...(await preventiveOf(db, c)),
  };
}

const windowView = (w: PreventiveWindow) => ({
  number: w.number,
  status: w.status,
  plannedStart: w.start.toISOString(),
  plannedEnd: w.end.toISOString(),
});

/** The next preventive service (the one running, or the earliest scheduled) and the plan behind it. */
async function preventiveOf(db: ProductionDb, c: Center) {
  const [next] = await preventiveWindowsOf(db, [c.id]);
  const plan = await db.maintenancePlan.findUnique({ where: { workCenterId: c.id } });
  return { nextMaintenance: next ? windowView(next) : null, maintenancePlan: planView(c.code, plan) };
}

export async function workCenterBoard(db: ProductionDb, code: string, q: { from?: string; days: number }, now = new Date()) {
  const c = await centerByCode(db, code);
  const from = q.from ?? localDate(now, c.timezone);
  const windows = await preventiveWindowsOf(db, [c.id]);
  // Preventive services are blocked time, shown beside the production load rather than in it.
  const blocked = loadByDay(
    capacityOf(c),
    windows.flatMap((w) => onEverySlot(c, w)),
    from,
    q.days,
  );
  const load = loadByDay(capacityOf(c), bookingsOf(await activeWorkOrders(db, [c.id])), from, q.days).map((d, i) => ({
    ...d,
    maintenanceMinutes: blocked[i].plannedMinutes,
  }));
  const plannedMinutes = load.reduce((s, d) => s + d.plannedMinutes, 0);
  const capacityMinutes = load.reduce((s, d) => s + d.totalCapacityMinutes, 0);
  return {
    code: c.code,
    slots: c.slots,
    timezone: c.timezone,
    from,
    days: load,
    maintenanceWindows: windows.map(windowView),
    plannedMinutes,
    capacityMinutes,
    utilisationPercent: capacityMinutes ? Math.round((plannedMinutes / capacityMinutes) * 100) : 0,
  };
}

/** MTBF, MTTR and downtime of a work center over a period (dates, UTC; `to` inclusive, default now). */
export async function workCenterReliabilityOf(db: ProductionDb, code: string, q: { from?: string; to?: string }, now = new Date()) {
  const c = await centerByCode(db, code);
  const to = q.to ? new Date(Math.min(now.getTime(), Date.parse(q.to) + 86_400_000)) : now;
  return { code: c.code, ...(await workCenterReliability(db, c.id, { ...(q.from ? { from: new Date(q.from) } : {}), to }, now)) };
}
