import { currentUser } from '../auth';
import type { AppDeps } from '../deps';
import type { Handlers } from '../endpoint';
import { createSupplier, getSupplier, listSuppliers, setSupplierPrice, updateSupplier } from '../../domain/master-data/suppliers';
import type { supplierEndpoints } from './suppliers.endpoints';
import {
  ZCreateSupplierRequest,
  ZListSuppliersQuery,
  ZSupplierParams,
  ZSupplierPriceParams,
  ZSupplierPriceRequest,
  ZSupplierQuery,
  ZUpdateSupplierRequest,
} from './suppliers.schemas';

export function supplierHandlers(deps: AppDeps): Handlers<typeof supplierEndpoints> {
  const db = deps.operations;
  return {
    list: async (req, res) => {
      res.json(await listSuppliers(db, ZListSuppliersQuery.parse(req.query)));
    },
    get: async (req, res) => {
      res.json(await getSupplier(db, ZSupplierParams.parse(req.params).code, ZSupplierQuery.parse(req.query)));
    },
    create: async (req, res) => {
      res.status(201).json(await createSupplier(db, ZCreateSupplierRequest.parse(req.body), currentUser(req).name));
    },
    update: async (req, res) => {
      const { code } = ZSupplierParams.parse(req.params);
      res.json(await updateSupplier(db, code, ZUpdateSupplierRequest.parse(req.body), currentUser(req).name));
    },
    setPrice: async (req, res) => {
      const { code, sku } = ZSupplierPriceParams.parse(req.params);
      const result = await setSupplierPrice(db, code, sku, ZSupplierPriceRequest.parse(req.body), currentUser(req).name);
      res.status(result.created ? 201 : 200).json(result.entry);
    },
  };
}
