// Messages between maintenance processes and the manufacturing orders that wait for a work center.
// A manufacturing order about to run a job on a work center that is down or being serviced tells the
// open maintenance process it waits (workOrderWaiting); when the work center is back in service (or
// declared out of service), the maintenance process tells every waiter (workCenterBack).
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

export type MaintenanceKind = 'corrective' | 'preventive';
export type MaintenanceStatus = 'open' | 'scheduled' | 'in_progress' | 'escalated' | 'done' | 'failed' | 'cancelled';

export const maintenanceWorkflowId = (number: string) => `maintenance-${number}`;

export interface MaintenanceState {
  number: string;
  kind: MaintenanceKind;
  workCenterCode: string;
  status: MaintenanceStatus;
  /** What the process is doing now, in words. */
  step: string;
  /** Process ids of the manufacturing orders waiting for the work center. */
  waiting: string[];
  openTasks: string[];
  events: { at: string; step: string; note?: string }[];
}

export interface WaitingWorkOrder {
  /** The waiting manufacturing order's process id (mo-MO-00001). */
  workflowId: string;
  moNumber: string;
  sequence: number;
}

/** Outcome told to waiters: back in service (run the job again), or out of service for good (the waiter decides). */
export interface WorkCenterBack {
  requestNumber: string;
  workCenterCode: string;
  outcome: 'in_service' | 'out_of_service';
}

export const maintenanceStateQuery = defineQuery<MaintenanceState>('maintenanceState');
/** Sent to a maintenance process by a manufacturing order that waits for its work center. */
export const workOrderWaitingSignal = defineSignal<[WaitingWorkOrder]>('workOrderWaiting');
/** Sent by a maintenance process to each waiting manufacturing order when it ends. */
export const workCenterBackSignal = defineSignal<[WorkCenterBack]>('workCenterBack');
/** Moves a scheduled preventive job's window; work orders planned around it are planned again. */
export const rescheduleMaintenanceUpdate = defineUpdate<MaintenanceState, [{ plannedStart: string; requestedBy: string }]>(
  'rescheduleMaintenance',
);
