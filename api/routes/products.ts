import { currentUser } from '../auth';
import type { AppDeps } from '../deps';
import type { Handlers } from '../endpoint';
import { createProduct, updateProduct } from '../../domain/master-data/products';
import { getProduct, listProducts } from '../../domain/master-data/product-stock';
import type { productEndpoints } from './products.endpoints';
import { ZCreateProductRequest, ZListProductsQuery, ZProductParams, ZUpdateProductRequest } from './products.schemas';

export function productHandlers(deps: AppDeps): Handlers<typeof productEndpoints> {
  const db = deps.operations;
  return {
    list: async (req, res) => {
      res.json(await listProducts(db, ZListProductsQuery.parse(req.query)));
    },
    get: async (req, res) => {
      res.json(await getProduct(db, deps.production, ZProductParams.parse(req.params).sku));
    },
    create: async (req, res) => {
      res.status(201).json(await createProduct(db, ZCreateProductRequest.parse(req.body), currentUser(req).name));
    },
    update: async (req, res) => {
      const { sku } = ZProductParams.parse(req.params);
      res.json(await updateProduct(db, sku, ZUpdateProductRequest.parse(req.body), currentUser(req).name));
    },
  };
}
