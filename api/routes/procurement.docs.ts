import type { Endpoint } from '../endpoint';
import {
  ZCancelRequisitionRequest, ZCloseShortRequest, ZCreateRequisitionRequest, ZCreditNoteRequest, ZGoodsReceiptRequest, ZListRequisitionsQuery, ZSupplierInvoiceRequest,
} from './procurement.schemas';

export const procurementEndpoints: Endpoint[] = [
  { method: 'post', path: '/api/requisitions', summary: 'Submit a requisition and start its procure-to-pay process (approval by amount)', roles: 'requester', body: ZCreateRequisitionRequest },
  { method: 'get', path: '/api/requisitions', summary: 'List requisitions by status or requester, paginated', query: ZListRequisitionsQuery },
  { method: 'get', path: '/api/requisitions/{number}', summary: 'The requisition with approvals, purchase orders, open tasks and live process state' },
  { method: 'post', path: '/api/requisitions/{number}/cancel', summary: 'Cancel before goods arrive; answers once recorded, while open purchase orders are cancelled at their suppliers', roles: 'requester (own), buyer, manager', body: ZCancelRequisitionRequest },
  { method: 'get', path: '/api/purchase-orders/{number}', summary: 'The purchase order with receipts, invoices, match result and payment' },
  { method: 'post', path: '/api/purchase-orders/{number}/receipts', summary: 'Book received goods (partial allowed); stock rises. The delivery note is unique per PO: booked again it answers 200 duplicate; '
    + 'a line listed twice, not on the PO or more than is open answers 400 naming the field', roles: 'warehouse', body: ZGoodsReceiptRequest },
  { method: 'post', path: '/api/purchase-orders/{number}/invoices', summary: "Register the supplier's invoice; the three-way match runs at once. The same reference again answers 200 duplicate", roles: 'ap_clerk', body: ZSupplierInvoiceRequest },
  { method: 'post', path: '/api/purchase-orders/{number}/credit-notes', summary: 'Register a requested credit note; the match runs again. The same reference again answers 200 duplicate', roles: 'ap_clerk', body: ZCreditNoteRequest },
  { method: 'post', path: '/api/purchase-orders/{number}/close-short', summary: 'Stop waiting for the rest of the goods', roles: 'buyer', body: ZCloseShortRequest },
];
