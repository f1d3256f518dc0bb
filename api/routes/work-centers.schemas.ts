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

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};
const minuteOfDay = z.number().int().min(0).max(1440);
const centerMoney = z
  .number()
  .nonnegative()
  .max(1_000_000)
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'must have at most two decimals')
  .meta({ multipleOf: 0.01 });

const workCenterFields = {
  name: z.string().trim().min(1).max(200),
  slots: z.number().int().min(1).max(100).describe('Jobs that can run at the same time'),
  timezone: z
    .string()
    .min(1)
    .max(64)
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin')
    .describe('IANA time zone of its calendar'),
  workdays: z
    .array(z.number().int().min(1).max(7))
    .min(1)
    .max(7)
    .refine((d) => new Set(d).size === d.length, 'lists a weekday twice')
    .describe('ISO weekdays worked: 1 = Monday … 7 = Sunday'),
  openMinute: minuteOfDay.describe('Start of working hours, minutes after local midnight (360 = 06:00)'),
  closeMinute: minuteOfDay.describe('End of working hours, minutes after local midnight; after openMinute'),
  holidays: z.array(z.iso.date()).max(366).describe('Local dates not worked, YYYY-MM-DD'),
  costPerHour: centerMoney.describe('Machine rate per hour of run time'),
  labourPerHour: centerMoney.describe('Operator labour rate per hour of run time'),
  controllerUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .describe('Base URL of its machine controller (jobs go to <controllerUrl>/jobs); null: no controller'),
};

const hoursInOrder = (c: { openMinute?: number; closeMinute?: number }, ctx: z.RefinementCtx) => {
  if (c.openMinute !== undefined && c.closeMinute !== undefined && c.closeMinute <= c.openMinute)
    ctx.addIssue({ code: 'custom', path: ['closeMinute'], message: 'must be after openMinute' });
};

export const ZCreateWorkCenterRequest = z
  .object({
    code: ZWorkCenterParams.shape.code,
    ...workCenterFields,
    slots: workCenterFields.slots.default(1),
    timezone: workCenterFields.timezone.default('Europe/Berlin'),
    workdays: workCenterFields.workdays.default([1, 2, 3, 4, 5]),
    openMinute: workCenterFields.openMinute.default(360),
    closeMinute: workCenterFields.closeMinute.default(1320),
    holidays: workCenterFields.holidays.default([]),
    labourPerHour: workCenterFields.labourPerHour.default(0),
    controllerUrl: workCenterFields.controllerUrl.default(null),
  })
  .strict()
  .superRefine(hoursInOrder);
export type TCreateWorkCenterRequest = z.infer<typeof ZCreateWorkCenterRequest>;

export const ZUpdateWorkCenterRequest = z
  .object(workCenterFields)
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'name at least one field to change')
  .superRefine(hoursInOrder);
export type TUpdateWorkCenterRequest = z.infer<typeof ZUpdateWorkCenterRequest>;
