// Plain data and ids of the quality-alert process, shared by the manufacturing order that raises it and the API.

export interface QualityAlertInput {
  number: string;
  workCenterCode: string;
  failures: number;
  reason: string;
  /** The manufacturing order whose failed check raised it. */
  raisedBy: string;
}

export const qualityAlertWorkflowId = (number: string) => `quality-alert-${number}`;
