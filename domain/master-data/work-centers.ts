// Creating and changing work centers. The production store keeps no audit log of its own, so each
// change is audited in the operations store, written before the production change commits: a
// change whose audit row could not be written does not happen.
import type { OperationsDb, ProductionDb } from '../../db/clients';
import type { WorkCenter } from '../../generated/production/sqlite/client';
import { illegal, invalid, notFound } from '../errors';
import { fromCents, toCents } from '../money';
import { calendarOf } from '../production/schedule';
import { audit } from '../../activities/operations/ledger';
import { changesOf, createOnce } from './records';

export interface WorkCenterFields {
  name: string;
  slots: number;
  timezone: string;
  workdays: number[];
  openMinute: number;
  closeMinute: number;
  holidays: string[];
  costPerHour: number;
  labourPerHour: number;
  controllerUrl: string | null;
}

/** Work orders that hold a slot: moving them is the planner's call, not a side effect of fewer slots. */
const HOLDING_A_SLOT = ['planned', 'running', 'held'];

export const workCenterFieldsOf = (c: WorkCenter): WorkCenterFields & { code: string; status: string } => {
  const cal = calendarOf(c);
  return {
    code: c.code,
    name: c.name,
    status: c.status,
    slots: c.slots,
    timezone: cal.timezone,
    workdays: cal.workdays,
    openMinute: cal.openMinute,
    closeMinute: cal.closeMinute,
    holidays: cal.holidays,
    costPerHour: fromCents(c.costPerHourCents),
    labourPerHour: fromCents(c.labourPerHourCents),
    controllerUrl: c.controllerUrl,
  };
};

const recordOf = ({ workdays, holidays, costPerHour, labourPerHour, ...rest }: Partial<WorkCenterFields>) => ({
  ...rest,
  workdays: workdays && [...workdays].sort((a, b) => a - b).join(','),
  holidays: holidays && [...new Set(holidays)].sort().join(','),
  costPerHourCents: costPerHour === undefined ? undefined : toCents(costPerHour),
  labourPerHourCents: labourPerHour === undefined ? undefined : toCents(labourPerHour),
});

export async function createWorkCenter(
  stores: { operations: OperationsDb; production: ProductionDb },
  input: WorkCenterFields & { code: string },
  actor: string,
) {
  return createOnce(`Work center ${input.code}`, () =>
    stores.production.$transaction(async (tx) => {
      if (await tx.workCenter.findUnique({ where: { code: input.code } })) throw illegal(`Work center ${input.code} already exists`);
      const record = recordOf(input);
      const c = await tx.workCenter.create({
        data: { ...record, code: input.code, name: input.name, costPerHourCents: record.costPerHourCents! },
      });
      const fields = workCenterFieldsOf(c);
      await stores.operations.$transaction((ops) => audit(ops, actor, 'work_center.created', 'WorkCenter', c.code, fields));
      return fields;
    }),
  );
}

export async function updateWorkCenter(
  stores: { operations: OperationsDb; production: ProductionDb },
  code: string,
  input: Partial<WorkCenterFields>,
  actor: string,
) {
  return stores.production.$transaction(async (tx) => {
    const before = await tx.workCenter.findUnique({ where: { code } });
    if (!before) throw notFound(`Work center ${code}`);
    const current = workCenterFieldsOf(before);
    const open = input.openMinute ?? current.openMinute;
    if ((input.closeMinute ?? current.closeMinute) <= open)
      throw invalid(input.closeMinute === undefined ? 'openMinute' : 'closeMinute', `working hours must close after they open (${open})`);
    if (input.slots !== undefined && input.slots < before.slots) {
      const stranded = await tx.workOrder.count({
        where: { workCenterId: before.id, status: { in: HOLDING_A_SLOT }, slot: { gte: input.slots } },
      });
      if (stranded)
        throw illegal(
          `${stranded} work order(s) of ${code} are planned on or running in a slot beyond the first ${input.slots}; move or finish them first`,
        );
    }
    const changes = changesOf(current, { ...input, ...normalised(input) });
    if (!Object.keys(changes).length) return current;
    const after = await tx.workCenter.update({ where: { id: before.id }, data: recordOf(input) });
    await stores.operations.$transaction((ops) => audit(ops, actor, 'work_center.updated', 'WorkCenter', code, { changes }));
    return workCenterFieldsOf(after);
  });
}

// Compared as stored (sorted, without repeats), so sending the same days in another order is no change.
const normalised = (f: Partial<WorkCenterFields>) => ({
  ...(f.workdays ? { workdays: [...f.workdays].sort((a, b) => a - b) } : {}),
  ...(f.holidays ? { holidays: [...new Set(f.holidays)].sort() } : {}),
});
