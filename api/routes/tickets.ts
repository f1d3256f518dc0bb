import type { ViewOptions } from '../../domain/processes/live-state';
import type { Request } from 'express';
import { currentUser, isPortalUser } from '../auth';
import { AppError, AppErrorCode, notFound } from '../../domain/errors';
import type { AppDeps } from '../deps';
import type { Handlers } from '../endpoint';
import { idempotencyOf } from '../idempotency-header';
import { createTicket } from '../../domain/tickets/create-ticket';
import * as actions from '../../domain/tickets/ticket-actions';
import { getTicketView, listTickets } from '../../domain/tickets/ticket-view';
import {
  ZAssignmentRequest,
  ZConfirmationRequest,
  ZCreateTicketRequest,
  ZCustomerReplyRequest,
  ZListTicketsQuery,
  ZPriorityRequest,
  ZReplacementRequest,
  ZResolutionRequest,
  ZResponseRequest,
  ZTicketParams,
  ZVisitParams,
  ZVisitReportRequest,
  ZVisitRequest,
} from './tickets.schemas';
import type { ticketEndpoints } from './tickets.endpoints';

export function ticketHandlers(deps: AppDeps): Handlers<typeof ticketEndpoints> {
  const { operations: db, temporal } = deps;
  const view = (number: string, opts?: ViewOptions) => getTicketView(db, temporal, number, opts);
  const num = (params: unknown) => ZTicketParams.parse(params).number;
  // A portal user may only see its own customer's tickets; others' look as if they did not exist.
  const ticketFor = async (req: Request) => {
    const number = num(req.params);
    const user = currentUser(req);
    if (isPortalUser(user)) {
      const t = await db.ticket.findUnique({ where: { number }, select: { customerId: true } });
      const c = t && (await db.customer.findUnique({ where: { id: t.customerId }, select: { code: true } }));
      if (c?.code !== user.customer) throw notFound(`Ticket ${number}`);
    }
    return number;
  };

  return {
    create: async (req, res) => {
      const input = ZCreateTicketRequest.parse(req.body);
      const user = currentUser(req);
      if (isPortalUser(user) && input.customer !== user.customer) {
        throw new AppError(AppErrorCode.FORBIDDEN, { message: `This portal key may only open tickets for customer ${user.customer}` });
      }
      const { number, created } = await createTicket({
        db,
        temporal,
        policy: deps.policies.ticket,
        orderPolicy: deps.policies.order,
        input,
        userName: user.name,
        keyed: idempotencyOf(req, user.name, 'tickets', input),
      });
      res
        .status(created ? 201 : 200)
        .location(`/api/tickets/${number}`)
        .json(await view(number, { justStarted: created }));
    },

    list: async (req, res) => {
      const user = currentUser(req);
      const query = ZListTicketsQuery.parse(req.query);
      res.json(await listTickets(db, isPortalUser(user) ? { ...query, customer: user.customer } : query));
    },

    get: async (req, res) => {
      res.json(await view(await ticketFor(req)));
    },

    respond: async (req, res) => {
      const number = num(req.params);
      await actions.respond(db, temporal, number, ZResponseRequest.parse(req.body), currentUser(req).name);
      res.status(201).json(await view(number));
    },

    customerReply: async (req, res) => {
      const number = await ticketFor(req);
      await actions.customerReply(db, temporal, number, ZCustomerReplyRequest.parse(req.body), currentUser(req).name);
      res.status(201).json(await view(number));
    },

    priority: async (req, res) => {
      const number = num(req.params);
      await actions.changePriority(db, temporal, number, ZPriorityRequest.parse(req.body), currentUser(req).name);
      res.json(await view(number));
    },

    assignment: async (req, res) => {
      const number = num(req.params);
      await actions.assign(db, temporal, number, ZAssignmentRequest.parse(req.body), currentUser(req).name);
      res.json(await view(number));
    },

    scheduleVisit: async (req, res) => {
      const number = num(req.params);
      const visit = await actions.scheduleVisit(db, temporal, number, ZVisitRequest.parse(req.body), currentUser(req).name);
      res.status(201).json(visit);
    },

    reportVisit: async (req, res) => {
      const { number, visit } = ZVisitParams.parse(req.params);
      res.json(await actions.reportVisit(db, temporal, number, visit, ZVisitReportRequest.parse(req.body), currentUser(req)));
    },

    replacementOrder: async (req, res) => {
      const number = num(req.params);
      const order = await actions.orderReplacement(db, temporal, number, ZReplacementRequest.parse(req.body), currentUser(req).name);
      res.status(201).location(`/api/orders/${order.orderNumber}`).json(order);
    },

    resolve: async (req, res) => {
      const number = num(req.params);
      await actions.resolve(db, temporal, number, ZResolutionRequest.parse(req.body), currentUser(req).name);
      res.json(await view(number));
    },

    confirm: async (req, res) => {
      const number = await ticketFor(req);
      await actions.confirmResolution(db, temporal, number, ZConfirmationRequest.parse(req.body), currentUser(req).name);
      res.json(await view(number));
    },
  };
}
