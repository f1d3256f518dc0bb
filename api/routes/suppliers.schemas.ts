import { z } from 'zod';
import { percent, positiveMoney } from './money.schemas';
import { ZEmail, ZSku, code, page } from './products.schemas';

const supplierCode = code('supplier code', 'S-001');

export const ZSupplierParams = z.object({ code: supplierCode });
export const ZSupplierPriceParams = z.object({ code: supplierCode, sku: ZSku });

export const ZListSuppliersQuery = z
  .object({ q: z.string().trim().min(1).max(100).optional().describe('Part of the code or name'), ...page })
  .strict();

export const ZSupplierQuery = z
  .object({
    receipts: z.coerce
      .number()
      .int()
      .min(1)
      .max(500)
      .default(20)
      .describe('How many of the latest goods receipts the on-time rate is taken over'),
  })
  .strict();

const supplierFields = {
  name: z.string().trim().min(1).max(200),
  email: ZEmail,
  apiUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .describe("Base URL of the supplier's order gateway; purchase orders are sent to <apiUrl>/orders"),
  paymentTermDays: z.number().int().min(0).max(365).describe('Days from their invoice to its due date'),
  earlyPayDiscount: percent.max(50).describe('Discount in percent for paying within earlyPayDays, e.g. 2'),
  earlyPayDays: z.number().int().min(0).max(365),
};

export const ZCreateSupplierRequest = z
  .object({
    code: supplierCode,
    ...supplierFields,
    paymentTermDays: supplierFields.paymentTermDays.default(30),
    earlyPayDiscount: supplierFields.earlyPayDiscount.default(0),
    earlyPayDays: supplierFields.earlyPayDays.default(0),
  })
  .strict();
export type TCreateSupplierRequest = z.infer<typeof ZCreateSupplierRequest>;

export const ZUpdateSupplierRequest = z
  .object(supplierFields)
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'name at least one field to change');
export type TUpdateSupplierRequest = z.infer<typeof ZUpdateSupplierRequest>;

export const ZSupplierPriceRequest = z
  .object({
    price: positiveMoney.describe('Price per unit, e.g. 4.20'),
    leadTimeDays: z.number().int().min(0).max(365),
    minOrderQty: z.number().int().min(1).max(1_000_000).default(1),
    preferred: z
      .boolean()
      .default(false)
      .describe("Requisitions buy from the preferred supplier; setting it clears the other suppliers' preference for the product"),
  })
  .strict();
export type TSupplierPriceRequest = z.infer<typeof ZSupplierPriceRequest>;
