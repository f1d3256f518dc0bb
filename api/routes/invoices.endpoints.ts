import type { EndpointGroup } from '../endpoint';
import { ZPaymentRequest } from './orders.schemas';
import { ZInvoiceParams } from './invoices.schemas';

export const invoiceEndpoints = {
  get: {
    method: 'get',
    path: '/api/invoices/{number}',
    summary: 'A customer invoice with its lines and payments',
    access: 'staff',
    params: ZInvoiceParams,
    success: [200],
  },
  pay: {
    method: 'post',
    path: '/api/invoices/{number}/payments',
    summary: "Record a payment on an invoice no order owns (e.g. service work); an order's invoice is paid on the order",
    access: { roles: ['operator', 'manager'] },
    params: ZInvoiceParams,
    body: ZPaymentRequest,
    success: [200, 201],
    stateful: true,
  },
} satisfies EndpointGroup;
