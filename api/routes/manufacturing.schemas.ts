import { z } from 'zod';

const moNumber = z.string().regex(/^MO-\d{5,}$/, 'must look like MO-00001');

export const ZCreateManufacturingOrderRequest = z
  .object({
    sku: z.string().min(1).max(100).describe('Product to make; it needs an active bill of materials with a routing'),
    quantity: z.number().int().positive().max(100_000),
    dueDate: z.iso
      .date()
      .refine((d) => d >= new Date().toISOString().slice(0, 10), 'must be today or later (UTC)')
      .optional()
      .describe('Wanted by, YYYY-MM-DD'),
  })
  .strict();
export type TCreateManufacturingOrderRequest = z.infer<typeof ZCreateManufacturingOrderRequest>;

export const ZManufacturingOrderParams = z.object({ number: moNumber });

export const ZListManufacturingOrdersQuery = z
  .object({
    status: z.enum(['planned', 'waiting_materials', 'in_progress', 'held', 'done', 'cancelled', 'failed']).optional(),
    sku: z.string().min(1).optional(),
    parent: z.string().min(1).optional().describe('Sales order, parent manufacturing order or customer return number'),
    purpose: z.enum(['manufacture', 'repair']).optional().describe('repair: orders that mend returned goods'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const ZCancelManufacturingOrderRequest = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
