// Updates of a corrective maintenance process, shared by the workflow and the API: the spare parts
// and the labour a technician reports while the repair is open.
import { defineUpdate } from '@temporalio/workflow';

export interface MaintenancePartInfo {
  sku: string;
  quantity: number;
  unitCostCents: number;
  status: string;
}

export interface MaintenanceRequestInput {
  /** MNT-00001; the process runs as maintenance-MNT-00001. */
  number: string;
}

/** Takes spare parts from shop stock for the repair (refused with nothing written when they are not free). */
export const addMaintenancePartUpdate = defineUpdate<MaintenancePartInfo, [{ sku: string; quantity: number; requestedBy: string }]>(
  'addMaintenancePart',
);
/** Adds technician minutes spent on the repair; answers the request's total. */
export const reportMaintenanceLabourUpdate = defineUpdate<{ labourMinutes: number }, [{ minutes: number; reportedBy: string }]>(
  'reportMaintenanceLabour',
);
