import { currentUser } from '../auth';
import type { AppDeps } from '../deps';
import type { Handlers } from '../endpoint';
import { getInvoiceView, payInvoice } from '../../domain/invoices/pay-invoice';
import type { invoiceEndpoints } from './invoices.endpoints';
import { ZInvoiceParams } from './invoices.schemas';
import { ZPaymentRequest } from './orders.schemas';

export function invoiceHandlers(deps: AppDeps): Handlers<typeof invoiceEndpoints> {
  return {
    get: async (req, res) => void res.json(await getInvoiceView(deps.operations, ZInvoiceParams.parse(req.params).number)),
    pay: async (req, res) => {
      const result = await payInvoice(
        deps.operations,
        ZInvoiceParams.parse(req.params).number,
        ZPaymentRequest.parse(req.body),
        currentUser(req).name,
      );
      res.status(result.duplicate ? 200 : 201).json(result.invoice);
    },
  };
}
