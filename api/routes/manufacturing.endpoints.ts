import type { EndpointGroup } from '../endpoint';
import {
  ZCancelManufacturingOrderRequest,
  ZCreateManufacturingOrderRequest,
  ZListManufacturingOrdersQuery,
  ZManufacturingOrderParams,
} from './manufacturing.schemas';

export const manufacturingEndpoints = {
  create: {
    method: 'post',
    path: '/api/manufacturing-orders',
    summary: 'Plan a manufacturing order and start its process (optional Idempotency-Key header)',
    access: { roles: ['production', 'manager'] },
    body: ZCreateManufacturingOrderRequest,
    success: [200, 201],
    idempotent: true,
    stateful: true,
  },
  list: {
    method: 'get',
    path: '/api/manufacturing-orders',
    summary: 'List manufacturing orders, filtered by status, product, parent document or purpose (manufacture, repair), paginated',
    access: 'staff',
    query: ZListManufacturingOrdersQuery,
    returns: 'page',
    success: [200],
  },
  get: {
    method: 'get',
    path: '/api/manufacturing-orders/{number}',
    summary: 'The manufacturing order with its work orders (planned vs actual, progress), costs, child orders and live state',
    access: 'staff',
    params: ZManufacturingOrderParams,
    success: [200],
  },
  cancel: {
    method: 'post',
    path: '/api/manufacturing-orders/{number}/cancel',
    summary:
      'Cancel: reservations released, unused materials returned, child orders and purchases called off, issued materials written off',
    access: { roles: ['production', 'manager'] },
    params: ZManufacturingOrderParams,
    body: ZCancelManufacturingOrderRequest,
    success: [200],
    stateful: true,
  },
} satisfies EndpointGroup;
