import type { EndpointGroup } from '../endpoint';
import { ZCreateProductRequest, ZListProductsQuery, ZProductParams, ZUpdateProductRequest } from './products.schemas';

export const productEndpoints = {
  list: {
    method: 'get',
    path: '/api/products',
    summary: 'Products, filtered by kind, category, text in SKU or name, active; with sellable stock on hand and free',
    access: 'staff',
    query: ZListProductsQuery,
    returns: 'page',
    success: [200],
  },
  get: {
    method: 'get',
    path: '/api/products/{sku}',
    summary:
      'A product: its master data; per warehouse on hand, reserved, free, incoming from open purchase orders and backordered; its active bills of materials',
    access: 'staff',
    params: ZProductParams,
    success: [200],
  },
  create: {
    method: 'post',
    path: '/api/products',
    summary: 'Create a product (a SKU that exists is refused with 409)',
    access: { roles: ['manager'] },
    body: ZCreateProductRequest,
    success: [201],
    stateful: true,
  },
  update: {
    method: 'patch',
    path: '/api/products/{sku}',
    summary: 'Change the fields given of a product; the audit log keeps each change with its old value',
    access: { roles: ['manager'] },
    params: ZProductParams,
    body: ZUpdateProductRequest,
    success: [200],
  },
} satisfies EndpointGroup;
