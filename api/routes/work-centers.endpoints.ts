import type { EndpointGroup } from '../endpoint';
import {
  ZCreateWorkCenterRequest,
  ZListWorkCentersQuery,
  ZUpdateWorkCenterRequest,
  ZWorkCenterBoardQuery,
  ZWorkCenterParams,
  ZWorkCenterReliabilityQuery,
} from './work-centers.schemas';

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
  create: {
    method: 'post',
    path: '/api/work-centers',
    summary: 'Create a work center with its slots, working calendar, rates and machine controller (a code that exists is refused with 409)',
    access: { roles: ['manager'] },
    body: ZCreateWorkCenterRequest,
    success: [201],
    stateful: true,
  },
  update: {
    method: 'patch',
    path: '/api/work-centers/{code}',
    summary:
      'Change the fields given of a work center; plans made before keep their times, and slots still holding work orders cannot be removed (409)',
    access: { roles: ['manager'] },
    params: ZWorkCenterParams,
    body: ZUpdateWorkCenterRequest,
    success: [200],
    stateful: true,
  },
} satisfies EndpointGroup;
