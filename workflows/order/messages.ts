// Messages of the order-to-delivery process, shared by the workflow and the API.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { InvoiceInfo, ShipmentInfo } from './types';

export type OrderStatus =
  | 'received'
  | 'credit_check'
  | 'credit_hold'
  | 'manufacturing'
  | 'reserving'
  | 'picking'
  | 'packing'
  | 'shipping'
  | 'awaiting_delivery'
  | 'backordered'
  | 'invoicing'
  | 'awaiting_payment'
  | 'overdue'
  | 'paid'
  | 'written_off'
  | 'cancelled'
  | 'closed';

export interface OrderProcessState {
  orderNumber: string;
  status: OrderStatus;
  /** Whether a cancellation would still be accepted, and if not, why. */
  cancellable: boolean;
  notCancellableReason?: string;
  cancelReason?: string;
  creditHold?: { overByCents: number; decision?: string; decidedBy?: string };
  shipments: ShipmentInfo[];
  invoice?: InvoiceInfo;
  creditNote?: InvoiceInfo;
  remindersSent: number;
  openTasks: string[];
  events: { at: string; step: string; note?: string }[];
}

export interface CancelRequest {
  reason: string;
  requestedBy: string;
}
export interface DeliveryConfirmation {
  shipmentNumber?: string;
  confirmedBy: string;
  lines?: { lineNo: number; deliveredQty: number }[];
}
export interface PaymentNotice {
  reference: string;
  amountCents: number;
  method: string;
  recordedBy: string;
}
/** The invoice after the payment; `duplicate` when the reference had already been applied with this amount. */
export interface PaymentResult extends InvoiceInfo {
  duplicate: boolean;
}

export const orderStateQuery = defineQuery<OrderProcessState>('orderState');
export const cancelOrderUpdate = defineUpdate<OrderProcessState, [CancelRequest]>('cancelOrder');
export const confirmDeliveryUpdate = defineUpdate<ShipmentInfo, [DeliveryConfirmation]>('confirmDelivery');
export const recordPaymentUpdate = defineUpdate<PaymentResult, [PaymentNotice]>('recordPayment');
/** Sent by stock receipts to every order with an open backorder of a received product. */
export const stockReplenishedSignal = defineSignal<[{ receiptReference: string }]>('stockReplenished');
/** A return credited the order's invoice: the process reads the invoice again (it may now be settled). */
export const returnCreditedSignal = defineSignal<[{ returnNumber: string; creditNote: string }]>('returnCredited');

export const orderWorkflowId = (orderNumber: string) => `order-${orderNumber}`;
