// A maintenance plan's scheduled run: opens the preventive request if the plan is due (with its window on
// the work center), hands the job to its own process `maintenance-<number>` and ends, so the schedule's
// next run never waits on a technician.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import { production } from './shared/activities';
import { maintenanceWorkflowId } from './maintenance/messages';
import type { PreventiveMaintenanceInput, PreventiveOpening } from './maintenance/preventive-types';
import { preventiveMaintenanceJob } from './preventive-maintenance-job';
import { publishIdentity } from './shared/visibility';

export async function preventiveMaintenance(input: PreventiveMaintenanceInput): Promise<PreventiveOpening> {
  const opening = await production.openPreventiveMaintenance({ workCenterCode: input.workCenterCode, at: new Date().toISOString() });
  // The plan's run, by its work center: it opened a service (maintenance-<number> does it) or found none due.
  publishIdentity({ kind: 'preventive-maintenance', document: input.workCenterCode, status: opening.opened ? 'opened' : 'not_due' });
  if (!opening.opened) return opening;
  try {
    await startChild(preventiveMaintenanceJob, {
      workflowId: maintenanceWorkflowId(opening.number),
      args: [{ number: opening.number, workCenterCode: opening.workCenterCode }],
      // The job outlives this run; it is the work center's, not the schedule's.
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  } catch (e) {
    // A run re-fired the same day finds the same request, whose job already runs.
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
  }
  return opening;
}
