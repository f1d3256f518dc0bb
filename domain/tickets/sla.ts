// SLA rules: targets in business minutes measured from the ticket's start, moved later by the
// business time the clock spent paused (waiting on the customer, awaiting confirmation).
import { addBusinessMinutes, businessMinutesBetween, type WorkingCalendar } from '../calendar';
import { PRIORITIES, type Priority, type SlaTarget } from '../../workflows/ticket/types';

export function slaTarget(
  start: Date,
  targetMinutes: number,
  pausedMinutes: number,
  warningPercent: number,
  cal: WorkingCalendar,
  breached: boolean,
): SlaTarget {
  return {
    targetMinutes,
    dueAt: addBusinessMinutes(start, targetMinutes + pausedMinutes, cal).toISOString(),
    warnAt: addBusinessMinutes(start, Math.floor((targetMinutes * warningPercent) / 100) + pausedMinutes, cal).toISOString(),
    breached,
  };
}

/** Business minutes the clock was stopped, from paused/resumed pairs (an open pause counts up to `now`). */
export function pausedBusinessMinutes(
  events: { kind: string; at: Date }[],
  now: Date,
  cal: WorkingCalendar,
): { minutes: number; pausedSince?: Date } {
  let minutes = 0;
  let since: Date | undefined;
  for (const e of [...events].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    if (e.kind === 'paused' && !since) since = e.at;
    if (e.kind === 'resumed' && since) {
      minutes += businessMinutesBetween(since, e.at, cal);
      since = undefined;
    }
  }
  return { minutes: minutes + (since ? businessMinutesBetween(since, now, cal) : 0), pausedSince: since };
}

/** Escalation raises a ticket one level; urgent stays urgent. */
export function raisedPriority(p: Priority): Priority {
  return PRIORITIES[Math.min(PRIORITIES.indexOf(p) + 1, PRIORITIES.length - 1)];
}
