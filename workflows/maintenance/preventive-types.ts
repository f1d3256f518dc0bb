// What a preventive maintenance plan's scheduled run and its job take and answer.

/** The plan as it stood when the schedule was written; the run reads the current plan from the store. */
export interface PreventivePolicy {
  everyDays?: number;
  everyOperatingHours?: number;
  durationMinutes: number;
}

export interface PreventiveMaintenanceInput {
  workCenterCode: string;
  policy: PreventivePolicy;
}

export type PreventiveOpening =
  | { opened: false; reason: string }
  | { opened: true; number: string; workCenterCode: string; plannedStart: string; plannedEnd: string; created: boolean };

export interface PreventiveJobInput {
  number: string;
  workCenterCode: string;
}

export interface PreventiveRequestInfo {
  number: string;
  workCenterCode: string;
  status: string;
  plannedStart: string;
  plannedEnd: string;
}
