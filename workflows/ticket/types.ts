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
  /**
   * History events after which an open ticket continues as a new run carrying its state (also when
   * the server suggests it). Absent: only on the server's suggestion.
   */
  continueAsNewAfterEvents?: number;
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
  /** Set by the ticket's own continue-as-new: the state of the run before, so this run goes on where it stopped. */
  carried?: TicketCarriedState;
}

/** What a ticket's run hands to the next when it continues as new (plain data, see TicketContext.carry). */
export interface TicketCarriedState {
  ticket: TicketSnapshot;
  state: import('./messages').TicketProcessState;
  waiting: boolean;
  resolved: boolean;
  closed: boolean;
  resolutions: number;
  warned: string[];
  /** The side-effect key counter: keys must never repeat across runs of the same workflow id. */
  seq: number;
  tasks: import('../shared/human-tasks').CarriedTasks;
  /** How many runs this ticket has had before this one. */
  runs: number;
}
