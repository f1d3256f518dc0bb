import { z } from 'zod';
import { money } from './money.schemas';
import { ZEmail, code, page } from './products.schemas';

export const ZCustomerParams = z.object({ code: code('customer code', 'C-0001') });

export const ZListCustomersQuery = z
  .object({ q: z.string().trim().min(1).max(100).optional().describe('Part of the code or name'), ...page })
  .strict();

const customerFields = {
  name: z.string().trim().min(1).max(200),
  email: ZEmail.describe('Where invoices and reminders go'),
  tier: z.enum(['standard', 'gold', 'platinum']).describe('Service level: decides the SLA of its tickets'),
  creditLimit: money.describe('Most the customer may owe, open orders included, e.g. 10000'),
  paymentTermDays: z.number().int().min(0).max(365).describe('Days from invoice to due date'),
  invoicePolicy: z.enum(['delivered', 'ordered']).describe('delivered: invoice what was delivered; ordered: invoice the order up front'),
};

export const ZCreateCustomerRequest = z
  .object({
    code: code('customer code', 'C-0001'),
    ...customerFields,
    tier: customerFields.tier.default('standard'),
    paymentTermDays: customerFields.paymentTermDays.default(30),
    invoicePolicy: customerFields.invoicePolicy.default('delivered'),
  })
  .strict();
export type TCreateCustomerRequest = z.infer<typeof ZCreateCustomerRequest>;

export const ZUpdateCustomerRequest = z
  .object(customerFields)
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'name at least one field to change');
export type TUpdateCustomerRequest = z.infer<typeof ZUpdateCustomerRequest>;
