import { z } from 'zod';

export const ZInvoiceParams = z.object({ number: z.string().regex(/^INV-\d{5,}$/, 'must look like INV-00001') });
