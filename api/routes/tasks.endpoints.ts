import type { EndpointGroup } from '../endpoint';
import { ZListTasksQuery, ZTaskDecisionRequest, ZTaskParams, ZTaskView } from './tasks.schemas';

export const taskEndpoints = {
  list: {
    method: 'get',
    path: '/api/tasks',
    summary: 'Open human tasks for your roles, nearest due first',
    access: 'staff',
    query: ZListTasksQuery,
    returns: 'page',
    response: ZTaskView,
    success: [200],
  },
  get: {
    method: 'get',
    path: '/api/tasks/{id}',
    summary: 'One task',
    access: 'staff',
    params: ZTaskParams,
    response: ZTaskView,
    success: [200],
  },
  decide: {
    method: 'post',
    path: '/api/tasks/{id}/decision',
    summary: "Decide a task; needs the task's role (checked per task), the decision is recorded with your name",
    access: 'staff',
    params: ZTaskParams,
    body: ZTaskDecisionRequest,
    response: ZTaskView,
    success: [200],
    stateful: true,
  },
} satisfies EndpointGroup;
