import type { EndpointGroup } from '../endpoint';
import { ZEta, ZProcessDetail, ZProcessHistory, ZProcessId, ZProcessPage, ZProcessSearchQuery, ZWorkflowId } from './processes.schemas';

export const processEndpoints = {
  search: {
    method: 'get',
    path: '/api/processes',
    summary:
      'Processes of every kind by their business facts (kind, status, customer, supplier, what they wait on, overdue), from Temporal visibility; running first, newest first',
    access: 'staff',
    query: ZProcessSearchQuery,
    response: ZProcessPage,
    success: [200],
  },
  get: {
    method: 'get',
    path: '/api/processes/{workflowId}',
    summary: 'One process: its status, what it waits on, its open tasks and its expected completion',
    access: 'staff',
    params: ZProcessId,
    response: ZProcessDetail,
    success: [200],
  },
  eta: {
    method: 'get',
    path: '/api/processes/{workflowId}/eta',
    summary:
      'Expected completion, measured from past completed runs of the same kind; a closed process answers expectedAt null, reason "closed"',
    access: 'staff',
    params: ZProcessId,
    response: ZEta,
    success: [200],
  },
  history: {
    method: 'get',
    path: '/api/processes/{workflowId}/history',
    summary: 'The process history summarized: steps, attempts, timers, decisions and who made them',
    access: 'staff',
    params: ZWorkflowId,
    response: ZProcessHistory,
    success: [200],
  },
} satisfies EndpointGroup;
