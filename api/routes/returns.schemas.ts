import { z } from 'zod';
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
