import { Router } from 'express';
import { currentUser, requireRole } from '../auth';
import type { AppDeps } from '../deps';
import { createTicket } from '../../domain/tickets/create-ticket';
import * as actions from '../../domain/tickets/ticket-actions';
import { getTicketView, listTickets } from '../../domain/tickets/ticket-view';
import {
  ZAssignmentRequest, ZConfirmationRequest, ZCreateTicketRequest, ZCustomerReplyRequest, ZListTicketsQuery, ZPriorityRequest,
  ZReplacementRequest, ZResolutionRequest, ZResponseRequest, ZTicketParams, ZVisitParams, ZVisitReportRequest, ZVisitRequest,
} from './tickets.schemas';

export function ticketsRouter(deps: AppDeps): Router {
  const r = Router();
  const { operations: db, temporal } = deps;
  const view = (number: string) => getTicketView(db, temporal, number);
  const num = (params: unknown) => ZTicketParams.parse(params).number;

  r.post('/', requireRole('agent', 'operator', 'customer'), async (req, res) => {
    const input = ZCreateTicketRequest.parse(req.body);
    const number = await createTicket({ db, temporal, policy: deps.policies.ticket, orderPolicy: deps.policies.order, input, userName: currentUser(req).name });
    res.status(201).location(`/api/tickets/${number}`).json(await view(number));
  });

  r.get('/', async (req, res) => {
    res.json(await listTickets(db, ZListTicketsQuery.parse(req.query)));
  });

  r.get('/:number', async (req, res) => {
    res.json(await view(num(req.params)));
  });

  r.post('/:number/responses', requireRole('agent'), async (req, res) => {
    const number = num(req.params);
    await actions.respond(db, temporal, number, ZResponseRequest.parse(req.body), currentUser(req).name);
    res.status(201).json(await view(number));
  });

  r.post('/:number/customer-replies', requireRole('customer', 'agent'), async (req, res) => {
    const number = num(req.params);
    await actions.customerReply(db, temporal, number, ZCustomerReplyRequest.parse(req.body), currentUser(req).name);
    res.status(201).json(await view(number));
  });

  r.post('/:number/priority', requireRole('agent', 'supervisor'), async (req, res) => {
    const number = num(req.params);
    await actions.changePriority(db, temporal, number, ZPriorityRequest.parse(req.body), currentUser(req).name);
    res.json(await view(number));
  });

  r.post('/:number/assignment', requireRole('supervisor'), async (req, res) => {
    const number = num(req.params);
    await actions.assign(db, temporal, number, ZAssignmentRequest.parse(req.body), currentUser(req).name);
    res.json(await view(number));
  });

  r.post('/:number/visits', requireRole('agent', 'supervisor'), async (req, res) => {
    const number = num(req.params);
    const visit = await actions.scheduleVisit(db, temporal, number, ZVisitRequest.parse(req.body), currentUser(req).name);
    res.status(201).json(visit);
  });

  r.post('/:number/visits/:visit/report', requireRole('technician', 'supervisor'), async (req, res) => {
    const { number, visit } = ZVisitParams.parse(req.params);
    res.json(await actions.reportVisit(db, temporal, number, visit, ZVisitReportRequest.parse(req.body), currentUser(req)));
  });

  r.post('/:number/replacement-orders', requireRole('agent', 'supervisor'), async (req, res) => {
    const number = num(req.params);
    const order = await actions.orderReplacement(db, temporal, number, ZReplacementRequest.parse(req.body), currentUser(req).name);
    res.status(201).location(`/api/orders/${order.orderNumber}`).json(order);
  });

  r.post('/:number/resolution', requireRole('agent'), async (req, res) => {
    const number = num(req.params);
    await actions.resolve(db, temporal, number, ZResolutionRequest.parse(req.body), currentUser(req).name);
    res.json(await view(number));
  });

  r.post('/:number/confirmation', requireRole('customer'), async (req, res) => {
    const number = num(req.params);
    await actions.confirmResolution(db, temporal, number, ZConfirmationRequest.parse(req.body), currentUser(req).name);
    res.json(await view(number));
  });

  return r;
}
