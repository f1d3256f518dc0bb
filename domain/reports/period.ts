// Calendar days of the reports: dates are whole UTC days, a period runs from the start of its first
// day to the end of its last, and chart buckets are days or weeks starting on Monday.
export const DAY_MS = 86_400_000;

/** The longest period a report covers, so a day-by-day chart stays a sensible size. */
export const MAX_PERIOD_DAYS = 366;
/** A period left open ends today and starts this many days earlier (30 days in all). */
export const DEFAULT_PERIOD_DAYS = 30;

export interface Period {
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day, inclusive. */
  to: string;
  /** Start of the first day. */
  start: Date;
  /** Start of the day after the last: records before it are in the period. */
  end: Date;
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
export const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);
export const addDays = (day: string, days: number) => isoDay(new Date(dayStart(day).getTime() + days * DAY_MS));

/** Whole days from one day to another (negative when `to` comes first). */
export const daysBetween = (from: string, to: string) => Math.round((dayStart(to).getTime() - dayStart(from).getTime()) / DAY_MS);

export function periodOf(q: { from?: string; to?: string }, today = isoDay(new Date())): Period {
  const to = q.to ?? (q.from && q.from > today ? q.from : today);
  const from = q.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  return { from, to, start: dayStart(from), end: dayStart(addDays(to, 1)) };
}

/** A Prisma date filter for the period. */
export const within = (p: Period) => ({ gte: p.start, lt: p.end });
export const inPeriod = (p: Period, at: Date | null | undefined): at is Date => !!at && at >= p.start && at < p.end;

export type BucketSize = 'day' | 'week';

/** The bucket a moment falls in: its day, or the Monday of its week. */
export function bucketOf(at: Date, size: BucketSize): string {
  if (size === 'day') return isoDay(at);
  const weekday = (at.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(isoDay(at), -weekday);
}

/** Every bucket the period touches, in order. */
export function bucketsOf(p: Period, size: BucketSize): string[] {
  const out: string[] = [];
  for (let b = bucketOf(p.start, size); b <= p.to; b = addDays(b, size === 'day' ? 1 : 7)) out.push(b);
  return out;
}

/** Mean of a list rounded to one decimal, or null for none. */
export const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 10) / 10 : null);
/** A share as a percentage with one decimal, or null when nothing was counted. */
export const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);
