import type { ViewOptions } from '../../domain/processes/live-state';
import type { Request } from 'express';
import { currentUser, isPortalUser } from '../auth';
import type { AppDeps } from '../deps';
import type { Handlers } from '../endpoint';
import { idempotencyOf } from '../idempotency-header';
import { notFound } from '../../domain/errors';
import { createReturn } from '../../domain/returns/create-return';
import { cancelReturn, receiveReturn } from '../../domain/returns/return-actions';
import type { ReturnProcessSettings } from '../../domain/returns/return-process';
import { getReturnView, listReturns } from '../../domain/returns/return-view';
import { ZCancelReturnRequest, ZCreateReturnRequest, ZListReturnsQuery, ZReturnParams, ZReturnReceiptRequest } from './returns.schemas';
import type { returnEndpoints } from './returns.endpoints';

export function returnHandlers(deps: AppDeps): Handlers<typeof returnEndpoints> {
  const { operations: db, temporal, policies } = deps;
  const view = (number: string, opts?: ViewOptions) => getReturnView(db, temporal, number, opts);
  // Replacements and send-backs are delivered as orders are, so they run with the order settings.
  const settings: ReturnProcessSettings = {
    policy: policies.returns,
    order: {
      policy: policies.order,
      procurementPolicy: policies.procurement,
      manufacturingPolicy: policies.manufacturing,
      ticketPolicy: policies.ticket,
    },
    manufacturingPolicy: policies.manufacturing,
    procurementPolicy: policies.procurement,
  };
  // A portal key is bound to one customer ('' matches none if it were configured without one).
  const portalCustomer = (req: Request) => {
    const user = currentUser(req);
    return isPortalUser(user) ? (user.customer ?? '') : undefined;
  };
  // A portal user may only see its own customer's returns; others' look as if they did not exist.
  const returnFor = async (req: Request) => {
    const { number } = ZReturnParams.parse(req.params);
    const customer = portalCustomer(req);
    if (customer !== undefined) {
      const r = await db.customerReturn.findUnique({ where: { number }, select: { customer: { select: { code: true } } } });
      if (r?.customer.code !== customer) throw notFound(`Return ${number}`);
    }
    return number;
  };

  return {
    create: async (req, res) => {
      const input = ZCreateReturnRequest.parse(req.body);
      const userName = currentUser(req).name;
      const { number, created } = await createReturn({
        db,
        temporal,
        process: settings,
        input,
        userName,
        portalCustomer: portalCustomer(req),
        keyed: idempotencyOf(req, userName, 'returns', input),
      });
      res
        .status(created ? 201 : 200)
        .location(`/api/returns/${number}`)
        .json(await view(number, { justStarted: created }));
    },

    list: async (req, res) => {
      const query = ZListReturnsQuery.parse(req.query);
      const customer = portalCustomer(req);
      res.json(await listReturns(db, customer !== undefined ? { ...query, customer } : query));
    },

    get: async (req, res) => {
      res.json(await view(await returnFor(req)));
    },

    receive: async (req, res) => {
      const { number } = ZReturnParams.parse(req.params);
      const receipt = await receiveReturn(db, temporal, number, ZReturnReceiptRequest.parse(req.body), currentUser(req).name);
      res.status(receipt.duplicate ? 200 : 201).json(receipt);
    },

    cancel: async (req, res) => {
      const number = await returnFor(req);
      const { reason } = ZCancelReturnRequest.parse(req.body);
      await cancelReturn(db, temporal, number, reason, currentUser(req).name);
      res.json(await view(number));
    },
  };
}
