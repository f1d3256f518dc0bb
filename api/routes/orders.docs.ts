import type { Endpoint } from '../endpoint';
import { ZCancelOrderRequest, ZCreateOrderRequest, ZDeliveryConfirmationRequest, ZListOrdersQuery, ZPaymentRequest } from './orders.schemas';
import { ZStockReceiptRequest } from './stock.schemas';

export const orderEndpoints: Endpoint[] = [
  { method: 'post', path: '/api/orders', summary: 'Accept an order and start its order-to-delivery process (optional Idempotency-Key header)', roles: 'operator', body: ZCreateOrderRequest },
  { method: 'get', path: '/api/orders', summary: 'List orders, filtered by status or customer, paginated', query: ZListOrdersQuery },
  { method: 'get', path: '/api/orders/{number}', summary: 'The order record with the live state of its process' },
  { method: 'post', path: '/api/orders/{number}/cancel', summary: 'Cancel before shipment; compensations run in reverse', roles: 'operator, manager', body: ZCancelOrderRequest },
  { method: 'post', path: '/api/orders/{number}/delivery-confirmation', summary: 'Confirm a shipment arrived (short lines optional)', roles: 'operator, warehouse', body: ZDeliveryConfirmationRequest },
  { method: 'post', path: '/api/orders/{number}/payments', summary: 'Record a customer payment against the order invoice', roles: 'operator, manager', body: ZPaymentRequest },
  { method: 'post', path: '/api/stock/receipts', summary: 'Book received goods; waiting backorders are released', roles: 'warehouse, operator', body: ZStockReceiptRequest },
  { method: 'get', path: '/api/invoices/{number}', summary: 'A customer invoice with its lines and payments' },
  { method: 'post', path: '/api/invoices/{number}/payments', summary: "Record a payment on an invoice no order owns (e.g. service work); an order's invoice is paid on the order", roles: 'operator, manager', body: ZPaymentRequest },
];
