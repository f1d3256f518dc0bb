// How well service keeps its promises: of the tickets opened in a period, how many were closed
// within their resolution target, the breaches per agreed priority and per policy (priority × tier),
// and how long first responses and resolutions took.
import type { OperationsDb } from '../../db/clients';
import { PRIORITIES } from '../../workflows/ticket/types';
import { mean, percent, within, type Period } from './period';

const MINUTE_MS = 60_000;

interface Counted {
  tickets: number;
  closed: number;
  closedWithinSla: number;
  firstResponseBreaches: number;
  resolutionBreaches: number;
}
const counted = (): Counted => ({ tickets: 0, closed: 0, closedWithinSla: 0, firstResponseBreaches: 0, resolutionBreaches: 0 });
const withShare = (c: Counted) => ({ ...c, withinSlaPercent: percent(c.closedWithinSla, c.closed) });

/** The priority agreed at intake or set by a person since; escalations raise it only for attention. */
function agreed(events: { kind: string; data: string }[], current: string): string {
  const last = events.filter((e) => e.kind === 'created' || e.kind === 'priority_changed').at(-1);
  const data = last ? (JSON.parse(last.data) as { priority?: string; to?: string }) : {};
  return data.to ?? data.priority ?? current;
}

export async function slaReport(db: OperationsDb, period: Period) {
  const tickets = await db.ticket.findMany({
    where: { createdAt: within(period) },
    include: { events: { where: { kind: { in: ['created', 'priority_changed'] } }, orderBy: { id: 'asc' } } },
  });
  const tiers = new Map(
    (await db.customer.findMany({ where: { id: { in: tickets.map((t) => t.customerId) } }, select: { id: true, tier: true } })).map((c) => [
      c.id,
      c.tier,
    ]),
  );
  const all = counted();
  const byPriority = new Map<string, Counted>(PRIORITIES.map((p) => [p, counted()]));
  const byPolicy = new Map<string, Counted & { priority: string; tier: string }>();
  const firstResponse: number[] = [];
  const resolution: number[] = [];
  for (const t of tickets) {
    const priority = agreed(t.events, t.priority);
    const tier = tiers.get(t.customerId) ?? 'standard';
    const policyKey = `${priority}/${tier}`;
    if (!byPolicy.has(policyKey)) byPolicy.set(policyKey, { priority, tier, ...counted() });
    for (const c of [all, byPriority.get(priority) ?? counted(), byPolicy.get(policyKey)!]) {
      c.tickets++;
      if (t.closedAt) c.closed++;
      // The resolution clock stops when the ticket closes; a ticket closed without a breach met it.
      if (t.closedAt && !t.breachedResolution) c.closedWithinSla++;
      if (t.breachedFirstResponse) c.firstResponseBreaches++;
      if (t.breachedResolution) c.resolutionBreaches++;
    }
    if (t.firstRespondedAt) firstResponse.push((t.firstRespondedAt.getTime() - t.createdAt.getTime()) / MINUTE_MS);
    if (t.resolvedAt) resolution.push((t.resolvedAt.getTime() - t.createdAt.getTime()) / MINUTE_MS);
  }
  return {
    period: { from: period.from, to: period.to },
    basis:
      'Tickets opened in the period (UTC days). Within SLA = closed without a resolution breach, as a share of the closed ones. ' +
      'Breaches are the recorded first-response and resolution breaches, counted under the priority agreed at intake or set by a ' +
      "person (not the raise an escalation makes) and the customer's tier. Mean times are wall-clock minutes from opening to the " +
      'first response and to the (last) resolution, over the tickets that have one.',
    ...withShare(all),
    meanMinutesToFirstResponse: mean(firstResponse),
    meanMinutesToResolution: mean(resolution),
    byPriority: [...byPriority.entries()].map(([priority, c]) => ({ priority, ...withShare(c) })),
    byPolicy: [...byPolicy.values()]
      .sort((a, b) => PRIORITIES.indexOf(a.priority as never) - PRIORITIES.indexOf(b.priority as never) || a.tier.localeCompare(b.tier))
      .map(withShare),
  };
}
