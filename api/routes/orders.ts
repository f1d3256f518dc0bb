import { currentUser } from '../auth';
import type { AppDeps } from '../deps';
import type { Handlers } from '../endpoint';
import { idempotencyOf } from '../idempotency-header';
import { createOrder } from '../../domain/orders/create-order';
import { cancelOrder, confirmDelivery, recordPayment } from '../../domain/orders/order-actions';
import { getOrderView, listOrders } from '../../domain/orders/order-view';
import {
  ZCancelOrderRequest,
  ZCreateOrderRequest,
  ZDeliveryConfirmationRequest,
  ZListOrdersQuery,
  ZOrderParams,
  ZPaymentRequest,
} from './orders.schemas';
import type { orderEndpoints } from './orders.endpoints';

export function orderHandlers(deps: AppDeps): Handlers<typeof orderEndpoints> {
  const { operations: db, temporal } = deps;

  return {
    create: async (req, res) => {
      const input = ZCreateOrderRequest.parse(req.body);
      const userName = currentUser(req).name;
      const result = await createOrder({
        db,
        temporal,
        process: {
          policy: deps.policies.order,
          procurementPolicy: deps.policies.procurement,
          ticketPolicy: deps.policies.ticket,
          manufacturingPolicy: deps.policies.manufacturing,
        },
        input,
        userName,
        keyed: idempotencyOf(req, userName, 'orders', input),
      });
      res
        .status(result.created ? 201 : 200)
        .location(`/api/orders/${result.number}`)
        .json(await getOrderView(db, temporal, result.number, { justStarted: result.created }));
    },

    list: async (req, res) => {
      res.json(await listOrders(db, ZListOrdersQuery.parse(req.query)));
    },

    get: async (req, res) => {
      res.json(await getOrderView(db, temporal, ZOrderParams.parse(req.params).number));
    },

    cancel: async (req, res) => {
      const { number } = ZOrderParams.parse(req.params);
      const { reason } = ZCancelOrderRequest.parse(req.body);
      await cancelOrder(db, temporal, number, reason, currentUser(req).name);
      res.json(await getOrderView(db, temporal, number));
    },

    confirmDelivery: async (req, res) => {
      const { number } = ZOrderParams.parse(req.params);
      const shipment = await confirmDelivery(
        db,
        temporal,
        number,
        ZDeliveryConfirmationRequest.parse(req.body ?? {}),
        currentUser(req).name,
      );
      res.json(shipment);
    },

    pay: async (req, res) => {
      const { number } = ZOrderParams.parse(req.params);
      const result = await recordPayment(db, temporal, number, ZPaymentRequest.parse(req.body), currentUser(req).name);
      res.status(result.duplicate ? 200 : 201).json(result);
    },
  };
}
