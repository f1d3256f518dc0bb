// Plain data that crosses between the customer-return workflow, its activities and the API.
import type { ManufacturingPolicy } from '../manufacturing/types';
import type { OrderProcessSettings } from '../order/types';
import type { ProcurementPolicy } from '../procurement/types';

/** What the customer asks for, per line. */
export type ReturnOutcome = 'refund' | 'replacement' | 'repair';
/** What the inspection finds, per line. */
export type ReturnCondition = 'resellable' | 'damaged' | 'repairable';
/** What became of the goods of a line. */
export type ReturnDisposition = 'restocked' | 'scrapped' | 'repaired';
/** How the customer was settled for a line. */
export type ReturnSettlement = 'refunded' | 'replaced' | 'repaired_sent_back' | 'sent_back_as_is' | 'not_received';

export type ReturnStatus =
  | 'requested'
  | 'pending_approval'
  | 'authorized'
  | 'receiving'
  | 'inspecting'
  | 'repairing'
  | 'settling'
  | 'done'
  | 'rejected'
  | 'cancelled'
  | 'expired';

/** Timings of one return's process, fixed at its start from configuration. */
export interface ReturnPolicy {
  /** How long after authorization the goods may take to arrive; then what has not come is no longer expected. */
  receiveWaitMs: number;
  /** How long an approver has for a return outside the window before it escalates to a manager. */
  approvalEscalationMs: number;
}

export interface ReturnProcessInput {
  returnNumber: string;
  policy: ReturnPolicy;
  /** Replacement and send-back deliveries run as order-to-delivery children with these settings. */
  order: OrderProcessSettings;
  /** Repairs run as manufacturing-order children with these. */
  manufacturingPolicy: ManufacturingPolicy;
  procurementPolicy: ProcurementPolicy;
}

export interface ReturnLineInfo {
  lineNo: number;
  orderLineNo: number;
  sku: string;
  quantity: number;
  receivedQty: number;
  outcome: ReturnOutcome;
  /** Whether the product has an active repair BoM (only then may an inspector find it repairable). */
  repairable: boolean;
  condition?: ReturnCondition;
  disposition?: ReturnDisposition;
  repairMoNumber?: string;
  settlement?: ReturnSettlement;
}

/** The return's record as its process reads it. */
export interface ReturnSnapshot {
  number: string;
  orderNumber: string;
  customerCode: string;
  status: ReturnStatus;
  reason: string;
  /** Some line was delivered longer ago than its category's return window: an approver decides. */
  outsideWindow: boolean;
  /** The role that approves returns outside the window (from the return policy of the lines' categories). */
  approverRole: string;
  /** Why the return is outside the window, for the approver. */
  windowNote?: string;
  rmaNumber?: string;
  receiveBy?: string;
  lines: ReturnLineInfo[];
}

export interface ReturnEvent {
  at: string;
  step: string;
  detail?: string;
}

export interface ReturnProcessState {
  number: string;
  status: ReturnStatus;
  statusNote?: string;
  rmaNumber?: string;
  pickupTracking?: string;
  receiveBy?: string;
  lines: ReturnLineInfo[];
  creditNote?: string;
  refundCents?: number;
  replacementOrder?: string;
  sendBackOrder?: string;
  repairOrders: string[];
  events: ReturnEvent[];
  openTasks: string[];
}

export interface ReturnReceiptRequest {
  /** The warehouse's reference for this arrival (delivery note, parcel id): the same one twice adds nothing. */
  reference: string;
  lines: { lineNo: number; quantity: number }[];
  receivedBy: string;
}

export interface ReturnReceiptResult {
  reference: string;
  duplicate: boolean;
  lines: ReturnLineInfo[];
}

export interface CancelReturnRequest {
  reason: string;
  requestedBy: string;
}
