// Plain data of the procure-to-pay process, shared by its workflow, activities and the API.

/** Approval levels by amount and the timings of the process, fixed per requisition at its start. */
export interface ProcurementPolicy {
  /** Up to this total (cents) a requisition is approved automatically. */
  autoApproveLimitCents: number;
  /** Above this total (cents) finance approves after the manager. */
  financeLimitCents: number;
  /** How long an approver has before a reminder, and again before escalation. */
  approvalReminderMs: number;
  approvalEscalationMs: number;
  /** Failed supplier-gateway attempts before a buyer is asked what to do. */
  supplierAttemptsBeforeTask: number;
  /** Grace after the promised date before the supplier is chased. */
  receiptGraceMs: number;
  /** Three-way match tolerances, per line and on the total. */
  matchTolerancePct: number;
  matchToleranceCents: number;
}
