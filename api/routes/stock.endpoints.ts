import type { EndpointGroup } from '../endpoint';
import { ZStockReceiptRequest } from './stock.schemas';

export const stockEndpoints = {
  receive: {
    method: 'post',
    path: '/api/stock/receipts',
    summary: 'Book received goods; waiting backorders are released (a repeated reference answers 200)',
    access: { roles: ['warehouse', 'operator'] },
    body: ZStockReceiptRequest,
    success: [200, 201],
    stateful: true,
  },
} satisfies EndpointGroup;
