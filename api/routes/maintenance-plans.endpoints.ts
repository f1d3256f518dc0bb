import type { EndpointGroup } from '../endpoint';
import { ZWorkCenterParams } from './work-centers.schemas';
import { ZMaintenancePlanRequest, ZMaintenanceRequestParams, ZRescheduleMaintenanceRequest } from './maintenance-plans.schemas';

const planners = { roles: ['production', 'manager'] } as const;

export const maintenancePlanEndpoints = {
  put: {
    method: 'put',
    path: '/api/work-centers/{code}/maintenance-plan',
    summary: "Writes the work center's preventive maintenance plan (every N days or N operating hours) and its Temporal Schedule",
    access: planners,
    params: ZWorkCenterParams,
    body: ZMaintenancePlanRequest,
    success: [200],
  },
  get: {
    method: 'get',
    path: '/api/work-centers/{code}/maintenance-plan',
    summary: "The work center's preventive maintenance plan",
    access: 'staff',
    params: ZWorkCenterParams,
    success: [200],
  },
  delete: {
    method: 'delete',
    path: '/api/work-centers/{code}/maintenance-plan',
    summary: 'Deactivates the plan and deletes its schedule; services already opened stay',
    access: planners,
    params: ZWorkCenterParams,
    success: [200],
  },
  reschedule: {
    method: 'post',
    path: '/api/maintenance-requests/{number}/reschedule',
    summary: 'Moves a preventive service not yet started; the work orders waiting on its work center are planned again',
    access: planners,
    params: ZMaintenanceRequestParams,
    body: ZRescheduleMaintenanceRequest,
    success: [200],
    stateful: true,
  },
} satisfies EndpointGroup;
