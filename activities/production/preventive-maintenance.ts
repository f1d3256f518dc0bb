// Preventive maintenance on the production store: a plan falling due opens a request with a window on
// its work center, the job takes the work center out of service for it, and a moved window re-plans the
// work orders that were planned around it.
import type { ProductionDb, ProductionTx } from '../../db/clients';
import { nextNumber } from '../../db/sequence';
import { addBusinessMinutes, nextBusinessInstant } from '../../domain/calendar';
import { illegal, invalid, notFound } from '../../domain/errors';
import { operatingMinutes, preventiveWindowsOf } from '../../domain/production/preventive-windows';
import { calendarOf, earliestWindow } from '../../domain/production/schedule';
import { lockWorkCenters } from '../../domain/production/work-center-lock';
import type { PreventiveOpening, PreventiveRequestInfo } from '../../workflows/maintenance/preventive-types';
import { plan } from './planning';

const WAITING = ['planned', 'held'];

const info = (
  r: { number: string; status: string; plannedStart: Date | null; plannedEnd: Date | null },
  code: string,
): PreventiveRequestInfo => ({
  number: r.number,
  workCenterCode: code,
  status: r.status,
  plannedStart: r.plannedStart?.toISOString() ?? '',
  plannedEnd: r.plannedEnd?.toISOString() ?? '',
});

/**
 * Plans again, from `from` and in the order they were planned, the manufacturing orders with work waiting on
 * the work center (all of them, or only those overlapping `window`). Their waiting work orders lose their
 * old places first, so an order planned later can take the time an earlier one gave up.
 */
async function replanWaitingOrders(tx: ProductionTx, workCenterId: number, from: Date, window?: { start: Date; end: Date }) {
  const waiting = await tx.workOrder.findMany({
    where: {
      workCenterId,
      status: { in: WAITING },
      ...(window ? { plannedStart: { lt: window.end }, plannedEnd: { gt: window.start } } : {}),
    },
    include: { mo: { select: { id: true, number: true } } },
    orderBy: [{ plannedStart: 'asc' }, { id: 'asc' }],
  });
  const orders = [...new Map(waiting.map((w) => [w.mo.id, w.mo])).values()];
  if (!orders.length) return [];
  const all = await tx.workOrder.findMany({ where: { moId: { in: orders.map((o) => o.id) }, status: { in: WAITING } } });
  await lockWorkCenters(
    tx,
    all.map((w) => w.workCenterId),
  );
  await tx.workOrder.updateMany({ where: { id: { in: all.map((w) => w.id) } }, data: { plannedStart: null, plannedEnd: null } });
  for (const o of orders) await plan(tx, { moNumber: o.number, from: from.toISOString() }, from);
  return orders.map((o) => o.number);
}

export function createPreventiveMaintenanceActivities(db: ProductionDb) {
  return {
    /**
     * Opens the plan's preventive request if it is due: a days plan whenever its schedule fires, an hours plan
     * once the machines have run its hours since the last one. The window is the earliest stretch of the plan's
     * duration in the work center's working time that no running job or other service overlaps. One per plan and
     * day (a re-fired schedule gets the same one), and none while another service of the work center is open.
     */
    async openPreventiveMaintenance(input: { workCenterCode: string; at: string }): Promise<PreventiveOpening> {
      const at = new Date(input.at);
      if (Number.isNaN(at.getTime())) throw invalid('at', 'must be an ISO date-time');
      return db.$transaction(async (tx) => {
        const locked = await tx.$executeRaw`UPDATE "WorkCenter" SET "status" = "status" WHERE "code" = ${input.workCenterCode}`;
        const center = await tx.workCenter.findUnique({ where: { code: input.workCenterCode }, include: { maintenancePlan: true } });
        if (!locked || !center) throw notFound(`Work center ${input.workCenterCode}`);
        const p = center.maintenancePlan;
        if (!p?.active) return { opened: false, reason: `${center.code} has no active maintenance plan` };
        const key = `preventive:${p.id}:${input.at.slice(0, 10)}`;
        const earlier = await tx.maintenanceRequest.findUnique({ where: { key } });
        if (earlier) return { opened: true, created: false, ...info(earlier, center.code) } as PreventiveOpening;
        const open = await tx.maintenanceRequest.findFirst({
          where: { workCenterId: center.id, kind: 'preventive', status: { in: ['scheduled', 'in_progress'] } },
        });
        if (open) return { opened: false, reason: `${open.number} is still open on ${center.code}` };
        const operating = await operatingMinutes(tx, center.id);
        if (p.everyOperatingHours && operating - p.operatingMinutesAtLast < p.everyOperatingHours * 60)
          return {
            opened: false,
            reason: `${center.code} ran ${operating - p.operatingMinutesAtLast} of ${p.everyOperatingHours * 60} minutes since the last service`,
          };

        const cap = { slots: center.slots, calendar: calendarOf(center) };
        const running = await tx.workOrder.findMany({ where: { workCenterId: center.id, status: 'running' } });
        const taken = [
          ...running.map((w) => ({ start: w.startedAt ?? at, end: w.plannedEnd && w.plannedEnd > at ? w.plannedEnd : at })),
          ...(await preventiveWindowsOf(tx, [center.id])),
        ];
        const window = earliestWindow(cap, taken, at, p.durationMinutes);
        const number = await nextNumber(tx, 'maintenance-request', 'MNT');
        const reason = p.everyDays ? `every ${p.everyDays} days` : `every ${p.everyOperatingHours} operating hours`;
        const r = await tx.maintenanceRequest.create({
          data: {
            number,
            key,
            workCenterId: center.id,
            kind: 'preventive',
            status: 'scheduled',
            reason: `Preventive maintenance (${reason})`,
            raisedBy: 'maintenance plan',
            plannedStart: window.start,
            plannedEnd: window.end,
            durationMinutes: p.durationMinutes,
          },
        });
        await tx.maintenancePlan.update({ where: { id: p.id }, data: { lastOpenedAt: at, operatingMinutesAtLast: operating } });
        // Work already planned into the window gives way to it.
        await replanWaitingOrders(tx, center.id, at, window);
        return { opened: true, created: true, ...info(r, center.code) } as PreventiveOpening;
      });
    },

    /** The service begins: the work center takes no new work until it ends. A repeated call changes nothing. */
    async startPreventiveMaintenance(input: { number: string; at: string }): Promise<void> {
      const r = await db.maintenanceRequest.findUnique({ where: { number: input.number } });
      if (!r) throw notFound(`Maintenance request ${input.number}`);
      await db.$transaction([
        db.maintenanceRequest.updateMany({
          where: { id: r.id, status: 'scheduled' },
          data: { status: 'in_progress', downFrom: new Date(input.at), statusNote: 'being serviced' },
        }),
        // A work center already down for a repair stays down; the repair's process gives it back.
        db.workCenter.updateMany({ where: { id: r.workCenterId, status: 'available' }, data: { status: 'maintenance' } }),
      ]);
    },

    /** The technician is done: the work center is available again and the downtime recorded. */
    async finishPreventiveMaintenance(input: { number: string; at: string; technician: string; note?: string }): Promise<void> {
      const r = await db.maintenanceRequest.findUnique({ where: { number: input.number } });
      if (!r) throw notFound(`Maintenance request ${input.number}`);
      await db.$transaction([
        db.maintenanceRequest.updateMany({
          where: { id: r.id, status: 'in_progress' },
          data: { status: 'done', downUntil: new Date(input.at), technician: input.technician, statusNote: input.note ?? 'serviced' },
        }),
        db.workCenter.updateMany({ where: { id: r.workCenterId, status: 'maintenance' }, data: { status: 'available' } }),
      ]);
    },

    /**
     * Moves a scheduled service's window to start at `plannedStart` (the next working instant from it) and
     * plans again, from `now`, every manufacturing order with work waiting on the work center.
     */
    async rescheduleMaintenance(input: {
      number: string;
      plannedStart: string;
      now: string;
    }): Promise<{ request: PreventiveRequestInfo; replanned: string[] }> {
      const start = new Date(input.plannedStart);
      if (Number.isNaN(start.getTime())) throw invalid('plannedStart', 'must be an ISO date-time');
      return db.$transaction(async (tx) => {
        // Written first for the writer lock, as above; then the work center, as the planner locks it.
        const touched = await tx.maintenanceRequest.updateMany({ where: { number: input.number }, data: { updatedAt: new Date() } });
        const r = await tx.maintenanceRequest.findUnique({ where: { number: input.number }, include: { workCenter: true } });
        if (!touched.count || !r) throw notFound(`Maintenance request ${input.number}`);
        await lockWorkCenters(tx, [r.workCenterId]);
        if (r.kind !== 'preventive' || r.status !== 'scheduled')
          throw illegal(`Maintenance request ${r.number} is ${r.status} and cannot move`);
        const cal = calendarOf(r.workCenter);
        const plannedStart = nextBusinessInstant(start, cal);
        const plannedEnd = addBusinessMinutes(plannedStart, r.durationMinutes, cal);
        const moved = await tx.maintenanceRequest.update({ where: { id: r.id }, data: { plannedStart, plannedEnd } });
        const replanned = await replanWaitingOrders(tx, r.workCenterId, new Date(input.now));
        return { request: info(moved, r.workCenter.code), replanned };
      });
    },
  };
}
