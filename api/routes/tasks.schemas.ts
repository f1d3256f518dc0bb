import { z } from 'zod';
import { ZCount, ZTimestamp } from './view.schemas';
import { CATEGORIES } from '../../workflows/ticket/types';

// Every decision some process offers; each task lists the ones it accepts (GET /api/tasks/{id}).
export const TASK_DECISIONS = [
  'approve',
  'reject',
  'done',
  'retry',
  'delivered',
  'lost',
  'keep-collecting',
  'write-off',
  'accept-difference',
  'request-credit-note',
  'reject-invoice',
  'switch-supplier',
  'cancel',
  'keep-waiting',
  'close-short',
  'acknowledge',
  'confirm',
  'repaired',
  // maintenance
  'diagnosed',
  'repair-failed',
  'repair-again',
  'out-of-service',
  // quality
  'pass',
  'rework',
  'scrap',
  'return-to-supplier',
  // customer returns
  'resellable',
  'damaged',
  'repairable',
  'customer-drops-off',
  ...CATEGORIES.map((c) => `category:${c}` as const),
] as const;

export const ZTaskParams = z.object({
  id: z.string().regex(/^[a-z-]+-[A-Z]+-\d+(:[\w.-]+)+$/, 'must be a task id such as order-SO-00001:credit-hold'),
});

export const ZListTasksQuery = z
  .object({
    role: z.string().optional().describe('Only tasks for this role (default: all of your roles)'),
    status: z.enum(['open', 'completed', 'cancelled']).default('open'),
    document: z.string().optional().describe('Business document, e.g. SO-00001'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

export const ZTaskDecisionRequest = z
  .object({
    decision: z.enum(TASK_DECISIONS).describe('One of the decisions the task lists'),
    comment: z.string().max(1000).optional(),
    photoRef: z.string().min(1).max(500).optional().describe('A reference to evidence, e.g. the URL of an inspection photo'),
  })
  .strict();

// --- responses

export const ZTaskView = z.object({
  id: z.string(),
  workflowId: z.string(),
  processType: z.string(),
  documentRef: z.string(),
  kind: z.string(),
  title: z.string(),
  description: z.string(),
  role: z.string(),
  status: z.enum(['open', 'completed', 'cancelled']),
  /** The decisions this task accepts. */
  decisions: z.array(z.string()),
  dueAt: ZTimestamp.nullable(),
  escalationLevel: ZCount,
  decision: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: ZTimestamp.nullable(),
  comment: z.string().nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
  /** Open and past its due date. */
  overdue: z.boolean(),
});
