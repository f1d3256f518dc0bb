import { z } from 'zod';
import { MAX_PERIOD_DAYS, daysBetween, periodOf } from '../../domain/reports/period';

// Calendar arithmetic is only meaningful for years records can carry.
const day = (what: string) =>
  z.iso
    .date()
    .regex(/^(19[7-9]\d|2\d{3})-/, 'must be a date from 1970 to 2999')
    .optional()
    .describe(`${what}, YYYY-MM-DD (UTC)`);

const period = {
  from: day('First day, inclusive (default: 29 days before to)'),
  to: day('Last day, inclusive (default: today)'),
};
type PeriodQuery = { from?: string; to?: string };
const ordered = (q: PeriodQuery) => !q.from || !q.to || q.from <= q.to;
const wellFormed = (day?: string) => day === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(day)));
// Checked on the period as resolved, so a lone `from` long ago is refused like an explicit one.
// A malformed day is already an issue of its own field (zod runs this refinement all the same).
const bounded = (q: PeriodQuery) => {
  if (!wellFormed(q.from) || !wellFormed(q.to)) return true;
  const p = periodOf(q);
  return p.from > p.to || daysBetween(p.from, p.to) < MAX_PERIOD_DAYS;
};

export const ZPeriodQuery = z
  .object(period)
  .strict()
  .refine(ordered, { message: 'must not be after to', path: ['from'] })
  .refine(bounded, { message: `the period may span at most ${MAX_PERIOD_DAYS} days`, path: ['to'] });

export const ZThroughputQuery = z
  .object({ ...period, bucket: z.enum(['day', 'week']).default('day').describe('Chart buckets: days, or weeks starting on Monday') })
  .strict()
  .refine(ordered, { message: 'must not be after to', path: ['from'] })
  .refine(bounded, { message: `the period may span at most ${MAX_PERIOD_DAYS} days`, path: ['to'] });

export const ZReceivablesAgingQuery = z
  .object({
    asOf: day('The day the receivables are aged on (default: today)'),
    top: z.coerce.number().int().min(1).max(100).default(10).describe('How many customers to list, largest outstanding first'),
  })
  .strict();

export const ZPayablesDueQuery = z
  .object({
    within: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_PERIOD_DAYS)
      .default(28)
      .describe('Days ahead from today, today included (overdue always shown)'),
  })
  .strict();
