import type { Endpoint } from '../endpoint';
import {
  ZAssignmentRequest, ZConfirmationRequest, ZCreateTicketRequest, ZCustomerReplyRequest, ZListTicketsQuery, ZPriorityRequest,
  ZReplacementRequest, ZResolutionRequest, ZResponseRequest, ZVisitReportRequest, ZVisitRequest,
} from './tickets.schemas';

export const ticketEndpoints: Endpoint[] = [
  { method: 'post', path: '/api/tickets', summary: 'Open a service ticket and start its process (SLA clock, triage task)', roles: 'agent, operator, customer', body: ZCreateTicketRequest },
  { method: 'get', path: '/api/tickets', summary: 'List tickets, filtered by status, priority, breached, assignee or customer, paginated', query: ZListTicketsQuery },
  { method: 'get', path: '/api/tickets/{number}', summary: 'The ticket with SLA deadlines, business minutes left, visits, events, open tasks and live process state' },
  { method: 'post', path: '/api/tickets/{number}/responses', summary: 'Record a response (the first one meets the first-response SLA); askCustomer pauses the SLA until the customer replies', roles: 'agent', body: ZResponseRequest },
  { method: 'post', path: '/api/tickets/{number}/customer-replies', summary: "Record the customer's reply; a waiting ticket resumes and its deadlines shift by the paused business time", roles: 'customer, agent', body: ZCustomerReplyRequest },
  { method: 'post', path: '/api/tickets/{number}/priority', summary: 'Change the priority; SLA deadlines are recomputed from the start of the ticket', roles: 'agent, supervisor', body: ZPriorityRequest },
  { method: 'post', path: '/api/tickets/{number}/assignment', summary: 'Reassign the ticket to another agent', roles: 'supervisor', body: ZAssignmentRequest },
  { method: 'post', path: '/api/tickets/{number}/visits', summary: 'Schedule a field visit in a free technician slot and reserve spare parts', roles: 'agent, supervisor', body: ZVisitRequest },
  { method: 'post', path: '/api/tickets/{number}/visits/{visit}/report', summary: 'Report a visit: parts used are booked out of stock, the rest released; failed or no-show visits are rebooked', roles: 'technician (their own visits), supervisor', body: ZVisitReportRequest },
  { method: 'post', path: '/api/tickets/{number}/replacement-orders', summary: 'Send the customer a replacement: a sales order (free under warranty) delivered by its own order-to-delivery process', roles: 'agent, supervisor', body: ZReplacementRequest },
  { method: 'post', path: '/api/tickets/{number}/resolution', summary: "Resolve the ticket; the customer's confirmation is requested and the ticket closes itself after TICKET_AUTO_CLOSE_DAYS", roles: 'agent', body: ZResolutionRequest },
  { method: 'post', path: '/api/tickets/{number}/confirmation', summary: 'Confirm (closes, billable work is invoiced) or reject (reopens) the resolution, with a satisfaction score 1–5', roles: 'customer', body: ZConfirmationRequest },
];
