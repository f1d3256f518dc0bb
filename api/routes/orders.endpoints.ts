import type { EndpointGroup } from '../endpoint';
import { ZCancelOrderRequest, ZCreateOrderRequest, ZDeliveryConfirmationRequest, ZListOrdersQuery, ZOrderParams, ZPaymentRequest } from './orders.schemas';

export const orderEndpoints = {
  create: {
    method: 'post', path: '/api/orders', summary: 'Accept an order and start its order-to-delivery process (optional Idempotency-Key header)',
    access: { roles: ['operator'] }, body: ZCreateOrderRequest, success: [200, 201], idempotent: true, stateful: true,
  },
  list: { method: 'get', path: '/api/orders', summary: 'List orders, filtered by status or customer, paginated', access: 'staff', query: ZListOrdersQuery, returns: 'page', success: [200] },
  get: { method: 'get', path: '/api/orders/{number}', summary: 'The order record with the live state of its process', access: 'staff', params: ZOrderParams, success: [200] },
  cancel: {
    method: 'post', path: '/api/orders/{number}/cancel', summary: 'Cancel before shipment; compensations run in reverse',
    access: { roles: ['operator', 'manager'] }, params: ZOrderParams, body: ZCancelOrderRequest, success: [200], stateful: true,
  },
  confirmDelivery: {
    method: 'post', path: '/api/orders/{number}/delivery-confirmation', summary: 'Confirm a shipment arrived (short lines optional)',
    access: { roles: ['operator', 'warehouse'] }, params: ZOrderParams, body: ZDeliveryConfirmationRequest, success: [200], stateful: true,
  },
  pay: {
    method: 'post', path: '/api/orders/{number}/payments', summary: 'Record a customer payment against the order invoice (a repeated reference answers 200)',
    access: { roles: ['operator', 'manager'] }, params: ZOrderParams, body: ZPaymentRequest, success: [200, 201], stateful: true,
  },
} satisfies EndpointGroup;
