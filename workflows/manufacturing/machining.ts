// Each work order runs on its work center's machine through the machine gateway. The gateway
// heartbeats progress, so a stalled machine is noticed and the retry resumes where it stopped.
// A work center that keeps failing hands the work order to the routing's alternative; with none,
// the work center goes to maintenance and the order waits for it (maintenance-wait.ts); declared out of
// service, a shop-floor task holds it until the machine is repaired (or the order is called off).
import { ActivityFailure, isCancellation, patched, proxyActivities } from '@temporalio/workflow';
import type { ProductionActivities } from '../../activities/production';
import { production } from '../shared/activities';
import { TASK_QUEUES } from '../shared/task-queues';
import { MoCancelled, type MoContext } from './context';
import { MAINTENANCE_PATCH, awaitWorkCenter, reportBreakdown } from './maintenance-wait';
import { QualityGate } from './quality';
import type { MachineJobResult, ManufacturingPolicy, WorkOrderInfo } from './types';
import { publish } from '../shared/visibility';

/** Machine jobs: long, alive as long as progress is reported, retried a few times on the same machine. */
const machines = (p: ManufacturingPolicy) =>
  proxyActivities<ProductionActivities>({
    taskQueue: TASK_QUEUES.production,
    startToCloseTimeout: p.machineJobTimeoutMs,
    heartbeatTimeout: p.machineHeartbeatTimeoutMs,
    retry: {
      initialInterval: '1s',
      backoffCoefficient: 2,
      maximumInterval: '1m',
      maximumAttempts: p.machineAttempts,
      nonRetryableErrorTypes: ['MachineRejected', 'NoMachineController'],
    },
  });

export async function runWorkOrders(ctx: MoContext): Promise<void> {
  if (patched('quality-checks')) return runCheckedWorkOrders(ctx);
  for (const sequence of ctx.mo.workOrders.map((w) => w.sequence)) {
    const wo = ctx.mo.workOrders.find((w) => w.sequence === sequence)!;
    if (wo.status === 'done') continue;
    await runWorkOrder(ctx, sequence);
  }
}

/** Each work order's output is checked (quality.ts): a failure runs it again, or after scrap all of them. */
async function runCheckedWorkOrders(ctx: MoContext): Promise<void> {
  const quality = await QualityGate.load(ctx);
  for (let i = 0; i < ctx.mo.workOrders.length; i++) {
    const { sequence, status } = ctx.mo.workOrders[i];
    if (status === 'done') continue;
    const result = await runWorkOrder(ctx, sequence, quality.run(sequence));
    const next = await quality.afterOperation(sequence, result, i === ctx.mo.workOrders.length - 1);
    if (next === 'again') i--;
    else if (next === 'restart') i = -1;
  }
}

/** Runs the work order until its machine job succeeds; a later run (rework, scrap) is a new job at the machine. */
async function runWorkOrder(ctx: MoContext, sequence: number, run = 1): Promise<MachineJobResult> {
  const current = () => ctx.mo.workOrders.find((w) => w.sequence === sequence)!;
  let moved = false;
  for (let attempt = 1; ; attempt++) {
    // A work center under repair holds the job; declared out of service, the shop floor decides as before.
    if (patched(MAINTENANCE_PATCH) && (await awaitWorkCenter(ctx, sequence)) === 'out_of_service')
      await holdForRepair(ctx, current(), attempt, `${current().workCenter.code} was declared out of service`);
    const wo = current();
    await ctx.setStatus('in_progress', `${wo.name} on ${wo.workCenter.code}`);
    publish({ waitingOn: 'machine', waitingFor: wo.workCenter.code, dueAt: wo.plannedEnd });
    try {
      const result = await machines(ctx.input.policy).runMachineJob({
        workOrderId: wo.id,
        jobId: `${ctx.number}:${wo.sequence}:${run > 1 ? `r${run}:` : ''}${attempt}`,
        controllerUrl: wo.workCenter.controllerUrl ?? '',
        minutes: wo.minutesPlanned,
      });
      ctx.setWorkOrders(
        ctx.mo.workOrders.map((w) => (w.sequence === sequence ? { ...w, status: 'done', minutesActual: result.minutesActual } : w)),
      );
      ctx.note(
        'operation_done',
        `${wo.name} on ${wo.workCenter.code}: ${result.minutesActual} min${result.resumedFrom > 0 ? `, resumed at ${Math.round(result.resumedFrom)}%` : ''}`,
      );
      return result;
    } catch (e) {
      // A cancellation is not a machine failure: it ends the work order here.
      if (!(e instanceof ActivityFailure) || isCancellation(e)) throw e;
      const why = e.cause?.message ?? e.message;
      ctx.note('machine_failed', `${wo.name} on ${wo.workCenter.code}: ${why}`);
      if (wo.alternative && !moved && wo.alternative.id !== wo.workCenter.id) {
        moved = true;
        ctx.setWorkOrders(
          await production.planManufacturingOrder({
            moNumber: ctx.number,
            from: new Date().toISOString(),
            moveTo: { sequence, workCenterId: wo.alternative.id },
          }),
        );
        ctx.note('moved', `${wo.name} moved from ${wo.workCenter.code} to ${wo.alternative.code}; the rest re-planned`);
        continue;
      }
      if (patched(MAINTENANCE_PATCH)) await reportBreakdown(ctx, wo, why);
      else await holdForRepair(ctx, wo, attempt, why);
    }
  }
}

/** A person on the shop floor says when the machine is repaired; the rest of the plan moves from then. */
async function holdForRepair(ctx: MoContext, wo: WorkOrderInfo, attempt: number, why: string): Promise<void> {
  await production.setWorkOrderStatus({ moNumber: ctx.number, sequence: wo.sequence, status: 'held' });
  await ctx.setStatus('held', `${wo.name} held: ${wo.workCenter.code} is down`);
  const id = await ctx.tasks.ask({
    id: `${ctx.workflowId}:machine-down:${wo.sequence}:${attempt}`,
    documentRef: ctx.number,
    kind: 'machine-down',
    role: 'production',
    decisions: ['repaired', 'cancel'],
    title: `${wo.workCenter.code} is down: ${ctx.number} ${wo.name} is on hold`,
    description:
      `The machine failed (${why})${wo.alternative ? ' and so did the alternative work center' : ' and the routing has no alternative work center'}. ` +
      'Repair it, then choose repaired to run the work order again, or cancel the manufacturing order.',
  });
  const decision = (await ctx.tasks.decision(id))!;
  if (decision.decision === 'cancel')
    throw new MoCancelled(`shop floor: ${decision.comment ?? `${wo.workCenter.code} could not be repaired`}`, decision.decidedBy);
  ctx.note('repaired', `${wo.workCenter.code} back in service (${decision.decidedBy})`);
  if (patched(MAINTENANCE_PATCH)) await production.workCenterRepairedOnFloor({ workCenterId: wo.workCenter.id });
  await production.setWorkOrderStatus({ moNumber: ctx.number, sequence: wo.sequence, status: 'planned' });
  ctx.setWorkOrders(await production.planManufacturingOrder({ moNumber: ctx.number, from: new Date().toISOString() }));
}
