// Maintenance requests as their processes see them: opening one for a breakdown, the spare parts and
// labour of a repair, and its end (back in service, or out of service). Every stock change is a
// conditional update written together with its part row and its move, each step keyed by the process.
import type { ProductionDb, ProductionTx } from '../../db/clients';
import { once } from '../../db/idempotency';
import { illegal, notFound } from '../../domain/errors';
import { HOLDING_MAINTENANCE, backInServiceUnlessHeld, writeCorrectiveRequest } from '../../domain/production/maintenance-requests';
import { lockWorkCenters } from '../../domain/production/work-center-lock';
import type { MaintenanceKind, MaintenanceStatus } from '../../workflows/maintenance/messages';
import { recordMove, SHOP, unreserve } from './shop-stock';

export interface MaintenanceRecord {
  number: string;
  kind: MaintenanceKind;
  status: MaintenanceStatus;
  workCenterId: number;
  workCenterCode: string;
  /** Preventive: the window it takes on the work center (ISO; empty for a corrective request). */
  plannedStart: string;
  plannedEnd: string;
}

export interface RepairCosts {
  partsCents: number;
  labourCents: number;
  /** Spare parts used, for the ledger memo. */
  parts: { sku: string; quantity: number }[];
}

const FINAL = ['done', 'failed', 'cancelled'];

async function requestOf(db: ProductionDb | ProductionTx, number: string) {
  const req = await db.maintenanceRequest.findUnique({ where: { number }, include: { workCenter: true } });
  if (!req) throw notFound(`Maintenance request ${number}`);
  return req;
}

async function openRequestOf(tx: ProductionTx, number: string) {
  const req = await requestOf(tx, number);
  if (FINAL.includes(req.status)) throw illegal(`Maintenance request ${number} is ${req.status}`);
  return req;
}

export function createMaintenanceActivities(db: ProductionDb) {
  return {
    async loadMaintenanceRequest(input: { number: string }): Promise<MaintenanceRecord> {
      const req = await requestOf(db, input.number);
      return {
        number: req.number,
        kind: req.kind as MaintenanceKind,
        status: req.status as MaintenanceStatus,
        workCenterId: req.workCenterId,
        workCenterCode: req.workCenter.code,
        plannedStart: req.plannedStart?.toISOString() ?? '',
        plannedEnd: req.plannedEnd?.toISOString() ?? '',
      };
    },

    /** A machine broke down for good: opens a corrective request, or returns the one already open for the work center. */
    async raiseBreakdown(input: {
      workCenterId: number;
      moNumber: string;
      sequence: number;
      reason: string;
      at: string;
    }): Promise<{ number: string; created: boolean }> {
      return writeCorrectiveRequest(db, {
        workCenterId: input.workCenterId,
        reason: input.reason,
        raisedBy: input.moNumber,
        moNumber: input.moNumber,
        workOrderSequence: input.sequence,
        at: new Date(input.at),
      });
    },

    /** Whether a work center takes work, or the open request that holds it (none: out of service, or just available). */
    async workCenterAvailability(input: { workCenterId: number }): Promise<{ status: string; openRequest?: string }> {
      const wc = await db.workCenter.findUnique({ where: { id: input.workCenterId } });
      if (!wc) throw notFound(`Work center ${input.workCenterId}`);
      if (wc.status === 'available') return { status: wc.status };
      const open = await db.maintenanceRequest.findFirst({
        // Down: the corrective request; being serviced: the job in progress.
        where: { workCenterId: wc.id, status: { in: HOLDING_MAINTENANCE }, ...(wc.status === 'down' ? { kind: 'corrective' } : {}) },
        orderBy: { id: 'asc' },
      });
      return { status: wc.status, ...(open ? { openRequest: open.number } : {}) };
    },

    /** Status of a request still open, with a note; a closed request never changes again. */
    async setMaintenanceStatus(input: { number: string; status: MaintenanceStatus; note?: string }): Promise<void> {
      await db.maintenanceRequest.updateMany({
        where: { number: input.number, status: { notIn: FINAL } },
        data: { status: input.status, statusNote: input.note ?? null },
      });
    },

    async recordDiagnosis(input: { number: string; diagnosis: string; technician: string }): Promise<void> {
      await db.maintenanceRequest.updateMany({
        where: { number: input.number, status: { notIn: FINAL } },
        data: { diagnosis: input.diagnosis, technician: input.technician, status: 'in_progress' },
      });
    },

    /** Holds spare parts in the shop for the repair: all of them, or nothing when they are not free. */
    async reserveMaintenancePart(input: { number: string; key: string; sku: string; quantity: number; unitCostCents: number }) {
      return once(db, input.key, async (tx) => {
        const req = await openRequestOf(tx, input.number);
        const changed =
          await tx.$executeRaw`UPDATE "ProductionStock" SET "reserved" = "reserved" + ${input.quantity} WHERE "sku" = ${input.sku} AND "location" = ${SHOP} AND "onHand" - "reserved" >= ${input.quantity}`;
        if (changed !== 1) throw illegal(`Not enough free ${input.sku} in the shop for ${input.quantity}`);
        const part = await tx.maintenancePart.create({
          data: {
            key: input.key,
            requestId: req.id,
            sku: input.sku,
            location: SHOP,
            quantity: input.quantity,
            unitCostCents: input.unitCostCents,
            status: 'reserved',
          },
        });
        return { sku: part.sku, quantity: part.quantity, unitCostCents: part.unitCostCents, status: part.status };
      });
    },

    /** Adds labour minutes reported on the repair; returns the request's total. */
    async addMaintenanceLabour(input: { number: string; key: string; minutes: number; by: string }): Promise<number> {
      return once(db, input.key, async (tx) => {
        const req = await openRequestOf(tx, input.number);
        const updated = await tx.maintenanceRequest.update({
          where: { id: req.id },
          data: { labourMinutes: { increment: input.minutes }, technician: req.technician ?? input.by },
        });
        return updated.labourMinutes;
      });
    },

    /**
     * The repair worked: reserved parts are used up, costs are fixed (parts at standard cost, labour
     * minutes at the work center's labour rate), the request is done and the work center available.
     */
    async completeRepair(input: { number: string; key: string; at: string }): Promise<RepairCosts> {
      return once(db, input.key, async (tx) => {
        const req = await openRequestOf(tx, input.number);
        const parts = await tx.maintenancePart.findMany({ where: { requestId: req.id, status: 'reserved' }, orderBy: { id: 'asc' } });
        for (const p of parts) {
          await unreserve(tx, p.sku, p.quantity, true);
          await recordMove(tx, {
            key: `${input.key}:${p.id}`,
            sku: p.sku,
            quantity: -p.quantity,
            reason: 'maintenance',
            reference: req.number,
          });
        }
        await tx.maintenancePart.updateMany({ where: { id: { in: parts.map((p) => p.id) } }, data: { status: 'consumed' } });
        const partsCents = parts.reduce((s, p) => s + p.quantity * p.unitCostCents, 0);
        const labourCents = Math.round((req.labourMinutes * req.workCenter.labourPerHourCents) / 60);
        await tx.maintenanceRequest.update({
          where: { id: req.id },
          data: {
            status: 'done',
            downUntil: new Date(input.at),
            partsCostCents: partsCents,
            labourCostCents: labourCents,
            statusNote: 'repaired',
          },
        });
        // This request is done already, so only another one can still hold the work center.
        await backInServiceUnlessHeld(tx, req.workCenterId);
        return { partsCents, labourCents, parts: parts.map((p) => ({ sku: p.sku, quantity: p.quantity })) };
      });
    },

    /** The machine cannot be repaired: held parts go back to free shop stock, the request fails, the work center stays down. */
    async closeOutOfService(input: { number: string; key: string; note: string }): Promise<void> {
      await once(db, input.key, async (tx) => {
        const req = await openRequestOf(tx, input.number);
        const parts = await tx.maintenancePart.findMany({ where: { requestId: req.id, status: 'reserved' } });
        for (const p of parts) await unreserve(tx, p.sku, p.quantity, false);
        await tx.maintenancePart.updateMany({ where: { id: { in: parts.map((p) => p.id) } }, data: { status: 'released' } });
        await tx.maintenanceRequest.update({ where: { id: req.id }, data: { status: 'failed', statusNote: input.note } });
        return null;
      });
    },

    /**
     * The shop floor repaired a work center a failed request left down (the machine-down task's `repaired`):
     * it takes work again, unless a request has been opened on it since.
     */
    async workCenterRepairedOnFloor(input: { workCenterId: number }): Promise<void> {
      await db.$transaction(async (tx) => {
        // The work center's row first, as a breakdown report locks it: a request raised meanwhile is seen, or waits for this.
        await lockWorkCenters(tx, [input.workCenterId]);
        await backInServiceUnlessHeld(tx, input.workCenterId);
      });
    },
  };
}
