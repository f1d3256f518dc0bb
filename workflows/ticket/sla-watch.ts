// Watches the SLA deadlines of a running ticket: a warning at warningPercent of each target, then
// on the deadline a breach that escalates to the supervisors and raises the priority one level.
// Deadlines move (pause, resume, priority change), so the timer is re-armed whenever they do.
import { condition } from '@temporalio/workflow';
import { ops } from '../shared/activities';
import type { TicketContext } from './context';
import type { SlaClock, SlaState } from './types';

interface SlaStep {
  clock: SlaClock;
  kind: 'warning' | 'breach';
  at: number;
  dueAt: string;
}

/** The earliest warning or breach still ahead; none while the clock is paused. */
export function nextSlaStep(sla: SlaState | undefined, warned: Set<string>): SlaStep | undefined {
  if (!sla || sla.pausedSince) return undefined;
  const steps: SlaStep[] = [];
  for (const [clock, target] of [
    ['first_response', sla.firstResponse],
    ['resolution', sla.resolution],
  ] as const) {
    if (!target || target.breached) continue;
    if (!warned.has(clock) && target.warnAt < target.dueAt)
      steps.push({ clock, kind: 'warning', at: Date.parse(target.warnAt), dueAt: target.dueAt });
    steps.push({ clock, kind: 'breach', at: Date.parse(target.dueAt), dueAt: target.dueAt });
  }
  return steps.sort((a, b) => a.at - b.at)[0];
}

export async function watchSla(ctx: TicketContext): Promise<void> {
  while (!ctx.closed) {
    const version = ctx.slaVersion;
    const moved = () => ctx.slaVersion !== version || ctx.closed;
    const step = nextSlaStep(ctx.state.sla, ctx.warned);
    if (!step) {
      await condition(moved);
      continue;
    }
    const wait = step.at - Date.now();
    if (wait > 0 && (await condition(moved, wait))) continue;
    ctx.slaBusy = true;
    try {
      if (step.kind === 'warning') await warn(ctx, step);
      else await breach(ctx, step);
    } finally {
      ctx.slaBusy = false;
    }
  }
}

async function warn(ctx: TicketContext, step: SlaStep) {
  ctx.warned.add(step.clock);
  ctx.note('sla_warning', `${step.clock} due ${step.dueAt}`);
  await ops.recordSlaWarning({
    ticketNumber: ctx.ticketNumber,
    key: `${ctx.workflowId}:sla_warning:${step.clock}`,
    at: new Date().toISOString(),
    clock: step.clock,
    dueAt: step.dueAt,
  });
}

async function breach(ctx: TicketContext, step: SlaStep) {
  const sla = ctx.state.sla!;
  const target = step.clock === 'first_response' ? sla.firstResponse! : sla.resolution!;
  target.breached = true;
  const { priority } = await ops.recordSlaBreach({
    ticketNumber: ctx.ticketNumber,
    key: `${ctx.workflowId}:sla_breach:${step.clock}`,
    at: new Date().toISOString(),
    clock: step.clock,
    dueAt: step.dueAt,
  });
  const from = ctx.state.priority;
  ctx.state.priority = priority;
  ctx.note('sla_breach', `${step.clock} missed (due ${step.dueAt}); priority ${from} → ${priority}`);
  const what = step.clock === 'first_response' ? 'first response' : 'resolution';
  // The supervisor acts through the API (reassign, change priority); the task is the alarm and records who saw it.
  await ctx.tasks.ask({
    id: `${ctx.workflowId}:sla-escalation:${step.clock}`,
    documentRef: ctx.ticketNumber,
    kind: 'sla-escalation',
    role: 'supervisor',
    decisions: ['acknowledge'],
    title: `SLA breached: ${what} of ticket ${ctx.ticketNumber}`,
    description:
      `The ${what} target was due ${step.dueAt} and was missed (assignee ${ctx.state.assignee ?? 'none'}). ` +
      `Priority raised from ${from} to ${priority}. Reassign or help, then acknowledge.`,
  });
}
