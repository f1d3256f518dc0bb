// The working calendar and SLA policy of a ticket, read from the operations store as plain data.
import type { OperationsDb, OperationsTx } from '../../db/clients';
import type { WorkingCalendar } from '../calendar';

type Reader = OperationsDb | OperationsTx;

export async function loadCalendar(db: Reader, code: string): Promise<WorkingCalendar> {
  const c = await db.serviceCalendar.findUnique({ where: { code } });
  // Reference data is seeded on every start; a missing calendar is a broken installation, not bad input.
  if (!c) throw new Error(`service calendar ${code} is missing; run the seed`);
  return {
    timezone: c.timezone,
    workdays: c.workdays.split(',').map(Number),
    openMinute: c.openMinute,
    closeMinute: c.closeMinute,
    holidays: JSON.parse(c.holidays) as string[],
  };
}

/** The SLA policy for a ticket's priority and its customer's tier (unknown tiers are served as standard). */
export async function slaPolicyFor(db: Reader, priority: string, tier: string) {
  const policy =
    (await db.slaPolicy.findUnique({ where: { priority_tier: { priority, tier } } })) ??
    (await db.slaPolicy.findUnique({ where: { priority_tier: { priority, tier: 'standard' } } }));
  if (!policy) throw new Error(`no SLA policy for priority ${priority}; run the seed`);
  return { ...policy, calendar: await loadCalendar(db, policy.calendarCode) };
}

/**
 * The priority the SLA targets follow: the one given at intake or set by a person since. An
 * escalation raises the working priority for attention but does not rewrite the agreed deadlines.
 */
export async function agreedPriority(db: Reader, ticketId: number, current: string): Promise<string> {
  const last = await db.ticketEvent.findFirst({
    where: { ticketId, kind: { in: ['created', 'priority_changed'] } },
    orderBy: { id: 'desc' },
  });
  const data = last ? (JSON.parse(last.data) as { priority?: string; to?: string }) : {};
  return data.to ?? data.priority ?? current;
}

/** The calendar field visits are planned on (the standard one). */
export const VISIT_CALENDAR = 'STD';
export const VISIT_SLOT_MINUTES = 120;
