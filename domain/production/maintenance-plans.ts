// Preventive maintenance plans: one per work center, kept in the production store, each fired by its
// Temporal Schedule `maintenance-plan-<code>`. Writing a plan writes its schedule; deleting it
// deactivates the plan and deletes the schedule; at start every active plan's schedule is ensured.
import {
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  type Client,
  type ScheduleOptions,
  type ScheduleOptionsAction,
} from '@temporalio/client';
import type { OperationsDb, ProductionDb } from '../../db/clients';
import type { MaintenancePlan, WorkCenter } from '../../generated/production/sqlite/client';
import { maintenanceWorkflowId, rescheduleMaintenanceUpdate } from '../../workflows/maintenance/messages';
import type { PreventiveMaintenanceInput, PreventivePolicy } from '../../workflows/maintenance/preventive-types';
import { TASK_QUEUES } from '../../workflows/shared/task-queues';
import { isUniqueViolation } from '../../db/idempotency';
import { notFound } from '../errors';
import { operatingMinutes } from './preventive-windows';
import { ownedHandle, ownerOf } from '../processes/process-identity';

export const planScheduleId = (code: string) => `maintenance-plan-${code}`;

export interface PlanInput {
  everyDays?: number;
  everyOperatingHours?: number;
  durationMinutes: number;
}

const policyOf = (p: MaintenancePlan): PreventivePolicy => ({
  ...(p.everyDays ? { everyDays: p.everyDays } : {}),
  ...(p.everyOperatingHours ? { everyOperatingHours: p.everyOperatingHours } : {}),
  durationMinutes: p.durationMinutes,
});

const describePlan = (code: string, p: PreventivePolicy) =>
  `${code}: ${p.durationMinutes} min of preventive maintenance ` +
  (p.everyDays ? `every ${p.everyDays} days` : `every ${p.everyOperatingHours} operating hours (checked daily)`);

/** The schedule fires every `everyDays` days; an hours-based plan is checked once a day. */
function scheduleOf(code: string, p: PreventivePolicy): Omit<ScheduleOptions, 'scheduleId' | 'memo'> & { state: { note: string } } {
  const action: ScheduleOptionsAction = {
    type: 'startWorkflow',
    workflowType: 'preventiveMaintenance',
    // Temporal appends the fire time to the id of each run.
    workflowId: `preventive-${code}`,
    taskQueue: TASK_QUEUES.orchestration,
    args: [{ workCenterCode: code, policy: p } satisfies PreventiveMaintenanceInput],
    memo: { plan: describePlan(code, p) },
  };
  return {
    spec: { intervals: [{ every: `${(p.everyDays ?? 1) * 24}h` }] },
    action,
    // A server that was down misses fires; one catch-up run a day is enough (a plan opens one request a day at most).
    policies: { catchupWindow: '1 day' },
    state: { note: describePlan(code, p) },
  };
}

/** Creates the plan's schedule, or brings an existing one up to the plan. */
export async function writePlanSchedule(temporal: Client, code: string, p: PreventivePolicy): Promise<void> {
  const s = scheduleOf(code, p);
  try {
    await temporal.schedule.create({ scheduleId: planScheduleId(code), ...s, memo: { plan: describePlan(code, p) } });
  } catch (e) {
    if (!(e instanceof ScheduleAlreadyRunning)) throw e;
    await temporal.schedule.getHandle(planScheduleId(code)).update((prev) => ({
      spec: s.spec,
      action: s.action,
      policies: { ...prev.policies, ...s.policies },
      state: { ...prev.state, note: s.state.note },
    }));
  }
}

async function centerOf(db: ProductionDb, code: string): Promise<WorkCenter & { maintenancePlan: MaintenancePlan | null }> {
  const c = await db.workCenter.findUnique({ where: { code }, include: { maintenancePlan: true } });
  if (!c) throw notFound(`Work center ${code}`);
  return c;
}

export function planView(code: string, p: MaintenancePlan | null) {
  if (!p) return null;
  return {
    workCenter: code,
    scheduleId: planScheduleId(code),
    active: p.active,
    everyDays: p.everyDays,
    everyOperatingHours: p.everyOperatingHours,
    durationMinutes: p.durationMinutes,
    lastOpenedAt: p.lastOpenedAt?.toISOString() ?? null,
    operatingMinutesAtLast: p.operatingMinutesAtLast,
    updatedBy: p.updatedBy,
    updatedAt: p.updatedAt.toISOString(),
  };
}

export async function getMaintenancePlan(db: ProductionDb, code: string) {
  const c = await centerOf(db, code);
  if (!c.maintenancePlan) throw notFound(`Maintenance plan of ${code}`);
  return planView(code, c.maintenancePlan);
}

/** Writes the plan (audited) and its schedule. A plan switched between days and hours keeps its history. */
export async function putMaintenancePlan(opts: {
  stores: { operations: OperationsDb; production: ProductionDb };
  temporal: Client;
  code: string;
  input: PlanInput;
  userName: string;
}) {
  const { stores, code, input } = opts;
  const c = await centerOf(stores.production, code);
  const data = {
    everyDays: input.everyDays ?? null,
    everyOperatingHours: input.everyOperatingHours ?? null,
    durationMinutes: input.durationMinutes,
    active: true,
    updatedBy: opts.userName,
  };
  // A new plan counts operating hours from now, not from the machine's first job.
  const create = { workCenterId: c.id, ...data, operatingMinutesAtLast: await operatingMinutes(stores.production, c.id) };
  const write = () => stores.production.maintenancePlan.upsert({ where: { workCenterId: c.id }, create, update: data });
  // Two first writes at once: the loser's insert breaks the unique key; written again, it updates.
  const plan = await write().catch((e: unknown) => {
    if (isUniqueViolation(e)) return write();
    throw e;
  });
  await stores.operations.auditLog.create({
    data: {
      actor: opts.userName,
      action: 'maintenance_plan_written',
      entityType: 'work_center',
      entityRef: code,
      data: JSON.stringify(input),
    },
  });
  await writePlanSchedule(opts.temporal, code, policyOf(plan));
  return planView(code, plan);
}

/** Deactivates the plan and deletes its schedule; requests already opened stay as they are. */
export async function deleteMaintenancePlan(opts: {
  stores: { operations: OperationsDb; production: ProductionDb };
  temporal: Client;
  code: string;
  userName: string;
}) {
  const { stores, code } = opts;
  const c = await centerOf(stores.production, code);
  if (!c.maintenancePlan) throw notFound(`Maintenance plan of ${code}`);
  const plan = await stores.production.maintenancePlan.update({
    where: { id: c.maintenancePlan.id },
    data: { active: false, updatedBy: opts.userName },
  });
  await stores.operations.auditLog.create({
    data: { actor: opts.userName, action: 'maintenance_plan_deactivated', entityType: 'work_center', entityRef: code },
  });
  try {
    await opts.temporal.schedule.getHandle(planScheduleId(code)).delete();
  } catch (e) {
    if (!(e instanceof ScheduleNotFoundError)) throw e; // a repeated delete
  }
  return planView(code, plan);
}

/** Creates the schedule of every active plan that has none (a new namespace, a restored database); idempotent. */
export async function ensureMaintenanceSchedules(db: ProductionDb, temporal: Client): Promise<string[]> {
  const plans = await db.maintenancePlan.findMany({ where: { active: true }, include: { workCenter: true } });
  const created: string[] = [];
  for (const p of plans) {
    const code = p.workCenter.code;
    try {
      await temporal.schedule.create({
        scheduleId: planScheduleId(code),
        ...scheduleOf(code, policyOf(p)),
        memo: { plan: describePlan(code, policyOf(p)) },
      });
      created.push(code);
    } catch (e) {
      if (!(e instanceof ScheduleAlreadyRunning)) throw e;
    }
  }
  return created;
}

/** Moves a scheduled preventive job's window through its process, which re-plans the work around it. */
export async function rescheduleMaintenance(opts: {
  production: ProductionDb;
  temporal: Client;
  number: string;
  plannedStart: string;
  userName: string;
}) {
  const r = await opts.production.maintenanceRequest.findUnique({ where: { number: opts.number } });
  if (!r) throw notFound(`Maintenance request ${opts.number}`);
  const handle = await ownedHandle(opts.temporal, ownerOf(maintenanceWorkflowId(r.number), r));
  return handle.executeUpdate(rescheduleMaintenanceUpdate, { args: [{ plannedStart: opts.plannedStart, requestedBy: opts.userName }] });
}
