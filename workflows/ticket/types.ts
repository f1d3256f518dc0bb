// Plain data of the service-ticket process, shared by its workflow, activities and the API.
import type { OrderPolicy } from '../order/types';

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const CATEGORIES = ['hardware', 'software', 'installation', 'billing', 'general'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CHANNELS = ['email', 'phone', 'portal', 'web'] as const;
export type TicketStatus = 'new' | 'open' | 'waiting_on_customer' | 'resolved' | 'closed';
export type SlaClock = 'first_response' | 'resolution';
export type VisitOutcome = 'completed' | 'failed' | 'no_show';

/** Timings of one ticket's process, fixed at its start from configuration. */
export interface TicketPolicy {
  /** Share of an SLA target after which a warning is raised (e.g. 80). */
  warningPercent: number;
  /** Days a resolved ticket waits for the customer's confirmation before closing itself. */
  autoCloseDays: number;
}

export interface TicketSnapshot {
  number: string;
  customerCode: string;
  category: Category;
  priority: Priority;
  assignee?: string;
  team?: string;
  underWarranty: boolean;
}

/** One SLA target as instants; absent once it is met. */
export interface SlaTarget {
  targetMinutes: number;
  dueAt: string;
  warnAt: string;
  breached: boolean;
}

/** The SLA clock of a ticket: deadlines already shifted by the business time spent paused. */
export interface SlaState {
  startedAt: string;
  pausedMinutes: number;
  pausedSince?: string;
  firstResponse?: SlaTarget;
  resolution?: SlaTarget;
}

export interface VisitInfo {
  number: string;
  technician: string;
  slotStart: string;
  slotEnd: string;
  status: 'scheduled' | VisitOutcome | 'cancelled';
  parts: { sku: string; reserved: number; used: number }[];
  minutesSpent?: number;
}

/** `orderPolicy` is what a replacement order's own process runs with; without it no replacement can be ordered. */
export interface TicketProcessInput {
  ticketNumber: string;
  policy: TicketPolicy;
  orderPolicy?: OrderPolicy;
}
