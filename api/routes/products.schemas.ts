import { z } from 'zod';
import { money, percent } from './money.schemas';

/** Codes of master records (SKUs, customer and supplier codes) as the rest of the API writes them. */
export const code = (what: string, example: string) =>
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, `must be a ${what} such as ${example} (letters, digits, . _ -)`);

export const ZSku = code('SKU', 'CMP-001');

// A plain pattern rather than a format: the document then says exactly what the server accepts
// (formats for e-mail differ between validators, so a checker and the server would disagree).
export const ZEmail = z
  .string()
  .max(200)
  .regex(/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/, 'must be an e-mail address such as billing@example.com');

export const page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export const PRODUCT_KINDS = ['stocked', 'manufactured', 'component', 'service'] as const;

export const ZProductParams = z.object({ sku: ZSku });

export const ZListProductsQuery = z
  .object({
    kind: z.enum(PRODUCT_KINDS).optional(),
    category: z.string().min(1).max(50).optional().describe('Return policy category, e.g. general'),
    q: z.string().trim().min(1).max(100).optional().describe('Part of the SKU or name'),
    active: z.enum(['true', 'false']).optional().describe('Only active (true) or retired (false) products; default all'),
    ...page,
  })
  .strict();

const productFields = {
  name: z.string().trim().min(1).max(200),
  uom: z.string().trim().min(1).max(20).describe('Unit of measure, e.g. pcs'),
  kind: z.enum(PRODUCT_KINDS),
  listPrice: money.describe('Sales price before tax, e.g. 49.90'),
  standardCost: money.describe('Valuation cost per unit, e.g. 21.00'),
  taxRate: percent.describe('Sales tax in percent, e.g. 19'),
  reorderPoint: z.number().int().min(0).max(1_000_000).describe('Free stock at or below which a requisition is raised'),
  makeToOrder: z.boolean().describe('Made for each order rather than sold from stock'),
  inspectOnReceipt: z.boolean().describe('Goods received from suppliers wait in quality control (QC) until passed'),
  category: z.string().trim().min(1).max(50).describe("Return policy category; 'general' or one with a return policy"),
  active: z.boolean().describe('Retired products (false) are kept for history'),
};

export const ZCreateProductRequest = z
  .object({
    sku: ZSku,
    ...productFields,
    uom: productFields.uom.default('pcs'),
    taxRate: productFields.taxRate.default(20),
    reorderPoint: productFields.reorderPoint.default(0),
    makeToOrder: productFields.makeToOrder.default(false),
    inspectOnReceipt: productFields.inspectOnReceipt.default(false),
    category: productFields.category.default('general'),
    active: productFields.active.default(true),
  })
  .strict();
export type TCreateProductRequest = z.infer<typeof ZCreateProductRequest>;

export const ZUpdateProductRequest = z
  .object(productFields)
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'name at least one field to change');
export type TUpdateProductRequest = z.infer<typeof ZUpdateProductRequest>;
