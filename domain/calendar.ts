// Business-hours arithmetic on a working calendar (weekdays, opening hours, holidays, time zone).
// Pure: every function takes the instants it works on, so workflows' clocks and tests decide "now".

export interface WorkingCalendar {
  timezone: string;
  /** ISO weekdays that are worked: 1 = Monday … 7 = Sunday. */
  workdays: number[];
  /** Opening and closing time as minutes after local midnight. */
  openMinute: number;
  closeMinute: number;
  /** Local dates (YYYY-MM-DD) that are not worked. */
  holidays: string[];
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
// A calendar with no working day would loop forever; ten years is far beyond any SLA.
const MAX_DAYS = 3_660;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** The wall-clock reading of an instant in the zone, as if that reading were UTC (ms). */
function wallClockMs(at: number, timezone: string): number {
  const p = Object.fromEntries(
    formatter(timezone)
      .formatToParts(new Date(at))
      .map((x) => [x.type, x.value]),
  );
  return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
}

/** The instant at which the zone's clocks show `localMs` (a wall-clock reading expressed as UTC ms). */
export function zonedInstant(localMs: number, timezone: string): number {
  // The offset at a guess, then at the corrected guess: right on both sides of a DST change.
  let at = localMs - (wallClockMs(localMs, timezone) - localMs);
  at = localMs - (wallClockMs(at, timezone) - at);
  return at;
}

/** Local calendar date of an instant, YYYY-MM-DD. */
export function localDate(at: Date, timezone: string): string {
  return new Date(wallClockMs(at.getTime(), timezone)).toISOString().slice(0, 10);
}

export function isWorkingDay(cal: WorkingCalendar, localDayMs: number): boolean {
  const iso = new Date(localDayMs).toISOString().slice(0, 10);
  const weekday = ((new Date(localDayMs).getUTCDay() + 6) % 7) + 1;
  return cal.workdays.includes(weekday) && !cal.holidays.includes(iso);
}

/** Working windows [start, end) as instants, day by day from the local day containing `from`. */
function* windows(cal: WorkingCalendar, from: number): Generator<[number, number]> {
  const firstDay = Math.floor(wallClockMs(from, cal.timezone) / DAY_MS) * DAY_MS;
  for (let i = 0; i < MAX_DAYS; i++) {
    const day = firstDay + i * DAY_MS;
    if (!isWorkingDay(cal, day)) continue;
    yield [zonedInstant(day + cal.openMinute * MINUTE_MS, cal.timezone), zonedInstant(day + cal.closeMinute * MINUTE_MS, cal.timezone)];
  }
}

/** The instant `minutes` business minutes after `start` (a deadline ending at closing time stays on that day). */
export function addBusinessMinutes(start: Date, minutes: number, cal: WorkingCalendar): Date {
  let remaining = Math.max(0, minutes) * MINUTE_MS;
  if (remaining === 0) return new Date(start);
  for (const [open, close] of windows(cal, start.getTime())) {
    const from = Math.max(open, start.getTime());
    if (from >= close) continue;
    if (close - from >= remaining) return new Date(from + remaining);
    remaining -= close - from;
  }
  throw new Error(`calendar has no working time within ${MAX_DAYS} days of ${start.toISOString()}`);
}

/** Business minutes between two instants (0 when `end` is not after `start`). */
export function businessMinutesBetween(start: Date, end: Date, cal: WorkingCalendar): number {
  if (end <= start) return 0;
  let total = 0;
  for (const [open, close] of windows(cal, start.getTime())) {
    if (open >= end.getTime()) break;
    total += Math.max(0, Math.min(close, end.getTime()) - Math.max(open, start.getTime()));
  }
  return Math.floor(total / MINUTE_MS);
}

/** Start of the first working window at or after `at` (the instant itself if it is inside one). */
export function nextBusinessInstant(at: Date, cal: WorkingCalendar): Date {
  for (const [open, close] of windows(cal, at.getTime())) {
    if (at.getTime() < close) return new Date(Math.max(open, at.getTime()));
  }
  throw new Error(`calendar has no working time within ${MAX_DAYS} days of ${at.toISOString()}`);
}

/** Working windows cut into fixed slots (for field visits), the first `count` starting at or after `from`. */
export function slotsFrom(from: Date, slotMinutes: number, count: number, cal: WorkingCalendar): { start: Date; end: Date }[] {
  const out: { start: Date; end: Date }[] = [];
  for (const [open, close] of windows(cal, from.getTime())) {
    for (let s = open; s + slotMinutes * MINUTE_MS <= close; s += slotMinutes * MINUTE_MS) {
      if (s < from.getTime()) continue;
      out.push({ start: new Date(s), end: new Date(s + slotMinutes * MINUTE_MS) });
      if (out.length >= count) return out;
    }
  }
  return out;
}

/** Whether `start` is the beginning of one of the calendar's slots. */
export function isSlotStart(start: Date, slotMinutes: number, cal: WorkingCalendar): boolean {
  const [slot] = slotsFrom(start, slotMinutes, 1, cal);
  return !!slot && slot.start.getTime() === start.getTime();
}
