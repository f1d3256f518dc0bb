// People acting on a ticket: responses and questions, customer replies, priority, assignment,
// resolution and the customer's confirmation. Each is an update: the validator refuses what the
// ticket's state does not allow (→ 409), the handler records it and answers with the new state.
import { setHandler } from '@temporalio/workflow';
import { asRefusal } from '../shared/messages';
import { ops } from '../shared/activities';
import { REFUSAL } from '../shared/messages';
import { refuse, type TicketContext } from './context';
import { assignUpdate, changePriorityUpdate, confirmResolutionUpdate, customerReplyUpdate, resolveUpdate, respondUpdate } from './messages';

const now = () => new Date().toISOString();

export function handleConversation(ctx: TicketContext) {
  const n = ctx.ticketNumber;
  const notClosed = () => {
    if (ctx.closed) throw refuse(`Ticket ${n} is closed`);
  };

  setHandler(
    respondUpdate,
    async (r) => {
      const first = !ctx.state.events.some((e) => e.step === 'response');
      if (r.askCustomer) ctx.waiting = true;
      await ctx.record('response', r.by, { message: r.message, askCustomer: r.askCustomer }, first ? { firstRespondedAt: now() } : {});
      if (r.askCustomer) await ctx.sla('paused', r.by, { reason: 'waiting_on_customer' });
      else if (first) await ctx.sla();
      return ctx.snapshot();
    },
    {
      validator: (r) => {
        notClosed();
        if (ctx.resolved) throw refuse(`Ticket ${n} is resolved and waits for the customer's confirmation`);
        if (r.askCustomer && ctx.waiting) throw refuse(`Ticket ${n} is already waiting on the customer`);
      },
    },
  );

  setHandler(
    customerReplyUpdate,
    async (r) => {
      const resuming = ctx.waiting;
      ctx.waiting = false;
      await ctx.record('customer_reply', r.by, { message: r.message });
      if (resuming) await ctx.sla('resumed', r.by);
      return ctx.snapshot();
    },
    {
      validator: (_req) => {
        notClosed();
        if (ctx.resolved) throw refuse(`Ticket ${n} is resolved; confirm or reject the resolution instead`);
      },
    },
  );

  setHandler(
    changePriorityUpdate,
    async (p) => {
      const from = ctx.state.priority;
      ctx.state.priority = p.priority;
      await ctx.sla(); // the SLA clock must have started before the first change
      ctx.setSla(
        await ops.changeTicketPriority({
          ticketNumber: n,
          key: ctx.key('priority'),
          at: now(),
          priority: p.priority,
          reason: p.reason,
          by: p.by,
          warningPercent: ctx.policy.warningPercent,
        }),
      );
      ctx.note('priority_changed', `${from} → ${p.priority} by ${p.by}: ${p.reason}`);
      return ctx.snapshot();
    },
    {
      validator: (p) => {
        notClosed();
        if (p.priority === ctx.state.priority) throw refuse(`Ticket ${n} already has priority ${p.priority}`);
      },
    },
  );

  setHandler(
    assignUpdate,
    async (a) => {
      try {
        const r = await ops.assignTicket({ ticketNumber: n, key: ctx.key('assign'), at: now(), agent: a.agent, by: a.by });
        Object.assign(ctx.state, { assignee: r.assignee, team: r.team, status: ctx.status });
        ctx.note('assigned', `${r.name} (${r.team}) by ${a.by}${a.reason ? `: ${a.reason}` : ''}`);
        return ctx.snapshot();
      } catch (e) {
        return asRefusal(e);
      }
    },
    {
      validator: (a) => {
        notClosed();
        if (a.agent === ctx.state.assignee) throw refuse(`Ticket ${n} is already assigned to ${a.agent}`);
      },
    },
  );

  setHandler(
    resolveUpdate,
    async (r) => {
      ctx.resolved = true;
      ctx.resolutions++;
      await ctx.record('resolved', r.by, { resolution: r.resolution }, { resolvedAt: now() });
      await ctx.sla('paused', r.by, { reason: 'awaiting_confirmation' });
      await ctx.record('confirmation_requested', 'process', { autoCloseDays: ctx.policy.autoCloseDays });
      return ctx.snapshot();
    },
    {
      validator: (_req) => {
        notClosed();
        if (ctx.resolved) throw refuse(`Ticket ${n} is already resolved`);
        if (!ctx.state.assignee) throw refuse(`Ticket ${n} is not assigned yet; triage it first`);
        if (ctx.waiting) throw refuse(`Ticket ${n} is waiting on the customer; record their reply first`);
        const open = ctx.state.visits.find((v) => v.status === 'scheduled');
        if (open) throw refuse(`Visit ${open.number} is still scheduled; report it before resolving`);
      },
    },
  );

  setHandler(
    confirmResolutionUpdate,
    async (c) => {
      if (c.decision === 'confirm') {
        ctx.closed = true;
        ctx.state.satisfaction = c.satisfaction;
        await ctx.record(
          'closed',
          c.by,
          { confirmed: true, satisfaction: c.satisfaction, comment: c.comment },
          { closedAt: now(), ...(c.satisfaction ? { satisfaction: c.satisfaction } : {}) },
        );
      } else {
        ctx.resolved = false;
        await ctx.record(
          'reopened',
          c.by,
          { comment: c.comment, satisfaction: c.satisfaction },
          c.satisfaction ? { satisfaction: c.satisfaction } : {},
        );
        await ctx.sla('resumed', c.by);
      }
      return ctx.snapshot();
    },
    {
      validator: (c) => {
        if (!ctx.resolved || ctx.closed) throw refuse(`Ticket ${n} is ${ctx.status}; only a resolved ticket can be confirmed or rejected`);
        if (c.decision === 'reject' && !c.comment) throw refuse('Say what is still wrong when rejecting a resolution', REFUSAL.invalid);
      },
    },
  );
}
