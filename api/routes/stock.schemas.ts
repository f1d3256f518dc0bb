import { z } from 'zod';

export const ZStockReceiptRequest = z
  .object({
    reference: z.string().trim().min(3).max(100).describe('Delivery note / receipt reference; booking it twice adds nothing'),
    warehouse: z.string().min(1).default('MAIN'),
    lines: z
      .array(z.object({ sku: z.string().min(1), quantity: z.number().int().positive().max(1_000_000) }).strict())
      .min(1)
      .max(500),
  })
  .strict();
