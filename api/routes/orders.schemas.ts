import { z } from 'zod';
import { ZAmount, ZCount, ZDay, ZLiveState, ZOpenTaskRef, ZTimestamp } from './view.schemas';
import { positiveMoney } from './money.schemas';

const orderNumber = z.string().regex(/^SO-\d{5,}$/, 'must look like SO-00001');

export const ZCreateOrderRequest = z
  .object({
    customer: z.string().min(1).describe('Customer code, e.g. C-0001'),
    warehouse: z.string().min(1).optional().describe('Warehouse code to ship from (default: MAIN)'),
    requestedDate: z.iso
      .date()
      // Compared as calendar dates in UTC: an order for today is fine, one for yesterday cannot be met.
      .refine((d) => d >= new Date().toISOString().slice(0, 10), 'must be today or later (UTC)')
      .describe('Requested delivery date, YYYY-MM-DD, today or later'),
    deliverySteps: z
      .union([z.literal(1), z.literal(2), z.literal(3)])
      .default(1)
      .describe('1: ship; 2: pick then ship; 3: pick, pack, then ship'),
    lines: z
      .array(
        z
          .object({
            sku: z.string().min(1),
            quantity: z.number().int().positive().max(1_000_000),
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict();
export type TCreateOrderRequest = z.infer<typeof ZCreateOrderRequest>;

export const ZOrderParams = z.object({ number: orderNumber });

export const ZListOrdersQuery = z
  .object({
    status: z.string().optional(),
    customer: z.string().optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export const ZCancelOrderRequest = z.object({ reason: z.string().trim().min(3).max(500) }).strict();

export const ZDeliveryConfirmationRequest = z
  .object({
    shipmentNumber: z
      .string()
      .regex(/^SO-\d{5,}-S\d+$/, 'must look like SO-00001-S1')
      .optional()
      .describe('Needed only when several shipments are in transit'),
    lines: z
      .array(z.object({ lineNo: z.number().int().positive(), deliveredQuantity: z.number().int().min(0).max(1_000_000) }).strict())
      .optional()
      .describe('Lines that arrived short; lines not listed arrived in full'),
  })
  .strict();

export const ZPaymentRequest = z
  .object({
    reference: z
      .string()
      .trim()
      .min(3)
      .max(100)
      .describe('Bank reference; applied once per invoice: a repeat answers 200 duplicate, the same reference with another amount 409'),
    amount: positiveMoney.describe('Amount in the invoice currency, e.g. 120.50'),
    method: z.enum(['bank_transfer', 'card', 'cash', 'cheque']).default('bank_transfer'),
  })
  .strict();

// --- responses

export const ZOrderView = z.object({
  number: z.string(),
  status: z.string(),
  customer: z.object({ code: z.string(), name: z.string() }),
  requestedDate: ZDay,
  deliverySteps: ZCount,
  net: ZAmount,
  tax: ZAmount,
  total: ZAmount,
  cancelReason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: ZTimestamp,
  lines: z.array(
    z.object({
      lineNo: ZCount,
      sku: z.string().optional(),
      name: z.string().optional(),
      quantity: ZCount,
      unitPrice: ZAmount,
      reserved: ZCount,
      backordered: ZCount,
      shipped: ZCount,
      delivered: ZCount,
      cancelled: ZCount,
    }),
  ),
  shipments: z.array(
    z.object({
      number: z.string(),
      status: z.string(),
      trackingNumber: z.string().nullable(),
      shippedAt: ZTimestamp.nullable(),
      deliveredAt: ZTimestamp.nullable(),
      deliveredBy: z.string().nullable(),
    }),
  ),
  invoices: z.array(
    z.object({
      number: z.string(),
      kind: z.enum(['invoice', 'credit_note']),
      status: z.string(),
      total: ZAmount,
      paid: ZAmount,
      /** Still owed (0 for a void or written-off invoice and for a credit note). */
      outstanding: ZAmount,
      dueAt: ZDay,
    }),
  ),
  openTasks: z.array(ZOpenTaskRef),
  process: ZLiveState,
});

export const ZOrderSummary = z.object({
  number: z.string(),
  status: z.string(),
  customer: z.string(),
  total: ZAmount,
  createdAt: ZTimestamp,
});
