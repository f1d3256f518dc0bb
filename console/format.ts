// How dates, amounts and statuses read on screen (the user's locale; times in their time zone).
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const when = (iso?: string | null) => (iso ? dateTime.format(new Date(iso)) : '—');
export const day = (iso?: string | null) => (iso ? dateOnly.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : '—');
export const amount = (n?: number | null) => (n === null || n === undefined ? '—' : money.format(n));
export const label = (s: string) => s.replace(/[_-]+/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** "in 3 h", "2 d ago": how far a moment is from now. */
export function relative(iso: string, now = Date.now()): string {
  const minutes = Math.round((new Date(iso).getTime() - now) / 60_000);
  const abs = Math.abs(minutes);
  const text = abs < 60 ? `${abs} min` : abs < 48 * 60 ? `${Math.round(abs / 60)} h` : `${Math.round(abs / 1440)} d`;
  return minutes >= 0 ? `in ${text}` : `${text} ago`;
}

/** YYYY-MM-DD of today plus `days`, in UTC like the API's date checks. */
export const isoDayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
