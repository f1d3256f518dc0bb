// Preventive services take their work center whole for their window: the planner books work orders
// around them and the work-center board shows them as blocked time.
import type { ProductionDb, ProductionTx } from '../../db/clients';

/** A preventive request holds its window while it is scheduled or being done. */
export const WINDOW_HOLDING = ['scheduled', 'in_progress'];

export interface PreventiveWindow {
  workCenterId: number;
  number: string;
  status: string;
  start: Date;
  end: Date;
}

export async function preventiveWindowsOf(
  db: ProductionDb | ProductionTx,
  workCenterIds: number[],
  opts: { except?: number } = {},
): Promise<PreventiveWindow[]> {
  const rows = await db.maintenanceRequest.findMany({
    where: {
      workCenterId: { in: workCenterIds },
      kind: 'preventive',
      status: { in: WINDOW_HOLDING },
      plannedStart: { not: null },
      plannedEnd: { not: null },
      ...(opts.except ? { id: { not: opts.except } } : {}),
    },
    orderBy: { plannedStart: 'asc' },
  });
  return rows.map((r) => ({
    workCenterId: r.workCenterId,
    number: r.number,
    status: r.status,
    start: r.plannedStart!,
    end: r.plannedEnd!,
  }));
}

/** Minutes the work center's machines have run: the actual minutes of its finished work orders. */
export async function operatingMinutes(db: ProductionDb | ProductionTx, workCenterId: number): Promise<number> {
  const sum = await db.workOrder.aggregate({ where: { workCenterId, status: 'done' }, _sum: { minutesActual: true } });
  return sum._sum.minutesActual ?? 0;
}
