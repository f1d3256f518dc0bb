import { z } from 'zod';

export const ZMaintenancePlanRequest = z
  .object({
    everyDays: z.number().int().min(1).max(3650).optional().describe('Service every this many days (or give everyOperatingHours)'),
    everyOperatingHours: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .describe('Service after this many hours of machine run time (checked daily; or give everyDays)'),
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(10_080)
      .describe('Working minutes the work center is taken out of the plan for each service'),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.everyDays === undefined && p.everyOperatingHours === undefined)
      ctx.addIssue({ code: 'custom', path: ['everyDays'], message: 'give everyDays or everyOperatingHours' });
    if (p.everyDays !== undefined && p.everyOperatingHours !== undefined)
      ctx.addIssue({ code: 'custom', path: ['everyOperatingHours'], message: 'give everyDays or everyOperatingHours, not both' });
  })
  // The same rule in the API document (a refinement does not show there): exactly one of the two.
  .meta({ oneOf: [{ required: ['everyDays'] }, { required: ['everyOperatingHours'] }] });
export type TMaintenancePlanRequest = z.infer<typeof ZMaintenancePlanRequest>;

export const ZMaintenanceRequestParams = z.object({ number: z.string().regex(/^MNT-\d{5,}$/, 'must look like MNT-00001') });

export const ZRescheduleMaintenanceRequest = z
  .object({
    plannedStart: z.iso
      .datetime({ offset: true })
      .regex(/^(19[7-9]\d|2\d{3})-/, 'must be in the years 1970 to 2999')
      .describe('New start of the window (ISO date-time); the next working instant of the work center from it'),
  })
  .strict();
