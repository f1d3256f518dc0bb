import type { EndpointGroup } from '../endpoint';
import { ZProcessHistory, ZWorkflowId } from './processes.schemas';

export const processEndpoints = {
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
