// Quality checks of a work order's output: measurements judged against the quality point's tolerance,
// inspections decided by a person, and what a failure leads to (the work order runs again, or the goods are
// scrapped and made again). A failure that makes a work center fail too often raises a quality alert in the
// same transaction as the check, so two checks failing at once never raise two alerts.
import { config } from '../../config';
import type { ProductionDb, ProductionTx } from '../../db/clients';
import { once } from '../../db/idempotency';
import { nextNumber } from '../../db/sequence';
import { illegal, notFound } from '../../domain/errors';
import { lockWorkCenters } from '../../domain/production/work-center-lock';
import type { QualityCheckResult, QualityPointInfo } from '../../workflows/manufacturing/types';
import { manufacturingOrderOf } from './orders';

const DAY_MS = 86_400_000;

export interface CheckRef {
  moNumber: string;
  sequence: number;
  /** The how-many-th run of this work order's output is checked (reworks and scraps count up). */
  attempt: number;
  pointId: number;
}

/** The check's business key: one check per point, work order and run. */
export const checkKey = (c: CheckRef) => `${c.moNumber}:${c.sequence}:${c.attempt}:${c.pointId}`;

async function workOrderOf(tx: ProductionTx, moNumber: string, sequence: number) {
  const mo = await manufacturingOrderOf(tx, moNumber);
  const wo = await tx.workOrder.findUnique({ where: { moId_sequence: { moId: mo.id, sequence } }, include: { workCenter: true } });
  if (!wo) throw notFound(`Work order ${sequence} of ${moNumber}`);
  return wo;
}

/** Within the tolerance, bounds included; a missing bound is open. */
export function withinTolerance(value: number, min: number | null, max: number | null): boolean {
  return (min === null || value >= min) && (max === null || value <= max);
}

/**
 * After a failed check: counts the work center's failures within the window and opens an alert when they
 * reach the threshold and none is open. The work center row is written first, so concurrent checks on one
 * work center take turns (as planners do) instead of both seeing no open alert.
 */
async function raiseAlertIfDue(tx: ProductionTx, workCenter: { id: number; code: string }, now: Date) {
  const { QUALITY_ALERT_WINDOW_DAYS: days, QUALITY_ALERT_FAILURES: threshold } = config();
  await lockWorkCenters(tx, [workCenter.id]);
  const failures = await tx.qualityCheck.count({
    where: { status: 'failed', checkedAt: { gte: new Date(now.getTime() - days * DAY_MS) }, workOrder: { workCenterId: workCenter.id } },
  });
  if (failures < threshold) return undefined;
  if (await tx.qualityAlert.findFirst({ where: { workCenterId: workCenter.id, status: 'open' } })) return undefined;
  const number = await nextNumber(tx, 'quality-alert', 'QA');
  const reason = `${failures} failed quality checks on ${workCenter.code} within ${days} days`;
  await tx.qualityAlert.create({ data: { number, workCenterId: workCenter.id, status: 'open', failures, reason, raisedAt: now } });
  return { number, workCenterCode: workCenter.code, failures, reason };
}

export function createQualityActivities(db: ProductionDb) {
  return {
    /**
     * The active quality points of the order's product, read once when its operations begin. A repair's routing is
     * not the manufacturing routing the operation points were set on, so a repaired unit gets only the checks of
     * the finished goods.
     */
    async qualityPlan(input: { moNumber: string }): Promise<QualityPointInfo[]> {
      const mo = await manufacturingOrderOf(db, input.moNumber);
      const points = await db.qualityPoint.findMany({
        where: { productSku: mo.productSku, active: true, ...(mo.purpose === 'repair' ? { operationSequence: null } : {}) },
        orderBy: { id: 'asc' },
      });
      return points.map((p) => ({
        id: p.id,
        operationSequence: p.operationSequence,
        kind: p.kind as QualityPointInfo['kind'],
        ...(p.characteristic ? { characteristic: p.characteristic } : {}),
        ...(p.minValue !== null ? { minValue: p.minValue } : {}),
        ...(p.maxValue !== null ? { maxValue: p.maxValue } : {}),
        onFail: p.onFail as QualityPointInfo['onFail'],
        instructions: p.instructions,
      }));
    },

    /** Judges what the machine measured against the point's tolerance; a failure leads to the point's onFail. */
    async recordMeasurementCheck(input: CheckRef & { measured?: Record<string, number> }): Promise<QualityCheckResult> {
      const key = checkKey(input);
      return once(db, `quality-check:${key}`, async (tx) => {
        const wo = await workOrderOf(tx, input.moNumber, input.sequence);
        const point = await tx.qualityPoint.findUnique({ where: { id: input.pointId } });
        if (!point || point.kind !== 'measure') throw notFound(`Measuring quality point ${input.pointId}`);
        const value = point.characteristic ? input.measured?.[point.characteristic] : undefined;
        const passed = typeof value === 'number' && withinTolerance(value, point.minValue, point.maxValue);
        const now = new Date();
        const check = await tx.qualityCheck.create({
          data: {
            key,
            workOrderId: wo.id,
            qualityPointId: point.id,
            attempt: input.attempt,
            kind: 'measure',
            status: passed ? 'passed' : 'failed',
            measured: JSON.stringify(input.measured ?? {}),
            ...(passed
              ? {}
              : {
                  outcome: point.onFail,
                  reason:
                    value === undefined
                      ? `${point.characteristic} was not measured`
                      : `${point.characteristic} ${value} outside [${point.minValue ?? '−∞'}, ${point.maxValue ?? '∞'}]`,
                }),
            checkedBy: 'machine',
            checkedAt: now,
          },
        });
        if (passed) return { checkId: check.id, status: 'passed' };
        const alert = await raiseAlertIfDue(tx, wo.workCenter, now);
        return {
          checkId: check.id,
          status: 'failed',
          outcome: point.onFail as 'rework' | 'scrap',
          reason: check.reason ?? undefined,
          ...(alert ? { alert } : {}),
        };
      });
    },

    /** A pending inspection of the work order's output, shown in the check list until the inspector decides. */
    async openInspectionCheck(input: CheckRef): Promise<{ checkId: number }> {
      const key = checkKey(input);
      return once(db, `quality-check:${key}`, async (tx) => {
        const wo = await workOrderOf(tx, input.moNumber, input.sequence);
        const check = await tx.qualityCheck.create({
          data: { key, workOrderId: wo.id, qualityPointId: input.pointId, attempt: input.attempt, kind: 'inspection', status: 'pending' },
        });
        return { checkId: check.id };
      });
    },

    /** The inspector's decision: pass, or a failure that leads to rework or scrap; the photo reference is kept. */
    async recordInspectionResult(
      input: CheckRef & { decision: 'pass' | 'rework' | 'scrap'; reason?: string; photoRef?: string; checkedBy: string; at: string },
    ): Promise<QualityCheckResult> {
      const key = checkKey(input);
      return once(db, `quality-inspection:${key}`, async (tx) => {
        const passed = input.decision === 'pass';
        const now = new Date(input.at);
        const { count } = await tx.qualityCheck.updateMany({
          where: { key, status: 'pending' },
          data: {
            status: passed ? 'passed' : 'failed',
            ...(passed ? {} : { outcome: input.decision }),
            reason: input.reason ?? null,
            photoRef: input.photoRef ?? null,
            checkedBy: input.checkedBy,
            checkedAt: now,
          },
        });
        const check = await tx.qualityCheck.findUnique({ where: { key }, include: { workOrder: { include: { workCenter: true } } } });
        if (!check) throw notFound(`Quality check ${key}`);
        if (count === 0) throw illegal(`Quality check ${key} is already ${check.status}`);
        if (passed) return { checkId: check.id, status: 'passed' };
        const alert = await raiseAlertIfDue(tx, check.workOrder.workCenter, now);
        return {
          checkId: check.id,
          status: 'failed',
          outcome: input.decision as 'rework' | 'scrap',
          ...(input.reason ? { reason: input.reason } : {}),
          ...(alert ? { alert } : {}),
        };
      });
    },

    /** Rework: the done work order is planned again (capacity booked by the next plan), its progress from zero. */
    async reworkWorkOrder(input: { moNumber: string; sequence: number }): Promise<void> {
      const mo = await manufacturingOrderOf(db, input.moNumber);
      await db.workOrder.updateMany({
        where: { moId: mo.id, sequence: input.sequence, status: 'done' },
        data: { status: 'planned', progress: 0 },
      });
    },

    /**
     * Scrap: the materials used up for the goods count as lost (their reservations are marked scrapped, so the
     * next reservation needs them again) and every operation starts afresh; the loss itself is posted by the
     * process through operations, as a cancellation's is.
     */
    async scrapWork(input: { moNumber: string; key: string }): Promise<void> {
      await once(db, input.key, async (tx) => {
        const mo = await manufacturingOrderOf(tx, input.moNumber);
        await tx.materialReservation.updateMany({ where: { moId: mo.id, status: 'consumed' }, data: { status: 'scrapped' } });
        await tx.workOrder.updateMany({
          where: { moId: mo.id, status: { not: 'cancelled' } },
          data: { status: 'planned', progress: 0, minutesActual: null, finishedAt: null },
        });
        return null;
      });
    },

    /** A manager acknowledged the alert; it no longer blocks a new one for its work center. */
    async acknowledgeQualityAlert(input: { number: string; by: string; at: string }): Promise<void> {
      const { count } = await db.qualityAlert.updateMany({
        where: { number: input.number, status: 'open' },
        data: { status: 'acknowledged', acknowledgedBy: input.by, acknowledgedAt: new Date(input.at) },
      });
      if (count === 0 && !(await db.qualityAlert.findUnique({ where: { number: input.number } })))
        throw notFound(`Quality alert ${input.number}`);
    },
  };
}
