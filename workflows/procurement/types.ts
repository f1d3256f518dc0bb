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
  /** Failed supplier-gateway attempts before a buyer is asked what to do, and the first retry interval (doubling, at most 1 min). */
  supplierAttemptsBeforeTask: number;
  supplierRetryInitialMs: number;
  /** Grace after the promised date before the supplier is chased. */
  receiptGraceMs: number;
  /** Three-way match tolerances, per line and on the total. */
  matchTolerancePct: number;
  matchToleranceCents: number;
}

export interface RequisitionLineInfo {
  lineNo: number;
  sku: string;
  quantity: number;
  estimatedUnitCents: number;
}
export interface RequisitionSnapshot {
  number: string;
  requester: string;
  totalCents: number;
  lines: RequisitionLineInfo[];
}

export interface PurchaseOrderPlan {
  number: string;
  supplierCode: string;
  totalCents: number;
}

export interface PurchaseOrderInfo {
  number: string;
  supplierCode: string;
  status: string;
  promisedDate?: string;
  lines: { lineNo: number; sku: string; quantity: number; receivedQty: number; unitPriceCents: number }[];
  /** Received quantities held in quality until an inspector decides (counted in receivedQty meanwhile). */
  inspections?: PendingInspection[];
}

export interface PendingInspection {
  key: string;
  receiptRef: string;
  lineNo: number;
  sku: string;
  quantity: number;
}

/** Who waits for goods an inspector just passed: customer orders with backorders, a manufacturing order. */
export interface PassedInspection {
  po: PurchaseOrderInfo;
  backorderedOrders: string[];
  manufacturingOrder?: string;
}

/** An unsent PO re-priced at another supplier: quantities raised to that supplier's minimums. */
export interface SupplierSwitchQuote {
  from: string;
  to: string;
  totalCents: number;
  newTotalCents: number;
  lines: { lineNo: number; quantity: number; newQuantity: number; newUnitPriceCents: number }[];
  requester: string;
  requisitionTotalCents: number;
}

export interface MatchLine {
  lineNo: number;
  expectedCents: number;
  invoicedCents: number;
  differenceCents: number;
  withinTolerance: boolean;
  reason?: string;
}
export interface MatchResult {
  matched: boolean;
  lines: MatchLine[];
  expectedTotalCents: number;
  invoicedTotalCents: number;
  differenceCents: number;
}

export interface SupplierInvoiceInfo {
  number: string;
  supplierRef: string;
  status: string;
  totalCents: number;
  creditedCents: number;
  invoiceDate: string;
  dueAt: string;
  discountDueAt?: string;
  discountCents: number;
}

export interface PurchaseOrderInput {
  poNumber: string;
  requisitionNumber: string;
  policy: ProcurementPolicy;
}
export interface RequisitionInput {
  requisitionNumber: string;
  policy: ProcurementPolicy;
}
