import { z } from 'zod';
import { CATEGORIES, CHANNELS, PRIORITIES } from '../../workflows/ticket/types';

const ticketNumber = z.string().regex(/^TCK-\d{5,}$/, 'must look like TCK-00001');
const text = (max: number) => z.string().trim().min(1).max(max);
const partList = z.array(z.object({ sku: z.string().min(1), quantity: z.number().int().positive().max(1000) }).strict()).max(50);

export const ZCreateTicketRequest = z
  .object({
    customer: z.string().min(1).describe('Customer code, e.g. C-0001'),
    subject: text(200),
    description: text(10_000),
    channel: z.enum(CHANNELS),
    priority: z.enum(PRIORITIES).default('normal').describe('Initial priority; triage may change it'),
    category: z.enum(CATEGORIES).optional().describe('Default: hardware when a product is named, else general'),
    productSku: z.string().min(1).optional(),
    serialNumber: z.string().trim().min(1).max(100).optional(),
    orderRef: z
      .string()
      .regex(/^SO-\d{5,}$/, 'must look like SO-00001')
      .optional()
      .describe('Order the product came with; within two years it is under warranty'),
  })
  .strict();
export type TCreateTicketRequest = z.infer<typeof ZCreateTicketRequest>;

export const ZTicketParams = z.object({ number: ticketNumber });
export const ZVisitParams = z.object({ number: ticketNumber, visit: z.string().regex(/^TCK-\d{5,}-V\d+$/, 'must look like TCK-00001-V1') });

export const ZListTicketsQuery = z
  .object({
    status: z.enum(['new', 'open', 'waiting_on_customer', 'resolved', 'closed']).optional(),
    priority: z.enum(PRIORITIES).optional(),
    breached: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .describe('Any SLA target breached'),
    assignee: z.string().optional().describe('Agent code, e.g. AG-01'),
    customer: z.string().optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const ZResponseRequest = z
  .object({
    message: text(10_000),
    askCustomer: z
      .boolean()
      .default(false)
      .describe('A question to the customer: the ticket waits and the SLA clock pauses until they reply'),
  })
  .strict();

export const ZCustomerReplyRequest = z.object({ message: text(10_000) }).strict();
export const ZPriorityRequest = z.object({ priority: z.enum(PRIORITIES), reason: text(500) }).strict();
export const ZAssignmentRequest = z
  .object({ agent: z.string().min(1).describe('Agent code, e.g. AG-02'), reason: text(500).optional() })
  .strict();

export const ZVisitRequest = z
  .object({
    technician: z.string().min(1).optional().describe('Technician code; default: the first free technician with the skill'),
    slotStart: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('Start of a two-hour slot in working hours; default: the next free slot'),
    parts: partList.default([]).describe('Spare parts to reserve from MAIN'),
  })
  .strict();

export const ZVisitReportRequest = z
  .object({
    outcome: z.enum(['completed', 'failed', 'no_show']),
    minutesSpent: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    partsUsed: partList.default([]),
    notes: text(2000).optional(),
  })
  .strict();

export const ZReplacementRequest = z
  .object({
    lines: z
      .array(z.object({ sku: z.string().min(1), quantity: z.number().int().positive().max(1000) }).strict())
      .min(1)
      .max(20),
  })
  .strict();

export const ZResolutionRequest = z.object({ resolution: text(10_000) }).strict();

export const ZConfirmationRequest = z
  .object({
    decision: z.enum(['confirm', 'reject']),
    satisfaction: z.number().int().min(1).max(5).optional().describe('1 (poor) to 5 (excellent)'),
    comment: text(2000).optional().describe('Needed when rejecting: what is still wrong'),
  })
  .strict();
