import { z } from 'zod';

const requestNumber = z.string().regex(/^MNT-\d{5,}$/, 'must look like MNT-00001');

export const ZCreateMaintenanceRequest = z
  .object({
    workCenter: z.string().regex(/^[A-Z0-9][A-Z0-9_-]{0,31}$/, 'must be a work center code such as CUT or ASM'),
    reason: z.string().trim().min(3).max(500).describe('What is wrong with the machine'),
  })
  .strict();
export type TCreateMaintenanceRequest = z.infer<typeof ZCreateMaintenanceRequest>;

export const ZMaintenanceRequestParams = z.object({ number: requestNumber });

export const ZListMaintenanceRequestsQuery = z
  .object({
    workCenter: z.string().min(1).max(32).optional(),
    status: z.enum(['open', 'scheduled', 'in_progress', 'escalated', 'done', 'failed', 'cancelled']).optional(),
    kind: z.enum(['corrective', 'preventive']).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const ZMaintenancePartRequest = z
  .object({
    sku: z.string().min(1).max(100).describe('Spare part, taken from free shop stock'),
    quantity: z.number().int().positive().max(10_000),
  })
  .strict();

export const ZMaintenanceLabourRequest = z
  .object({ minutes: z.number().int().positive().max(10_000).describe('Technician minutes spent on the repair') })
  .strict();
