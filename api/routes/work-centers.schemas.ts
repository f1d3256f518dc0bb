import { z } from 'zod';

/** The longest board one request may ask for: two months of days. */
export const MAX_BOARD_DAYS = 62;

export const ZWorkCenterParams = z.object({
  code: z.string().regex(/^[A-Z0-9][A-Z0-9_-]{0,31}$/, 'must be a work center code such as CUT or ASM'),
});

export const ZListWorkCentersQuery = z
  .object({
    status: z.enum(['available', 'down', 'maintenance']).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

export const ZWorkCenterBoardQuery = z
  .object({
    from: z.iso
      .date()
      // Calendar arithmetic (time zones, weekdays) is only meaningful for years a plan can be in.
      .regex(/^(19[7-9]\d|2\d{3})-/, 'must be a date from 1970 to 2999')
      .optional()
      .describe("First day, YYYY-MM-DD in the work center's zone (default: today there)"),
    days: z.coerce.number().int().min(1).max(MAX_BOARD_DAYS).default(7).describe(`Days shown, 1–${MAX_BOARD_DAYS}`),
  })
  .strict();

export const ZWorkCenterReliabilityQuery = z
  .object({
    from: z.iso.date().optional().describe('First day, YYYY-MM-DD UTC (default: the first recorded breakdown)'),
    to: z.iso.date().optional().describe('Last day, YYYY-MM-DD UTC, inclusive (default: now)'),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be after to', path: ['from'] });
