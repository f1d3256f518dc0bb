import { currentUser } from '../auth';
import type { AppDeps } from '../deps';
import type { Handlers } from '../endpoint';
import { idempotencyOf } from '../idempotency-header';
import { createManufacturingOrder } from '../../domain/production/create-from-request';
import { cancelManufacturingOrder, getManufacturingOrderView, listManufacturingOrders } from '../../domain/production/mo-view';
import {
  ZCancelManufacturingOrderRequest,
  ZCreateManufacturingOrderRequest,
  ZListManufacturingOrdersQuery,
  ZManufacturingOrderParams,
} from './manufacturing.schemas';
import type { manufacturingEndpoints } from './manufacturing.endpoints';

export function manufacturingHandlers(deps: AppDeps): Handlers<typeof manufacturingEndpoints> {
  const stores = { operations: deps.operations, production: deps.production };
  const { temporal } = deps;
  return {
    create: async (req, res) => {
      const input = ZCreateManufacturingOrderRequest.parse(req.body);
      const userName = currentUser(req).name;
      const result = await createManufacturingOrder({
        stores,
        temporal,
        process: { policy: deps.policies.manufacturing, procurementPolicy: deps.policies.procurement },
        input,
        userName,
        keyed: idempotencyOf(req, userName, 'manufacturing-orders', input),
      });
      res
        .status(result.created ? 201 : 200)
        .location(`/api/manufacturing-orders/${result.number}`)
        .json(await getManufacturingOrderView(stores, temporal, result.number, { justStarted: result.created }));
    },

    list: async (req, res) => {
      res.json(await listManufacturingOrders(deps.production, ZListManufacturingOrdersQuery.parse(req.query)));
    },

    get: async (req, res) => {
      res.json(await getManufacturingOrderView(stores, temporal, ZManufacturingOrderParams.parse(req.params).number));
    },

    cancel: async (req, res) => {
      const { number } = ZManufacturingOrderParams.parse(req.params);
      const { reason } = ZCancelManufacturingOrderRequest.parse(req.body);
      await cancelManufacturingOrder(stores, temporal, number, reason, currentUser(req).name);
      res.json(await getManufacturingOrderView(stores, temporal, number));
    },
  };
}
