import { z } from 'zod';
import { ZAmount, ZCount, ZLiveState, ZOpenTaskRef, ZTimestamp } from './view.schemas';
import type { ReturnOutcome, ReturnStatus } from '../../workflows/returns/types';

const returnNumber = z.string().regex(/^RET-\d{5,}$/, 'must look like RET-00001');
const text = (max: number) => z.string().trim().min(1).max(max);

export const RETURN_OUTCOMES = ['refund', 'replacement', 'repair'] as const satisfies readonly ReturnOutcome[];
export const RETURN_STATUSES = [
  'requested',
  'pending_approval',
  'authorized',
  'receiving',
  'inspecting',
  'repairing',
  'settling',
  'done',
  'rejected',
  'cancelled',
  'expired',
] as const satisfies readonly ReturnStatus[];

export const ZCreateReturnRequest = z
  .object({
    order: z
      .string()
      .regex(/^SO-\d{5,}$/, 'must look like SO-00001')
      .describe('The order the goods were delivered with'),
    reason: text(2000).describe("Why the goods come back, in the customer's words"),
    lines: z
      .array(
        z
          .object({
            lineNo: z.number().int().positive().describe('Line number on the order'),
            quantity: z
              .number()
              .int()
              .min(1)
              .max(1_000_000)
              .describe('Units coming back: at most those delivered and not yet on another return'),
            outcome: z.enum(RETURN_OUTCOMES).describe('refund (needs an invoice on the order), replacement or repair'),
          })
          .strict(),
      )
      .min(1)
      .max(200),
    ticket: z
      .string()
      .regex(/^TCK-\d{5,}$/, 'must look like TCK-00001')
      .optional()
      .describe("The service ticket the return comes from (the same customer's)"),
  })
  .strict();
export type TCreateReturnRequest = z.infer<typeof ZCreateReturnRequest>;

export const ZReturnParams = z.object({ number: returnNumber });

export const ZListReturnsQuery = z
  .object({
    status: z.enum(RETURN_STATUSES).optional(),
    customer: z.string().optional().describe('Customer code, e.g. C-0001 (a portal key always sees its own)'),
    order: z.string().optional().describe('Order number, e.g. SO-00001'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const ZReturnReceiptRequest = z
  .object({
    reference: text(100).describe("The warehouse's reference for this arrival (delivery note, parcel id); sent again it adds nothing"),
    lines: z
      .array(
        z
          .object({
            lineNo: z.number().int().positive().describe('Line number on the return'),
            quantity: z.number().int().min(1).max(1_000_000),
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict();

export const ZCancelReturnRequest = z.object({ reason: z.string().trim().min(3).max(500) }).strict();

// --- responses

export const ZReturnView = z.object({
  number: z.string(),
  status: z.string(),
  statusNote: z.string().nullable(),
  order: z.string(),
  customer: z.object({ code: z.string(), name: z.string() }),
  reason: z.string(),
  outsideWindow: z.boolean(),
  approvedBy: z.string().nullable(),
  rmaNumber: z.string().nullable(),
  pickupTracking: z.string().nullable(),
  requestedBy: z.string(),
  createdAt: ZTimestamp,
  authorizedAt: ZTimestamp.nullable(),
  receiveBy: ZTimestamp.nullable(),
  closedAt: ZTimestamp.nullable(),
  lines: z.array(
    z.object({
      lineNo: ZCount,
      orderLineNo: ZCount.optional(),
      sku: z.string().optional(),
      name: z.string().optional(),
      quantity: ZCount,
      received: ZCount,
      outcome: z.string(),
      condition: z.string().nullable(),
      inspectedBy: z.string().nullable(),
      inspectionNote: z.string().nullable(),
      photoRef: z.string().nullable(),
      disposition: z.string().nullable(),
      settlement: z.string().nullable(),
      settledAt: ZTimestamp.nullable(),
    }),
  ),
  receipts: z.array(
    z.object({
      reference: z.string(),
      lines: z.array(z.object({ lineNo: ZCount, quantity: ZCount })),
      receivedBy: z.string(),
      receivedAt: ZTimestamp,
    }),
  ),
  refunds: z.array(z.object({ number: z.string(), amount: ZAmount, paidAt: ZTimestamp })),
  restockingFee: ZAmount,
  refunded: ZAmount,
  documents: z.object({
    order: z.string(),
    ticket: z.string().nullable(),
    creditNote: z.string().nullable(),
    replacementOrder: z.string().nullable(),
    sendBackOrder: z.string().nullable(),
    repairOrders: z.array(z.string()),
    refunds: z.array(z.string()),
  }),
  openTasks: z.array(ZOpenTaskRef),
  /** Null once the return is closed: the record then tells all. */
  process: ZLiveState.nullable(),
});
