import type { EndpointGroup } from '../endpoint';
import {
  ZAssignmentRequest, ZConfirmationRequest, ZCreateTicketRequest, ZCustomerReplyRequest, ZListTicketsQuery, ZPriorityRequest,
  ZReplacementRequest, ZResolutionRequest, ZResponseRequest, ZTicketParams, ZVisitParams, ZVisitReportRequest, ZVisitRequest,
} from './tickets.schemas';

const t = ZTicketParams;

export const ticketEndpoints = {
  create: {
    method: 'post', path: '/api/tickets', summary: 'Open a service ticket and start its process (SLA clock, triage task)',
    access: { roles: ['agent', 'operator', 'customer'], note: 'a portal key only for its own customer' }, body: ZCreateTicketRequest,
    success: [200, 201], idempotent: true, stateful: true,
  },
  list: {
    method: 'get', path: '/api/tickets', summary: 'List tickets, filtered by status, priority, breached, assignee or customer, paginated (a portal key sees its own)',
    access: 'anyone', query: ZListTicketsQuery, returns: 'page', success: [200],
  },
  get: {
    method: 'get', path: '/api/tickets/{number}',
    summary: 'The ticket with SLA deadlines, business minutes left, visits, events, open tasks and live process state', access: 'anyone', params: t, success: [200],
  },
  respond: {
    method: 'post', path: '/api/tickets/{number}/responses',
    summary: 'Record a response (the first one meets the first-response SLA); askCustomer pauses the SLA until the customer replies',
    access: { roles: ['agent'] }, params: t, body: ZResponseRequest, success: [201], stateful: true,
  },
  customerReply: {
    method: 'post', path: '/api/tickets/{number}/customer-replies',
    summary: "Record the customer's reply; a waiting ticket resumes and its deadlines shift by the paused business time",
    access: { roles: ['customer', 'agent'] }, params: t, body: ZCustomerReplyRequest, success: [201], stateful: true,
  },
  priority: {
    method: 'post', path: '/api/tickets/{number}/priority', summary: 'Change the priority; SLA deadlines are recomputed from the start of the ticket',
    access: { roles: ['agent', 'supervisor'] }, params: t, body: ZPriorityRequest, success: [200], stateful: true,
  },
  assignment: {
    method: 'post', path: '/api/tickets/{number}/assignment', summary: 'Reassign the ticket to another agent',
    access: { roles: ['supervisor'] }, params: t, body: ZAssignmentRequest, success: [200], stateful: true,
  },
  scheduleVisit: {
    method: 'post', path: '/api/tickets/{number}/visits', summary: 'Schedule a field visit in a free technician slot and reserve spare parts',
    access: { roles: ['agent', 'supervisor'] }, params: t, body: ZVisitRequest, success: [201], stateful: true,
  },
  reportVisit: {
    method: 'post', path: '/api/tickets/{number}/visits/{visit}/report',
    summary: 'Report a visit: parts used are booked out of stock, the rest released; failed or no-show visits are rebooked',
    access: { roles: ['technician', 'supervisor'], note: 'a technician only their own visits' }, params: ZVisitParams, body: ZVisitReportRequest,
    success: [200], stateful: true,
  },
  replacementOrder: {
    method: 'post', path: '/api/tickets/{number}/replacement-orders',
    summary: 'Send the customer a replacement: a sales order (free under warranty) delivered by its own order-to-delivery process',
    access: { roles: ['agent', 'supervisor'] }, params: t, body: ZReplacementRequest, success: [201], stateful: true,
  },
  resolve: {
    method: 'post', path: '/api/tickets/{number}/resolution',
    summary: "Resolve the ticket; the customer's confirmation is requested and the ticket closes itself after TICKET_AUTO_CLOSE_DAYS",
    access: { roles: ['agent'] }, params: t, body: ZResolutionRequest, success: [200], stateful: true,
  },
  confirm: {
    method: 'post', path: '/api/tickets/{number}/confirmation',
    summary: 'Confirm (closes, billable work is invoiced) or reject (reopens) the resolution, with a satisfaction score 1–5',
    access: { roles: ['customer'] }, params: t, body: ZConfirmationRequest, success: [200], stateful: true,
  },
} satisfies EndpointGroup;
