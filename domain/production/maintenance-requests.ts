// Writing a corrective maintenance request: one open request per work center, so a second breakdown
// (or a second person reporting it) joins the open one. Opening it takes the work center out of
// service in the same transaction, so no planner or machine job sees it available meanwhile.
import type { ProductionDb, ProductionTx } from '../../db/clients';
import { isUniqueViolation } from '../../db/idempotency';
import { nextNumber } from '../../db/sequence';
import { lockWorkCenters } from './work-center-lock';

/** Statuses of a request not yet closed (a scheduled preventive job is open but does not hold its work center yet). */
export const OPEN_MAINTENANCE = ['open', 'scheduled', 'in_progress', 'escalated'];
/** Statuses of a request that holds its work center out of service now. */
export const HOLDING_MAINTENANCE = ['open', 'in_progress', 'escalated'];

export interface NewCorrectiveRequest {
  workCenterId: number;
  reason: string;
  raisedBy: string;
  /** The manufacturing order and work order whose machine broke down, when a breakdown raised it. */
  moNumber?: string;
  workOrderSequence?: number;
  at: Date;
}

async function openCorrective(tx: ProductionDb | ProductionTx, workCenterId: number) {
  return tx.maintenanceRequest.findFirst({ where: { workCenterId, kind: 'corrective', status: { in: OPEN_MAINTENANCE } } });
}

export async function writeCorrectiveRequest(db: ProductionDb, input: NewCorrectiveRequest): Promise<{ number: string; created: boolean }> {
  const write = () =>
    db.$transaction(async (tx) => {
      // The work center's row is locked first, as the planner does, so two breakdowns at once open one request.
      await lockWorkCenters(tx, [input.workCenterId]);
      const open = await openCorrective(tx, input.workCenterId);
      if (open) return { number: open.number, created: false };
      const earlier = await tx.maintenanceRequest.count({ where: { workCenterId: input.workCenterId, kind: 'corrective' } });
      const number = await nextNumber(tx, 'maintenance-request', 'MNT');
      await tx.maintenanceRequest.create({
        data: {
          number,
          key: `breakdown:${input.workCenterId}:${earlier + 1}`,
          workCenterId: input.workCenterId,
          kind: 'corrective',
          status: 'open',
          reason: input.reason,
          raisedBy: input.raisedBy,
          moNumber: input.moNumber,
          workOrderSequence: input.workOrderSequence,
          downFrom: input.at,
        },
      });
      await tx.workCenter.update({ where: { id: input.workCenterId }, data: { status: 'down' } });
      return { number, created: true };
    });
  try {
    return await write();
  } catch (e) {
    // Two breakdowns raced past the lock (SQLite does not lock rows): the other one opened it.
    if (!isUniqueViolation(e)) throw e;
    const winner = await openCorrective(db, input.workCenterId);
    if (!winner) throw e;
    return { number: winner.number, created: false };
  }
}

/** Removes a request whose process could not be started; its work center is available again unless another request holds it. */
export async function removeMaintenanceRequest(db: ProductionDb, number: string): Promise<void> {
  const req = await db.maintenanceRequest.findUnique({ where: { number } });
  if (!req) return;
  await db.$transaction(async (tx) => {
    await tx.maintenancePart.deleteMany({ where: { requestId: req.id } });
    await tx.maintenanceRequest.delete({ where: { id: req.id } });
    await backInServiceUnlessHeld(tx, req.workCenterId);
  });
}

/** The work center takes work again unless a request (another repair, a preventive job) still holds it. */
export async function backInServiceUnlessHeld(tx: ProductionTx, workCenterId: number): Promise<void> {
  const holding = await tx.maintenanceRequest.count({ where: { workCenterId, status: { in: HOLDING_MAINTENANCE } } });
  if (holding === 0) await tx.workCenter.update({ where: { id: workCenterId }, data: { status: 'available' } });
}
