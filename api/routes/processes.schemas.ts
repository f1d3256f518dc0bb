import { z } from 'zod';
import { ZTimestamp } from './view.schemas';

export const ZWorkflowId = z.object({
  workflowId: z.string().regex(/^[a-z-]+-[A-Z]+-\d+$/, 'must be a process id such as order-SO-00001'),
});

// --- responses

export const ZProcessHistory = z.object({
  workflowId: z.string(),
  /** The process definition, e.g. orderToDelivery. */
  type: z.string(),
  /** Temporal's execution status: RUNNING, COMPLETED, FAILED, TERMINATED, ... */
  status: z.string(),
  startedAt: ZTimestamp,
  closedAt: ZTimestamp.optional(),
  entries: z.array(
    z.object({
      at: z.string(),
      kind: z.enum(['process', 'step', 'timer', 'signal', 'decision', 'return']),
      step: z.string(),
      outcome: z.string().optional(),
      attempts: z.number().int().optional(),
      by: z.string().optional(),
      detail: z.string().optional(),
    }),
  ),
});
