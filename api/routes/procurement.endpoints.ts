import type { EndpointGroup } from '../endpoint';
import {
  ZCancelRequisitionRequest, ZCloseShortRequest, ZCreateRequisitionRequest, ZCreditNoteRequest, ZGoodsReceiptRequest, ZListRequisitionsQuery,
  ZPurchaseOrderParams, ZRequisitionParams, ZSupplierInvoiceRequest,
} from './procurement.schemas';

const req = ZRequisitionParams;
const po = ZPurchaseOrderParams;

export const procurementEndpoints = {
  createRequisition: {
    method: 'post', path: '/api/requisitions', summary: 'Submit a requisition and start its procure-to-pay process (approval by amount)',
    access: { roles: ['requester'] }, body: ZCreateRequisitionRequest, success: [200, 201], idempotent: true, stateful: true,
  },
  listRequisitions: {
    method: 'get', path: '/api/requisitions', summary: 'List requisitions by status or requester, paginated', access: 'staff', query: ZListRequisitionsQuery, returns: 'page', success: [200],
  },
  getRequisition: {
    method: 'get', path: '/api/requisitions/{number}', summary: 'The requisition with approvals, purchase orders, open tasks and live process state',
    access: 'staff', params: req, success: [200],
  },
  cancelRequisition: {
    method: 'post', path: '/api/requisitions/{number}/cancel', summary: 'Cancel before goods arrive; open purchase orders are cancelled at the supplier',
    access: { roles: ['requester', 'buyer', 'manager'], note: 'a requester only their own' }, params: req, body: ZCancelRequisitionRequest, success: [200], stateful: true,
  },
  getPurchaseOrder: {
    method: 'get', path: '/api/purchase-orders/{number}', summary: 'The purchase order with receipts, invoices, match result and payment',
    access: 'staff', params: po, success: [200],
  },
  receiveGoods: {
    method: 'post', path: '/api/purchase-orders/{number}/receipts', summary: 'Book received goods (partial allowed); stock rises (a repeated reference answers 200)',
    access: { roles: ['warehouse'] }, params: po, body: ZGoodsReceiptRequest, success: [200, 201], stateful: true,
  },
  registerInvoice: {
    method: 'post', path: '/api/purchase-orders/{number}/invoices', summary: "Register the supplier's invoice; the three-way match runs at once",
    access: { roles: ['ap_clerk'] }, params: po, body: ZSupplierInvoiceRequest, success: [201], stateful: true,
  },
  registerCreditNote: {
    method: 'post', path: '/api/purchase-orders/{number}/credit-notes', summary: 'Register a requested credit note; the match runs again',
    access: { roles: ['ap_clerk'] }, params: po, body: ZCreditNoteRequest, success: [201], stateful: true,
  },
  closeShort: {
    method: 'post', path: '/api/purchase-orders/{number}/close-short', summary: 'Stop waiting for the rest of the goods',
    access: { roles: ['buyer'] }, params: po, body: ZCloseShortRequest, success: [200], stateful: true,
  },
} satisfies EndpointGroup;
