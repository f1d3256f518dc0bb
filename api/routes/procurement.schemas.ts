import { z } from 'zod';
import { money, positiveMoney } from './money.schemas';

/** Each PO line at most once per document: a line listed twice is a typing error, not two deliveries. */
const eachLineOnce = (lines: { lineNo: number }[], ctx: z.RefinementCtx) =>
  lines.forEach((l, i) => {
    if (lines.findIndex((o) => o.lineNo === l.lineNo) < i)
      ctx.addIssue({ code: 'custom', path: [i, 'lineNo'], message: `line ${l.lineNo} is listed twice` });
  });

export const ZCreateRequisitionRequest = z
  .object({
    costCenter: z.string().trim().min(2).max(50),
    justification: z.string().trim().min(5).max(2000),
    lines: z
      .array(
        z
          .object({
            sku: z.string().min(1),
            quantity: z.number().int().positive().max(1_000_000),
            neededBy: z.iso.date().describe('YYYY-MM-DD'),
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict();
export type TCreateRequisitionRequest = z.infer<typeof ZCreateRequisitionRequest>;

export const ZRequisitionParams = z.object({ number: z.string().regex(/^REQ-\d{5,}$/, 'must look like REQ-00001') });
export const ZPurchaseOrderParams = z.object({ number: z.string().regex(/^PO-\d{5,}$/, 'must look like PO-00001') });

export const ZListRequisitionsQuery = z
  .object({
    status: z.string().optional(),
    requester: z.string().optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const ZCancelRequisitionRequest = z.object({ reason: z.string().trim().min(3).max(500) }).strict();

export const ZGoodsReceiptRequest = z
  .object({
    reference: z.string().trim().min(3).max(100).describe('Delivery note; booking it twice adds nothing'),
    lines: z
      .array(z.object({ lineNo: z.number().int().positive(), quantity: z.number().int().positive().max(1_000_000) }).strict())
      .min(1)
      .max(500)
      .superRefine(eachLineOnce),
  })
  .strict();

export const ZSupplierInvoiceRequest = z
  .object({
    supplierRef: z.string().trim().min(1).max(100).describe("The supplier's invoice number"),
    invoiceDate: z.iso.date(),
    lines: z
      .array(
        z.object({ lineNo: z.number().int().positive(), quantity: z.number().int().positive().max(1_000_000), unitPrice: money }).strict(),
      )
      .min(1)
      .max(500)
      .superRefine(eachLineOnce),
  })
  .strict();

export const ZCreditNoteRequest = z
  .object({
    supplierRef: z.string().trim().min(1).max(100),
    amount: positiveMoney,
  })
  .strict();

export const ZCloseShortRequest = z.object({ reason: z.string().trim().min(3).max(500) }).strict();

export const INSPECTION_STATUSES = ['pending', 'passed', 'rejected'] as const;
export const ZListIncomingInspectionsQuery = z
  .object({
    status: z.enum(INSPECTION_STATUSES).optional().describe('pending: held in quality; rejected: returned to the supplier'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
