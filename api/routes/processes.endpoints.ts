import { z } from 'zod';
import type { EndpointGroup } from '../endpoint';

export const ZWorkflowId = z.object({
  workflowId: z.string().regex(/^[a-z-]+-[A-Z]+-\d+$/, 'must be a process id such as order-SO-00001'),
});

export const processEndpoints = {
  history: {
    method: 'get',
    path: '/api/processes/{workflowId}/history',
    summary: 'The process history summarized: steps, attempts, timers, decisions and who made them',
    access: 'staff',
    params: ZWorkflowId,
    success: [200],
  },
} satisfies EndpointGroup;
