// Service ticket: SLA clock on the working calendar → triage → assignment → conversation, visits
// and resolution → customer confirmation (or auto-close) → invoice for billable work.
// Warnings, breaches and escalations run beside the main flow (sla-watch.ts). A ticket takes any
// number of updates: once its history grows long (the server's suggestion, or the policy's event
// count) an open ticket continues as a new run at a quiet moment, carrying its state.
import { allHandlersFinished, condition, makeContinueAsNewFunc, patched, setHandler, workflowInfo } from '@temporalio/workflow';
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
  if (input.carried) ctx.restore(input.carried);
  setHandler(ticketStateQuery, () => ctx.snapshot());
  handleConversation(ctx);
  handleVisits(ctx);
  handleReplacement(ctx);

  if (!input.carried) {
    ctx.ticket = await ops.loadTicket(input.ticketNumber);
    Object.assign(ctx.state, {
      priority: ctx.ticket.priority,
      category: ctx.ticket.category,
      assignee: ctx.ticket.assignee,
      team: ctx.ticket.team,
    });
  }
  // A continued run inherits its search attributes; this upserts only what differs (nothing, normally).
  publishIdentity({ kind: 'ticket', document: input.ticketNumber, customer: ctx.ticket.customerCode, status: ctx.status });
  if (!input.carried) await ctx.sla('sla_started');
  const sla = watchSla(ctx);

  // A continued run was triaged before: it goes straight back to the conversation.
  if (!input.carried) await triage(ctx);
  await untilClosed(ctx, input);

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

/**
 * A resolution waits autoCloseDays for the customer; silence closes the ticket, a rejection reopens it.
 * While open (not resolved), a long history continues the ticket as a new run.
 */
async function untilClosed(ctx: TicketContext, input: TicketProcessInput): Promise<void> {
  // Runs recorded before tickets could continue as new replay without it.
  const mayContinue = patched('ticket-continue-as-new');
  const timeToContinue = () => {
    if (!mayContinue) return false;
    const info = workflowInfo();
    const limit = ctx.policy.continueAsNewAfterEvents;
    return info.continueAsNewSuggested || (limit !== undefined && info.historyLength >= limit);
  };
  while (!ctx.closed) {
    await condition(() => ctx.closed || ctx.resolved || timeToContinue());
    if (ctx.closed) return;
    if (!ctx.resolved) {
      // A quiet moment: no update half-handled, no SLA warning or breach half-recorded.
      await condition(() => allHandlersFinished() && !ctx.slaBusy);
      if (ctx.closed || ctx.resolved) continue;
      const info = workflowInfo();
      ctx.note('continued_as_new', `run ${ctx.runs + 2} after ${info.historyLength} history events`);
      await makeContinueAsNewFunc<typeof serviceTicket>({ memo: info.memo, typedSearchAttributes: info.typedSearchAttributes })({
        ...input,
        carried: ctx.carry(),
      });
    }
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
