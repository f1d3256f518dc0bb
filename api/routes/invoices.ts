import { Router } from 'express';
import { z } from 'zod';
import { currentUser, requireRole } from '../auth';
import type { AppDeps } from '../deps';
import { getInvoiceView, payInvoice } from '../../domain/invoices/pay-invoice';
import { ZPaymentRequest } from './orders.schemas';

export const ZInvoiceParams = z.object({ number: z.string().regex(/^INV-\d{5,}$/, 'must look like INV-00001') });

export function invoicesRouter(deps: AppDeps): Router {
  const r = Router();
  r.get('/:number', async (req, res) => void res.json(await getInvoiceView(deps.operations, ZInvoiceParams.parse(req.params).number)));
  r.post('/:number/payments', requireRole('operator', 'manager'), async (req, res) => {
    const result = await payInvoice(deps.operations, ZInvoiceParams.parse(req.params).number, ZPaymentRequest.parse(req.body), currentUser(req).name);
    res.status(result.duplicate ? 200 : 201).json(result.invoice);
  });
  return r;
}
