import type { EndpointGroup } from '../endpoint';
import {
  ZCreateSupplierRequest,
  ZListSuppliersQuery,
  ZSupplierParams,
  ZSupplierPriceParams,
  ZSupplierPriceRequest,
  ZSupplierQuery,
  ZUpdateSupplierRequest,
} from './suppliers.schemas';

export const supplierEndpoints = {
  list: {
    method: 'get',
    path: '/api/suppliers',
    summary: 'Suppliers with their terms, filtered by text in code or name, paginated',
    access: 'staff',
    query: ZListSuppliersQuery,
    returns: 'page',
    success: [200],
  },
  get: {
    method: 'get',
    path: '/api/suppliers/{code}',
    summary: 'A supplier: terms, price list (price, lead time, minimum order, preferred) and the on-time rate of its latest goods receipts',
    access: 'staff',
    params: ZSupplierParams,
    query: ZSupplierQuery,
    success: [200],
  },
  create: {
    method: 'post',
    path: '/api/suppliers',
    summary: 'Create a supplier (a code that exists is refused with 409)',
    access: { roles: ['manager'] },
    body: ZCreateSupplierRequest,
    success: [201],
    stateful: true,
  },
  update: {
    method: 'patch',
    path: '/api/suppliers/{code}',
    summary: 'Change the fields given of a supplier; purchase orders sent from then on use them',
    access: { roles: ['manager'] },
    params: ZSupplierParams,
    body: ZUpdateSupplierRequest,
    success: [200],
  },
  setPrice: {
    method: 'put',
    path: '/api/suppliers/{code}/prices/{sku}',
    summary: "Set the supplier's price list entry for a product (201 when it is new, 200 when it replaced one)",
    access: { roles: ['manager'] },
    params: ZSupplierPriceParams,
    body: ZSupplierPriceRequest,
    success: [200, 201],
  },
} satisfies EndpointGroup;
