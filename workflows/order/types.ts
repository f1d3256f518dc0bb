// Plain data that crosses between the order-to-delivery workflow, its activities and the API.
import type { ManufacturingPolicy } from '../manufacturing/types';
import type { ProcurementPolicy } from '../procurement/types';
import type { TicketPolicy } from '../ticket/types';

export type DeliverySteps = 1 | 2 | 3; // 1: ship, 2: pick + ship, 3: pick + pack + ship
export type InvoicePolicy = 'delivered' | 'ordered';

export interface OrderLineSnapshot {
  lineNo: number;
  sku: string;
  quantity: number;
  reservedQty: number;
  backorderQty: number;
  shippedQty: number;
  deliveredQty: number;
  cancelledQty: number;
}

export interface OrderSnapshot {
  number: string;
  customerCode: string;
  invoicePolicy: InvoicePolicy;
  paymentTermDays: number;
  deliverySteps: DeliverySteps;
  totalCents: number;
  lines: OrderLineSnapshot[];
}

export interface CreditCheckResult {
  withinLimit: boolean;
  creditLimitCents: number;
  openReceivablesCents: number;
  orderTotalCents: number;
  overByCents: number;
}

export interface ReservationRound {
  lines: { lineNo: number; sku: string; reserved: number; backordered: number }[];
}

export interface ShipmentInfo {
  number: string;
  status: 'ready' | 'picked' | 'packed' | 'shipped' | 'delivered';
  carrierCode?: string;
  trackingNumber?: string;
  lines: { lineNo: number; sku: string; quantity: number; deliveredQty: number }[];
}

export interface InvoiceInfo {
  number: string;
  kind: 'invoice' | 'credit_note';
  status: string;
  totalCents: number;
  paidCents: number;
  creditedCents: number;
  outstandingCents: number;
  dueAt: string;
}

/** Timings of one order's process, fixed at its start from configuration. */
export interface OrderPolicy {
  creditApprovalMs: number;
  creditEscalationMs: number;
  backorderWaitMs: number;
  deliveryConfirmationMs: number;
  paymentReminderDays: number[];
}

export interface OrderProcessInput {
  orderNumber: string;
  policy: OrderPolicy;
  /** When given, stock falling below a reorder point after shipping raises a requisition under this policy. */
  procurementPolicy?: ProcurementPolicy;
  /** When given, a short or lost delivery opens a service ticket under this policy. */
  ticketPolicy?: TicketPolicy;
  /** When given (with procurementPolicy), make-to-order lines and manufactured goods short in stock are made by child manufacturing orders. */
  manufacturingPolicy?: ManufacturingPolicy;
}

/** How an order's process is started: everything but the order number. */
export type OrderProcessSettings = Omit<OrderProcessInput, 'orderNumber'>;
