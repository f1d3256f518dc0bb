import type { EndpointGroup } from '../endpoint';
import { ZListWorkCentersQuery, ZWorkCenterBoardQuery, ZWorkCenterParams, ZWorkCenterReliabilityQuery } from './work-centers.schemas';

export const workCenterEndpoints = {
  list: {
    method: 'get',
    path: '/api/work-centers',
    summary: 'Work centers with their slots, status, running jobs, queue length and planned utilisation of the next 7 days',
    access: 'staff',
    query: ZListWorkCentersQuery,
    returns: 'page',
    success: [200],
  },
  get: {
    method: 'get',
    path: '/api/work-centers/{code}',
    summary: 'A work center: the work orders running on it with their progress, its queue in planned order, and its utilisation',
    access: 'staff',
    params: ZWorkCenterParams,
    success: [200],
  },
  board: {
    method: 'get',
    path: '/api/work-centers/{code}/board',
    summary: 'Load per day: planned minutes against working capacity, per slot and in total',
    access: 'staff',
    params: ZWorkCenterParams,
    query: ZWorkCenterBoardQuery,
    success: [200],
  },
  reliability: {
    method: 'get',
    path: '/api/work-centers/{code}/reliability',
    summary: 'Failures, downtime, mean time between failures and mean time to repair from recorded corrective maintenance',
    access: 'staff',
    params: ZWorkCenterParams,
    query: ZWorkCenterReliabilityQuery,
    success: [200],
  },
} satisfies EndpointGroup;
