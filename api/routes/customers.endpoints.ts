import type { EndpointGroup } from '../endpoint';
import { ZCreateCustomerRequest, ZCustomerParams, ZListCustomersQuery, ZUpdateCustomerRequest } from './customers.schemas';

export const customerEndpoints = {
  list: {
    method: 'get',
    path: '/api/customers',
    summary: 'Customers with their terms, filtered by text in code or name, paginated',
    access: 'staff',
    query: ZListCustomersQuery,
    returns: 'page',
    success: [200],
  },
  get: {
    method: 'get',
    path: '/api/customers/{code}',
    summary: 'A customer: terms, credit limit, open receivables, overdue amount, open orders not yet invoiced and the exposure they make',
    access: 'staff',
    params: ZCustomerParams,
    success: [200],
  },
  create: {
    method: 'post',
    path: '/api/customers',
    summary: 'Create a customer (a code that exists is refused with 409)',
    access: { roles: ['manager'] },
    body: ZCreateCustomerRequest,
    success: [201],
    stateful: true,
  },
  update: {
    method: 'patch',
    path: '/api/customers/{code}',
    summary: 'Change the fields given of a customer (credit limit, terms, …); orders checked from then on use the new limit',
    access: { roles: ['manager'] },
    params: ZCustomerParams,
    body: ZUpdateCustomerRequest,
    success: [200],
  },
} satisfies EndpointGroup;
