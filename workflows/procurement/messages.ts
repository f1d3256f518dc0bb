// Messages of the procure-to-pay processes, shared by the workflows and the API.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { MatchResult, PurchaseOrderInfo, SupplierInvoiceInfo } from './types';

export interface RequisitionState {
  requisitionNumber: string;
  status: string;
  approvals: { level: number; role: string; decision: string; decidedBy: string }[];
  purchaseOrders: string[];
  openTasks: string[];
  reason?: string;
  events: { at: string; step: string; note?: string }[];
}

export interface PurchaseOrderState {
  poNumber: string;
  status: string;
  /** Why it was cancelled, or why its terms last changed (a supplier switch). */
  reason?: string;
  po?: PurchaseOrderInfo;
  invoice?: SupplierInvoiceInfo;
  match?: MatchResult;
  payment?: { scheduledFor: string; paidCents?: number; discountCents?: number };
  openTasks: string[];
  events: { at: string; step: string; note?: string }[];
}

export interface GoodsReceiptNotice {
  reference: string;
  lines: { lineNo: number; quantity: number }[];
  receivedBy: string;
}
export interface SupplierInvoiceNotice {
  supplierRef: string;
  invoiceDate: string;
  lines: { lineNo: number; quantity: number; unitPriceCents: number }[];
  registeredBy: string;
}
export interface CreditNoteNotice {
  supplierRef: string;
  amountCents: number;
  registeredBy: string;
}

export const requisitionStateQuery = defineQuery<RequisitionState>('requisitionState');
/** The same cancellation from another process (a manufacturing order called off), which cannot wait for an answer. */
export const cancelRequisitionSignal = defineSignal<[{ reason: string; requestedBy: string }]>('cancelRequisition');
export const cancelRequisitionUpdate = defineUpdate<RequisitionState, [{ reason: string; requestedBy: string }]>('cancelRequisition');

export const purchaseOrderStateQuery = defineQuery<PurchaseOrderState>('purchaseOrderState');
/** Set when the same document (delivery note, supplier reference) was applied before: nothing changed. */
export interface Replay {
  duplicate?: true;
}
export const receiveGoodsUpdate = defineUpdate<PurchaseOrderInfo & Replay, [GoodsReceiptNotice]>('receiveGoods');
export const registerInvoiceUpdate = defineUpdate<SupplierInvoiceInfo & Replay, [SupplierInvoiceNotice]>('registerInvoice');
export const registerCreditNoteUpdate = defineUpdate<{ accepted: true } & Replay, [CreditNoteNotice]>('registerCreditNote');
export const closeShortUpdate = defineUpdate<PurchaseOrderInfo, [{ decidedBy: string; reason: string }]>('closeShort');
/** From the requisition to its purchase orders when it is cancelled. */
export const cancelPurchaseOrderSignal = defineSignal<[{ reason: string }]>('cancelPurchaseOrder');

export const requisitionWorkflowId = (number: string) => `requisition-${number}`;
export const purchaseOrderWorkflowId = (number: string) => `purchase-order-${number}`;
