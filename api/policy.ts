import type { Config } from '../config';
import type { ManufacturingPolicy } from '../workflows/manufacturing/types';
import type { OrderPolicy } from '../workflows/order/types';
import type { ProcurementPolicy } from '../workflows/procurement/types';
import type { ReturnPolicy } from '../workflows/returns/types';
import type { TicketPolicy } from '../workflows/ticket/types';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Process timings are fixed per process at its start, so a config change never alters a running one. */
export interface Policies {
  order: OrderPolicy;
  procurement: ProcurementPolicy;
  ticket: TicketPolicy;
  manufacturing: ManufacturingPolicy;
  returns: ReturnPolicy;
}

export function policiesFrom(cfg: Config): Policies {
  return {
    order: {
      creditApprovalMs: cfg.CREDIT_APPROVAL_HOURS * HOUR_MS,
      creditEscalationMs: cfg.CREDIT_ESCALATION_HOURS * HOUR_MS,
      backorderWaitMs: cfg.BACKORDER_WAIT_DAYS * DAY_MS,
      deliveryConfirmationMs: cfg.DELIVERY_CONFIRMATION_DAYS * DAY_MS,
      paymentReminderDays: cfg.PAYMENT_REMINDER_DAYS,
    },
    procurement: {
      autoApproveLimitCents: Math.round(cfg.APPROVAL_AUTO_LIMIT * 100),
      financeLimitCents: Math.round(cfg.APPROVAL_FINANCE_LIMIT * 100),
      approvalReminderMs: cfg.APPROVAL_REMINDER_HOURS * HOUR_MS,
      approvalEscalationMs: cfg.APPROVAL_REMINDER_HOURS * HOUR_MS,
      supplierAttemptsBeforeTask: cfg.SUPPLIER_ATTEMPTS_BEFORE_TASK,
      supplierRetryInitialMs: 2_000,
      receiptGraceMs: cfg.RECEIPT_GRACE_DAYS * DAY_MS,
      matchTolerancePct: cfg.MATCH_TOLERANCE_PERCENT,
      matchToleranceCents: Math.round(cfg.MATCH_TOLERANCE_AMOUNT * 100),
    },
    ticket: {
      warningPercent: cfg.SLA_WARNING_PERCENT,
      autoCloseDays: cfg.TICKET_AUTO_CLOSE_DAYS,
      continueAsNewAfterEvents: cfg.TICKET_CONTINUE_AS_NEW_EVENTS,
    },
    manufacturing: {
      machineHeartbeatTimeoutMs: cfg.MACHINE_HEARTBEAT_TIMEOUT_SECONDS * 1000,
      machineJobTimeoutMs: cfg.MACHINE_JOB_TIMEOUT_HOURS * HOUR_MS,
      machineAttempts: cfg.MACHINE_ATTEMPTS,
      materialWaitMs: cfg.MATERIAL_WAIT_DAYS * DAY_MS,
      qualityMaxReworks: cfg.QUALITY_MAX_REWORKS,
    },
    returns: {
      receiveWaitMs: cfg.RETURN_RECEIPT_WAIT_DAYS * DAY_MS,
      approvalEscalationMs: cfg.RETURN_APPROVAL_ESCALATION_HOURS * HOUR_MS,
    },
  };
}
