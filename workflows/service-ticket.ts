// Service ticket: SLA clock on the working calendar → triage → assignment → conversation, visits
// and resolution → customer confirmation (or auto-close) → invoice for billable work.
// Warnings, breaches and escalations run beside the main flow (sla-watch.ts).
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { ops } from './shared/activities';
import { TicketContext } from './ticket/context';
import { handleConversation } from './ticket/conversation';
import { handleReplacement } from './ticket/replacement';
import { ticketStateQuery, type TicketProcessState } from './ticket/messages';
import { watchSla } from './ticket/sla-watch';
import { triage } from './ticket/triage';
import type { TicketProcessInput } from './ticket/types';
import { handleVisits } from './ticket/visits';
import { publishIdentity } from './shared/visibility';

const DAY_MS = 86_400_000;

export async function serviceTicket(input: TicketProcessInput): Promise<TicketProcessState> {
  const ctx = new TicketContext(input.ticketNumber, input.policy, input.orderPolicy);
  setHandler(ticketStateQuery, () => ctx.snapshot());
  handleConversation(ctx);
  handleVisits(ctx);
  handleReplacement(ctx);

  ctx.ticket = await ops.loadTicket(input.ticketNumber);
  Object.assign(ctx.state, {
    priority: ctx.ticket.priority,
    category: ctx.ticket.category,
    assignee: ctx.ticket.assignee,
    team: ctx.ticket.team,
  });
  publishIdentity({ kind: 'ticket', document: input.ticketNumber, customer: ctx.ticket.customerCode, status: ctx.status });
  await ctx.sla('sla_started');
  const sla = watchSla(ctx);

  await triage(ctx);
  await untilClosed(ctx);

  const invoice = await ops.invoiceTicket({ ticketNumber: input.ticketNumber, at: new Date().toISOString() });
  if (invoice) {
    ctx.state.invoice = invoice;
    ctx.note('invoiced', `${invoice.number} ${(invoice.totalCents / 100).toFixed(2)}`);
  }
  await ctx.tasks.withdraw('ticket closed');
  await sla;
  await condition(allHandlersFinished);
  return ctx.snapshot();
}

/** A resolution waits autoCloseDays for the customer; silence closes the ticket, a rejection reopens it. */
async function untilClosed(ctx: TicketContext): Promise<void> {
  while (!ctx.closed) {
    await condition(() => ctx.closed || ctx.resolved);
    if (ctx.closed) return;
    const round = ctx.resolutions;
    const answered = await condition(() => ctx.closed || !ctx.resolved || ctx.resolutions !== round, ctx.policy.autoCloseDays * DAY_MS);
    if (answered) continue;
    ctx.closed = true;
    await ctx.record(
      'closed',
      'process',
      { confirmed: false, reason: `no answer from the customer within ${ctx.policy.autoCloseDays} days` },
      { closedAt: new Date().toISOString() },
    );
  }
}
