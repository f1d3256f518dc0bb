import type { EndpointGroup } from '../endpoint';
import {
  ZCreateMaintenanceRequest,
  ZListMaintenanceRequestsQuery,
  ZMaintenanceLabourRequest,
  ZMaintenancePartRequest,
  ZMaintenanceRequestParams,
} from './maintenance.schemas';

const REPORTERS = ['production', 'technician', 'manager'] as const;

export const maintenanceEndpoints = {
  create: {
    method: 'post',
    path: '/api/maintenance-requests',
    summary:
      'Report a broken work center: it is taken out of service and a repair process starts (one open request per work center; optional Idempotency-Key header)',
    access: { roles: REPORTERS },
    body: ZCreateMaintenanceRequest,
    success: [200, 201],
    idempotent: true,
    stateful: true,
  },
  list: {
    method: 'get',
    path: '/api/maintenance-requests',
    summary: 'List maintenance requests, filtered by work center, status or kind, paginated',
    access: 'staff',
    query: ZListMaintenanceRequestsQuery,
    returns: 'page',
    success: [200],
  },
  get: {
    method: 'get',
    path: '/api/maintenance-requests/{number}',
    summary: 'A maintenance request with its spare parts, downtime, costs, open tasks and live state',
    access: 'staff',
    params: ZMaintenanceRequestParams,
    success: [200],
  },
  parts: {
    method: 'post',
    path: '/api/maintenance-requests/{number}/parts',
    summary:
      'Take spare parts from free shop stock for the repair (409 and nothing written when they are not free; optional Idempotency-Key header)',
    access: { roles: REPORTERS },
    params: ZMaintenanceRequestParams,
    body: ZMaintenancePartRequest,
    success: [200],
    idempotent: true,
    stateful: true,
  },
  labour: {
    method: 'post',
    path: '/api/maintenance-requests/{number}/labour',
    summary: "Report technician minutes spent on the repair (costed at the work center's labour rate; optional Idempotency-Key header)",
    access: { roles: REPORTERS },
    params: ZMaintenanceRequestParams,
    body: ZMaintenanceLabourRequest,
    success: [200],
    idempotent: true,
    stateful: true,
  },
} satisfies EndpointGroup;
