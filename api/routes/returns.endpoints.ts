import type { EndpointGroup } from '../endpoint';
import {
  ZCancelReturnRequest,
  ZCreateReturnRequest,
  ZListReturnsQuery,
  ZReturnParams,
  ZReturnReceiptRequest,
  ZReturnView,
} from './returns.schemas';

export const returnEndpoints = {
  create: {
    method: 'post',
    path: '/api/returns',
    summary:
      'Request a customer return of delivered goods (refund, replacement or repair per line) and start its process (optional Idempotency-Key header)',
    access: { roles: ['operator', 'customer'], note: "a portal key only for its own customer's orders" },
    body: ZCreateReturnRequest,
    success: [200, 201],
    idempotent: true,
    stateful: true,
  },
  list: {
    method: 'get',
    path: '/api/returns',
    summary: 'List returns, filtered by status, customer or order, paginated (a portal key sees its own)',
    access: 'anyone',
    query: ZListReturnsQuery,
    returns: 'page',
    success: [200],
  },
  get: {
    method: 'get',
    path: '/api/returns/{number}',
    summary: 'The return with its lines, receipts, refunds, linked documents, open tasks and live process state',
    access: 'anyone',
    params: ZReturnParams,
    response: ZReturnView,
    success: [200],
  },
  receive: {
    method: 'post',
    path: '/api/returns/{number}/receipts',
    summary: 'Book returned goods arriving at the warehouse, possibly part of them (a repeated reference answers 200)',
    access: { roles: ['warehouse', 'operator'] },
    params: ZReturnParams,
    body: ZReturnReceiptRequest,
    success: [200, 201],
    stateful: true,
  },
  cancel: {
    method: 'post',
    path: '/api/returns/{number}/cancel',
    summary: 'Call the return off before anything arrived; its units may be returned again',
    access: { roles: ['operator', 'manager', 'customer'], note: 'a portal key only its own returns' },
    params: ZReturnParams,
    body: ZCancelReturnRequest,
    success: [200],
    stateful: true,
  },
} satisfies EndpointGroup;
