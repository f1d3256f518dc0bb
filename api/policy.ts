import type { Config } from '../config';
import type { OrderPolicy } from '../workflows/order/types';

const HOUR_MS = 3_600_000;

/** Process timings are fixed per order at its start, so a config change never alters a running order. */
export function orderPolicyFrom(cfg: Config): OrderPolicy {
  return {
    creditApprovalMs: cfg.CREDIT_APPROVAL_HOURS * HOUR_MS,
    creditEscalationMs: cfg.CREDIT_ESCALATION_HOURS * HOUR_MS,
    backorderWaitMs: cfg.BACKORDER_WAIT_DAYS * 24 * HOUR_MS,
    deliveryConfirmationMs: cfg.DELIVERY_CONFIRMATION_DAYS * 24 * HOUR_MS,
    paymentReminderDays: cfg.PAYMENT_REMINDER_DAYS,
  };
}
