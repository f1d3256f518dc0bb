// Ticket record, events and SLA clock. Every write carries a key derived from the process and
// step, so a retried step finds its first result instead of writing twice.
import type { OperationsDb, OperationsTx } from '../../db/clients';
import { once } from '../../db/idempotency';
import { invalid, notFound } from '../../domain/errors';
import { pausedBusinessMinutes, raisedPriority, slaTarget } from '../../domain/tickets/sla';
import { agreedPriority, slaPolicyFor } from '../../domain/tickets/service-calendar';
import type { Category, Priority, SlaClock, SlaState, TicketSnapshot, TicketStatus } from '../../workflows/ticket/types';
import { audit } from './ledger';

export interface TicketEventInput {
  ticketNumber: string;
  key: string;
  at: string;
  kind: string;
  actor: string;
  data?: object;
}
export interface TicketFields {
  status?: TicketStatus;
  category?: Category;
  firstRespondedAt?: string;
  resolvedAt?: string;
  closedAt?: string;
  satisfaction?: number;
}

export async function ticketByNumber(tx: OperationsDb | OperationsTx, number: string) {
  const t = await tx.ticket.findUnique({ where: { number } });
  if (!t) throw notFound(`Ticket ${number}`);
  // Tickets reference their customer by id only (no relation in the schema), so it is read beside.
  const customer = await tx.customer.findUniqueOrThrow({ where: { id: t.customerId } });
  return { ...t, customer };
}

/** Appends an event once (its key is unique). */
export async function addTicketEvent(tx: OperationsTx, ticketId: number, e: Omit<TicketEventInput, 'ticketNumber'>): Promise<void> {
  if (await tx.ticketEvent.findUnique({ where: { key: e.key } })) return;
  await tx.ticketEvent.create({
    data: { key: e.key, ticketId, at: new Date(e.at), kind: e.kind, actor: e.actor, data: JSON.stringify(e.data ?? {}) },
  });
}

/** Deadlines from the SLA start, the policy of the current priority and tier, and the paused business time. */
export async function computeSla(tx: OperationsTx, number: string, now: Date, warningPercent: number): Promise<SlaState> {
  const t = await ticketByNumber(tx, number);
  const started = await tx.ticketEvent.findFirst({ where: { ticketId: t.id, kind: 'sla_started' } });
  if (!started) throw new Error(`SLA clock of ${number} has not been started yet`);
  const policy = await slaPolicyFor(tx, await agreedPriority(tx, t.id, t.priority), t.customer.tier);
  const pauses = await tx.ticketEvent.findMany({ where: { ticketId: t.id, kind: { in: ['paused', 'resumed'] } }, orderBy: { id: 'asc' } });
  const paused = pausedBusinessMinutes(pauses, now, policy.calendar);
  const sla: SlaState = {
    startedAt: started.at.toISOString(),
    pausedMinutes: paused.minutes,
    ...(paused.pausedSince ? { pausedSince: paused.pausedSince.toISOString() } : {}),
  };
  if (!t.firstRespondedAt)
    sla.firstResponse = slaTarget(
      started.at,
      policy.firstResponseMinutes,
      paused.minutes,
      warningPercent,
      policy.calendar,
      t.breachedFirstResponse,
    );
  if (!t.closedAt)
    sla.resolution = slaTarget(started.at, policy.resolutionMinutes, paused.minutes, warningPercent, policy.calendar, t.breachedResolution);
  await tx.ticket.update({
    where: { id: t.id },
    data: {
      ...(sla.firstResponse ? { firstResponseDueAt: new Date(sla.firstResponse.dueAt) } : {}),
      ...(sla.resolution ? { resolutionDueAt: new Date(sla.resolution.dueAt) } : {}),
    },
  });
  return sla;
}

export function createTicketCoreActivities(db: OperationsDb) {
  return {
    async loadTicket(number: string): Promise<TicketSnapshot> {
      const t = await ticketByNumber(db, number);
      return {
        number: t.number,
        customerCode: t.customer.code,
        category: (t.category ?? 'general') as Category,
        priority: t.priority as Priority,
        assignee: t.assignee ?? undefined,
        team: t.team ?? undefined,
        underWarranty: t.underWarranty,
      };
    },

    /** Writes an event and the ticket fields it changes in one transaction. */
    async recordTicketEvent(input: TicketEventInput & { set?: TicketFields }): Promise<void> {
      await once(db, input.key, async (tx) => {
        const t = await ticketByNumber(tx, input.ticketNumber);
        const s = input.set ?? {};
        await tx.ticket.update({
          where: { id: t.id },
          data: {
            ...(s.status ? { status: s.status } : {}),
            ...(s.category ? { category: s.category } : {}),
            ...(s.firstRespondedAt ? { firstRespondedAt: new Date(s.firstRespondedAt) } : {}),
            ...(s.resolvedAt ? { resolvedAt: new Date(s.resolvedAt) } : {}),
            ...(s.closedAt ? { closedAt: new Date(s.closedAt) } : {}),
            ...(s.satisfaction ? { satisfaction: s.satisfaction } : {}),
          },
        });
        await addTicketEvent(tx, t.id, input);
        await audit(tx, input.actor, `ticket.${input.kind}`, 'Ticket', t.number, input.data ?? {});
        return true;
      });
    },

    /**
     * Starts, pauses, resumes or just re-reads the SLA clock and returns the deadlines. `event`
     * is 'sla_started', 'paused' or 'resumed'; without it the deadlines are only recomputed.
     */
    async updateTicketSla(input: {
      ticketNumber: string;
      at: string;
      warningPercent: number;
      event?: Omit<TicketEventInput, 'ticketNumber' | 'at'>;
    }): Promise<SlaState> {
      return db.$transaction(async (tx) => {
        if (input.event) {
          const t = await ticketByNumber(tx, input.ticketNumber);
          await addTicketEvent(tx, t.id, { ...input.event, at: input.at });
        }
        return computeSla(tx, input.ticketNumber, new Date(input.at), input.warningPercent);
      });
    },

    async changeTicketPriority(input: {
      ticketNumber: string;
      key: string;
      at: string;
      priority: Priority;
      reason: string;
      by: string;
      warningPercent: number;
    }): Promise<SlaState> {
      await once(db, input.key, async (tx) => {
        const t = await ticketByNumber(tx, input.ticketNumber);
        await tx.ticket.update({ where: { id: t.id }, data: { priority: input.priority } });
        await addTicketEvent(tx, t.id, {
          key: input.key,
          at: input.at,
          kind: 'priority_changed',
          actor: input.by,
          data: { from: t.priority, to: input.priority, reason: input.reason },
        });
        await audit(tx, input.by, 'ticket.priority_changed', 'Ticket', t.number, {
          from: t.priority,
          to: input.priority,
          reason: input.reason,
        });
        return true;
      });
      return db.$transaction((tx) => computeSla(tx, input.ticketNumber, new Date(input.at), input.warningPercent));
    },

    async recordSlaWarning(input: { ticketNumber: string; key: string; at: string; clock: SlaClock; dueAt: string }): Promise<void> {
      await once(db, input.key, async (tx) => {
        const t = await ticketByNumber(tx, input.ticketNumber);
        await addTicketEvent(tx, t.id, {
          key: input.key,
          at: input.at,
          kind: 'sla_warning',
          actor: 'process',
          data: { clock: input.clock, dueAt: input.dueAt },
        });
        return true;
      });
    },

    /** Marks the breach and raises the priority one level; the agreed deadlines stay as they were. */
    async recordSlaBreach(input: {
      ticketNumber: string;
      key: string;
      at: string;
      clock: SlaClock;
      dueAt: string;
    }): Promise<{ priority: Priority }> {
      return once(db, input.key, async (tx) => {
        const t = await ticketByNumber(tx, input.ticketNumber);
        const priority = raisedPriority(t.priority as Priority);
        await tx.ticket.update({
          where: { id: t.id },
          data: { priority, ...(input.clock === 'first_response' ? { breachedFirstResponse: true } : { breachedResolution: true }) },
        });
        await addTicketEvent(tx, t.id, {
          key: input.key,
          at: input.at,
          kind: 'sla_breach',
          actor: 'process',
          data: { clock: input.clock, dueAt: input.dueAt, priority: { from: t.priority, to: priority } },
        });
        await audit(tx, 'process', 'ticket.sla_breach', 'Ticket', t.number, { clock: input.clock, priority });
        return { priority };
      });
    },

    /** Assigns to the named agent, or to the least-loaded active agent with the category as a skill. */
    async assignTicket(input: {
      ticketNumber: string;
      key: string;
      at: string;
      agent?: string;
      by: string;
    }): Promise<{ assignee: string; team: string; name: string }> {
      return once(db, input.key, async (tx) => {
        const t = await ticketByNumber(tx, input.ticketNumber);
        const agents = await tx.serviceAgent.findMany({ where: { kind: 'agent', active: true }, orderBy: { code: 'asc' } });
        let agent = input.agent ? agents.find((a) => a.code === input.agent) : undefined;
        if (input.agent && !agent) throw invalid('agent', `no active service agent with code ${input.agent}`);
        if (!agent) {
          const category = t.category ?? 'general';
          const skilled = agents.filter((a) =>
            a.skills
              .split(',')
              .map((s) => s.trim())
              .includes(category),
          );
          const pool = skilled.length ? skilled : agents;
          if (pool.length === 0) throw new Error('no active service agents to assign tickets to');
          const loads = await tx.ticket.groupBy({
            by: ['assignee'],
            where: { assignee: { in: pool.map((a) => a.code) }, status: { not: 'closed' } },
            _count: { _all: true },
          });
          const load = (code: string) => loads.find((l) => l.assignee === code)?._count._all ?? 0;
          agent = [...pool].sort((a, b) => load(a.code) - load(b.code) || a.code.localeCompare(b.code))[0];
        }
        await tx.ticket.update({
          where: { id: t.id },
          data: { assignee: agent.code, team: agent.team, ...(t.status === 'new' ? { status: 'open' } : {}) },
        });
        await addTicketEvent(tx, t.id, {
          key: input.key,
          at: input.at,
          kind: 'assigned',
          actor: input.by,
          data: { from: t.assignee, to: agent.code, team: agent.team },
        });
        await audit(tx, input.by, 'ticket.assigned', 'Ticket', t.number, { assignee: agent.code, team: agent.team });
        return { assignee: agent.code, team: agent.team, name: agent.name };
      });
    },
  };
}
