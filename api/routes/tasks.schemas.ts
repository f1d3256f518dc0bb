import { z } from 'zod';

export const ZListTasksQuery = z.object({
  role: z.string().optional().describe('Only tasks for this role (default: all of your roles)'),
  status: z.enum(['open', 'completed', 'cancelled']).default('open'),
  document: z.string().optional().describe('Business document, e.g. SO-00001'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
}).strict();

export const ZTaskDecisionRequest = z.object({
  decision: z.string().min(1),
  comment: z.string().max(1000).optional(),
}).strict();
