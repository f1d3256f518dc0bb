import { z } from 'zod';
import { ZOpenTaskRef, ZTimestamp } from './view.schemas';
import { PROCESS_KINDS, WAITING_ON } from '../../domain/processes/kinds';

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

// --- process search

/** Any process id the engine hands out (order-SO-00001, preventive-WELD-2026-…); nothing else reaches Temporal. */
export const ZProcessId = z.object({
  workflowId: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'must be a process id such as order-SO-00001'),
});

const code = (what: string) =>
  z
    .string()
    .max(100)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.:@/-]*$/, `must be a ${what} (letters, digits, - _ . : @ /)`);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ZProcessSearchQuery = z
  .object({
    kind: z.enum(PROCESS_KINDS).optional(),
    status: code('business status such as credit_hold').optional().describe('The business status, e.g. credit_hold'),
    customer: code('customer code such as C-0001').optional(),
    supplier: code('supplier code such as S-001').optional(),
    waitingOn: z.enum(WAITING_ON).optional(),
    waitingFor: code('role, user, partner, work center or timer').optional().describe('A role, user, partner code, work center or timer'),
    document: code('document number such as SO-00001').optional(),
    overdue: flag.optional().describe('true: running and past the current wait’s due time'),
    running: flag.optional(),
    startedAfter: z.iso
      .datetime({ offset: true })
      .transform((s) => new Date(s))
      .optional(),
    startedBefore: z.iso
      .datetime({ offset: true })
      .transform((s) => new Date(s))
      .optional(),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
    pageToken: z
      .string()
      .max(4000)
      .regex(/^[A-Za-z0-9_-]+$/, 'must be the nextPageToken of an earlier page')
      .optional(),
  })
  .strict();

// --- responses

export const ZEta = z.union([
  z.object({
    expectedAt: ZTimestamp,
    basedOnRuns: z.number().int().min(1),
    range: z.object({ earliest: ZTimestamp, latest: ZTimestamp }),
    /** The status this process is in, from which past runs were measured. */
    fromStatus: z.string(),
    method: z.string(),
  }),
  z.object({ expectedAt: z.null(), basedOnRuns: z.literal(0), reason: z.string() }),
]);

export const ZProcessSummary = z.object({
  workflowId: z.string(),
  kind: z.string(),
  document: z.string(),
  status: z.string(),
  customer: z.string().optional(),
  supplier: z.string().optional(),
  waitingOn: z.string().optional(),
  waitingFor: z.string().optional(),
  dueAt: ZTimestamp.optional(),
  overdue: z.boolean(),
  amountCents: z.number().int().optional(),
  startedAt: ZTimestamp,
  closedAt: ZTimestamp.optional(),
  running: z.boolean(),
  /** When a running process entered its current status. */
  statusSince: ZTimestamp.optional(),
  eta: ZEta.nullable().optional(),
  temporalUiUrl: z.string(),
});

export const ZProcessPage = z.object({
  items: z.array(ZProcessSummary),
  /** Pass as pageToken for the next page; absent on the last page. */
  nextPageToken: z.string().optional(),
  /** How many processes match in all. */
  count: z.number().int(),
});

export const ZProcessDetail = ZProcessSummary.extend({
  eta: ZEta.nullable(),
  openTasks: z.array(ZOpenTaskRef.extend({ overdue: z.boolean() })),
});
