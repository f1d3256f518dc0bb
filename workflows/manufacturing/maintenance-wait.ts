// A manufacturing order and the maintenance of the work centers it runs on. A machine that broke
// down for good raises a corrective request (or joins the one already open for that work center);
// before each machine job the order asks whether the work center takes work, and if a request holds
// it, tells that request's process it waits and waits until it hears the work center is back.
import { ChildWorkflowCancellationType, condition, getExternalWorkflowHandle, setHandler, sleep, startChild } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { maintenanceWorkflowId, workCenterBackSignal, workOrderWaitingSignal, type WorkCenterBack } from '../maintenance/messages';
import { production } from '../shared/activities';
import type { MoContext } from './context';
import type { WorkOrderInfo } from './types';
import { publish } from '../shared/visibility';

/** Patch of the manufacturing order: breakdowns go to maintenance instead of a machine-down task. */
export const MAINTENANCE_PATCH = 'maintenance-requests';

// Answers heard per order (per process), registered on first use.
const heard = new WeakMap<MoContext, WorkCenterBack[]>();
function answers(ctx: MoContext): WorkCenterBack[] {
  let list = heard.get(ctx);
  if (!list) {
    const received: WorkCenterBack[] = [];
    setHandler(workCenterBackSignal, (b) => void received.push(b));
    heard.set(ctx, (list = received));
  }
  return list;
}

/** The machine failed and no other work center takes the job: a corrective request for it, its process running. */
export async function reportBreakdown(ctx: MoContext, wo: WorkOrderInfo, why: string): Promise<void> {
  const raised = await production.raiseBreakdown({
    workCenterId: wo.workCenter.id,
    moNumber: ctx.number,
    sequence: wo.sequence,
    reason: `${ctx.number} ${wo.name}: ${why}`,
    at: new Date().toISOString(),
  });
  ctx.note('maintenance', `${wo.workCenter.code} down: ${raised.created ? 'opened' : 'joined'} ${raised.number}`);
  try {
    // Outlives this order: the repair goes on if the order is cancelled meanwhile.
    await startChild('maintenanceRequest', {
      workflowId: maintenanceWorkflowId(raised.number),
      args: [{ number: raised.number }],
      parentClosePolicy: 'ABANDON',
      cancellationType: ChildWorkflowCancellationType.ABANDON,
    });
  } catch (e) {
    // Already running (another order or a person opened it): this order only waits for it.
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
  }
}

/**
 * Before a machine job: returns at once when the work center takes work (or was declared out of
 * service earlier and a person let the job go ahead); otherwise holds the work order until the open
 * request's process says the work center is back (re-planned from then) or out of service.
 */
export async function awaitWorkCenter(ctx: MoContext, sequence: number): Promise<'available' | WorkCenterBack['outcome']> {
  const backs = answers(ctx);
  for (;;) {
    const wo = ctx.mo.workOrders.find((w) => w.sequence === sequence)!;
    const { openRequest } = await production.workCenterAvailability({ workCenterId: wo.workCenter.id });
    if (!openRequest) return 'available';
    await production.setWorkOrderStatus({ moNumber: ctx.number, sequence, status: 'held' });
    await ctx.setStatus('held', `${wo.name} waits for ${wo.workCenter.code} (${openRequest})`);
    publish({ waitingOn: 'machine', waitingFor: wo.workCenter.code });
    try {
      await getExternalWorkflowHandle(maintenanceWorkflowId(openRequest)).signal(workOrderWaitingSignal, {
        workflowId: ctx.workflowId,
        moNumber: ctx.number,
        sequence,
      });
    } catch {
      // The process ended (or has not started yet): ask again in a moment.
      await sleep('1 minute');
      continue;
    }
    await condition(() => backs.some((b) => b.requestNumber === openRequest));
    const back = backs.find((b) => b.requestNumber === openRequest)!;
    ctx.note(
      'work_center_back',
      `${back.workCenterCode} ${back.outcome === 'in_service' ? 'back in service' : 'out of service'} (${openRequest})`,
    );
    if (back.outcome === 'out_of_service') return back.outcome;
    await production.setWorkOrderStatus({ moNumber: ctx.number, sequence, status: 'planned' });
    ctx.setWorkOrders(await production.planManufacturingOrder({ moNumber: ctx.number, from: new Date().toISOString() }));
    return back.outcome;
  }
}
