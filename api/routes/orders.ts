import { Router } from 'express';
import { requireRole, currentUser } from '../auth';
import type { AppDeps } from '../deps';
import { idempotencyOf } from '../idempotency-header';
import { createOrder } from '../../domain/orders/create-order';
import { cancelOrder, confirmDelivery, recordPayment } from '../../domain/orders/order-actions';
import { getOrderView, listOrders } from '../../domain/orders/order-view';
import { ZCancelOrderRequest, ZCreateOrderRequest, ZDeliveryConfirmationRequest, ZListOrdersQuery, ZOrderParams, ZPaymentRequest } from './orders.schemas';

export function ordersRouter(deps: AppDeps): Router {
  const r = Router();
  const { operations: db, temporal } = deps;

  r.post('/', requireRole('operator'), async (req, res) => {
    const input = ZCreateOrderRequest.parse(req.body);
    const userName = currentUser(req).name;
    const result = await createOrder({
      db, temporal, process: { policy: deps.policies.order, procurementPolicy: deps.policies.procurement, ticketPolicy: deps.policies.ticket }, input, userName, keyed: idempotencyOf(req, userName, 'orders', input),
    });
    res.status(result.created ? 201 : 200).location(`/api/orders/${result.number}`).json(await getOrderView(db, temporal, result.number));
  });

  r.get('/', async (req, res) => {
    res.json(await listOrders(db, ZListOrdersQuery.parse(req.query)));
  });

  r.get('/:number', async (req, res) => {
    res.json(await getOrderView(db, temporal, ZOrderParams.parse(req.params).number));
  });

  r.post('/:number/cancel', requireRole('operator', 'manager'), async (req, res) => {
    const { number } = ZOrderParams.parse(req.params);
    const { reason } = ZCancelOrderRequest.parse(req.body);
    await cancelOrder(db, temporal, number, reason, currentUser(req).name);
    res.json(await getOrderView(db, temporal, number));
  });

  r.post('/:number/delivery-confirmation', requireRole('operator', 'warehouse'), async (req, res) => {
    const { number } = ZOrderParams.parse(req.params);
    const shipment = await confirmDelivery(db, temporal, number, ZDeliveryConfirmationRequest.parse(req.body ?? {}), currentUser(req).name);
    res.json(shipment);
  });

  r.post('/:number/payments', requireRole('operator', 'manager'), async (req, res) => {
    const { number } = ZOrderParams.parse(req.params);
    const result = await recordPayment(db, temporal, number, ZPaymentRequest.parse(req.body), currentUser(req).name);
    res.status(result.duplicate ? 200 : 201).json(result);
  });

  return r;
}
