import { z } from 'zod';

const page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export const ZCreateQualityPointRequest = z
  .object({
    productSku: z.string().trim().min(1).max(100).describe('A product with an active bill of materials'),
    operationSequence: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('The routing step whose output is checked (e.g. 10); absent: the finished goods, after the last operation'),
    kind: z
      .enum(['measure', 'inspection'])
      .describe('measure: the machine measures, judged against the tolerance; inspection: a person decides'),
    characteristic: z
      .string()
      .trim()
      .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/, 'must be a measurement name such as diameter_mm')
      .optional()
      .describe('measure: the name of the measurement the machine reports'),
    minValue: z.number().finite().optional().describe('measure: lowest value that passes (inclusive)'),
    maxValue: z.number().finite().optional().describe('measure: highest value that passes (inclusive)'),
    onFail: z.enum(['rework', 'scrap']).default('rework').describe('measure: what a failed measurement leads to'),
    instructions: z.string().trim().max(2000).default('').describe('What the inspector looks at'),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.kind === 'measure') {
      if (!p.characteristic)
        ctx.addIssue({ code: 'custom', path: ['characteristic'], message: 'a measurement needs the characteristic it measures' });
      if (p.minValue === undefined && p.maxValue === undefined)
        ctx.addIssue({ code: 'custom', path: ['minValue'], message: 'a measurement needs minValue, maxValue or both' });
      if (p.minValue !== undefined && p.maxValue !== undefined && p.minValue > p.maxValue)
        ctx.addIssue({ code: 'custom', path: ['maxValue'], message: 'must not be below minValue' });
    } else {
      for (const field of ['characteristic', 'minValue', 'maxValue'] as const)
        if (p[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'only a measurement has it' });
    }
  });
export type TCreateQualityPointRequest = z.infer<typeof ZCreateQualityPointRequest>;

export const ZQualityPointParams = z.object({ id: z.string().regex(/^\d{1,9}$/, 'must be a quality point id') });

export const ZListQualityPointsQuery = z
  .object({
    product: z.string().min(1).max(100).optional(),
    active: z.enum(['true', 'false']).optional().describe('Only active (true) or deactivated (false) points; default all'),
    ...page,
  })
  .strict();

export const ZListQualityChecksQuery = z
  .object({
    status: z.enum(['pending', 'passed', 'failed']).optional(),
    workCenter: z
      .string()
      .regex(/^[A-Z0-9][A-Z0-9_-]{0,31}$/, 'must be a work center code such as CUT or ASM')
      .optional(),
    mo: z
      .string()
      .regex(/^MO-\d{5,}$/, 'must look like MO-00001')
      .optional(),
    ...page,
  })
  .strict();

export const ZListQualityAlertsQuery = z.object({ status: z.enum(['open', 'acknowledged']).optional(), ...page }).strict();
