// Triage: an agent confirms the category (or picks another) and the priority is changed through
// its own update; then the ticket goes to the least-loaded agent with that skill.
import { ops } from '../shared/activities';
import type { TicketContext } from './context';
import { CATEGORIES, type Category } from './types';

export async function triage(ctx: TicketContext): Promise<void> {
  const current = ctx.state.category;
  const id = await ctx.tasks.ask({
    id: `${ctx.workflowId}:triage`,
    documentRef: ctx.ticketNumber,
    kind: 'ticket-triage',
    role: 'agent',
    decisions: ['confirm', ...CATEGORIES.filter((c) => c !== current).map((c) => `category:${c}`)],
    title: `Triage ticket ${ctx.ticketNumber} (${ctx.ticket.customerCode}, ${ctx.state.priority})`,
    description: `Category is ${current}. Confirm it, or choose category:<name> to move the ticket. Change the priority with POST /api/tickets/${ctx.ticketNumber}/priority.`,
  });
  // A supervisor may assign and the agent resolve before anyone triages; then triage is moot.
  const decision = await ctx.tasks.decision(id, undefined, () => ctx.resolved || ctx.closed);
  if (!decision) {
    await ctx.tasks.withdraw('ticket handled without triage', [id]);
  } else {
    const category = decision.decision.startsWith('category:') ? (decision.decision.slice('category:'.length) as Category) : current;
    ctx.state.category = category;
    await ctx.record('triaged', decision.decidedBy, { category, priority: ctx.state.priority, comment: decision.comment }, { category });
  }
  if (ctx.state.assignee || ctx.closed) return;
  const r = await ops.assignTicket({
    ticketNumber: ctx.ticketNumber,
    key: `${ctx.workflowId}:auto-assign`,
    at: new Date().toISOString(),
    by: 'process',
  });
  Object.assign(ctx.state, { assignee: r.assignee, team: r.team });
  ctx.state.status = ctx.status;
  ctx.publish();
  ctx.note('assigned', `${r.name} (${r.team})`);
}
