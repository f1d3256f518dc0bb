// Messages of the service-ticket process, shared by the workflow and the API.
import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Category, Priority, SlaState, TicketStatus, VisitInfo, VisitOutcome } from './types';

export interface TicketProcessState {
  ticketNumber: string;
  status: TicketStatus;
  priority: Priority;
  category: Category;
  assignee?: string;
  team?: string;
  sla?: SlaState;
  visits: VisitInfo[];
  satisfaction?: number;
  invoice?: { number: string; totalCents: number };
  replacementOrders: string[];
  openTasks: string[];
  events: { at: string; step: string; note?: string }[];
}

export interface ResponseRequest {
  message: string;
  askCustomer: boolean;
  by: string;
}
export interface CustomerReply {
  message: string;
  by: string;
}
export interface PriorityChange {
  priority: Priority;
  reason: string;
  by: string;
}
export interface AssignmentRequest {
  agent: string;
  reason?: string;
  by: string;
}
export interface VisitRequest {
  technician?: string;
  slotStart?: string;
  parts: { sku: string; quantity: number }[];
  by: string;
}
export interface VisitReport {
  visit: string;
  outcome: VisitOutcome;
  minutesSpent: number;
  partsUsed: { sku: string; quantity: number }[];
  notes?: string;
  by: string;
}
export interface ResolutionRequest {
  resolution: string;
  by: string;
}
export interface ReplacementRequest {
  lines: { sku: string; quantity: number }[];
  by: string;
}
export interface ConfirmationRequest {
  decision: 'confirm' | 'reject';
  satisfaction?: number;
  comment?: string;
  by: string;
}

export const ticketStateQuery = defineQuery<TicketProcessState>('ticketState');
export const respondUpdate = defineUpdate<TicketProcessState, [ResponseRequest]>('respond');
export const customerReplyUpdate = defineUpdate<TicketProcessState, [CustomerReply]>('customerReply');
export const changePriorityUpdate = defineUpdate<TicketProcessState, [PriorityChange]>('changePriority');
export const assignUpdate = defineUpdate<TicketProcessState, [AssignmentRequest]>('assign');
export const scheduleVisitUpdate = defineUpdate<VisitInfo, [VisitRequest]>('scheduleVisit');
export const reportVisitUpdate = defineUpdate<{ visit: VisitInfo; rescheduled?: VisitInfo }, [VisitReport]>('reportVisit');
export const resolveUpdate = defineUpdate<TicketProcessState, [ResolutionRequest]>('resolve');
export const confirmResolutionUpdate = defineUpdate<TicketProcessState, [ConfirmationRequest]>('confirmResolution');

export const orderReplacementUpdate = defineUpdate<{ orderNumber: string; free: boolean }, [ReplacementRequest]>('orderReplacement');

export const ticketWorkflowId = (ticketNumber: string) => `ticket-${ticketNumber}`;

/** Any update of this process, for callers that send them generically. */
export type UpdateOf<R, A> = UpdateDefinition<R, [A]>;
