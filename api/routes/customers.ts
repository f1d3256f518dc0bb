import { currentUser } from '../auth';
import type { AppDeps } from '../deps';
import type { Handlers } from '../endpoint';
import { createCustomer, getCustomer, listCustomers, updateCustomer } from '../../domain/master-data/customers';
import type { customerEndpoints } from './customers.endpoints';
import { ZCreateCustomerRequest, ZCustomerParams, ZListCustomersQuery, ZUpdateCustomerRequest } from './customers.schemas';

export function customerHandlers(deps: AppDeps): Handlers<typeof customerEndpoints> {
  const db = deps.operations;
  return {
    list: async (req, res) => {
      res.json(await listCustomers(db, ZListCustomersQuery.parse(req.query)));
    },
    get: async (req, res) => {
      res.json(await getCustomer(db, ZCustomerParams.parse(req.params).code));
    },
    create: async (req, res) => {
      res.status(201).json(await createCustomer(db, ZCreateCustomerRequest.parse(req.body), currentUser(req).name));
    },
    update: async (req, res) => {
      const { code } = ZCustomerParams.parse(req.params);
      res.json(await updateCustomer(db, code, ZUpdateCustomerRequest.parse(req.body), currentUser(req).name));
    },
  };
}
