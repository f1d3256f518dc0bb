// Reliability of a work center from its recorded corrective downtime (pure: no I/O).
//   failures   = corrective requests whose downtime began in the period
//   downtime   = the part of every downtime (open ones until the period's end) inside the period
//   MTTR       = mean of (downUntil − downFrom) over those failures that are closed
//   MTBF       = (length of the period − downtime) / failures
// Operating time is calendar time: a machine that breaks down is out of service around the clock,
// whatever its working hours.

export interface Downtime {
  downFrom: Date;
  /** Null while the work center is still down. */
  downUntil: Date | null;
}

export interface ReliabilityFigures {
  from: string;
  to: string;
  failures: number;
  downtimeMinutes: number;
  /** Null without a closed failure in the period. */
  mttrHours: number | null;
  /** Null without a failure in the period. */
  mtbfHours: number | null;
}

const HOUR_MS = 3_600_000;
const hours = (ms: number) => Math.round((ms / HOUR_MS) * 100) / 100;

export function reliability(records: Downtime[], from: Date, to: Date): ReliabilityFigures {
  const start = from.getTime();
  const end = Math.max(start, to.getTime());
  const downMs = records.reduce((sum, r) => {
    const a = Math.max(start, r.downFrom.getTime());
    const b = Math.min(end, r.downUntil?.getTime() ?? end);
    return sum + Math.max(0, b - a);
  }, 0);
  const failures = records.filter((r) => r.downFrom.getTime() >= start && r.downFrom.getTime() < end);
  const repaired = failures.filter((r) => r.downUntil && r.downUntil.getTime() <= end);
  const repairMs = repaired.reduce((s, r) => s + (r.downUntil!.getTime() - r.downFrom.getTime()), 0);
  return {
    from: new Date(start).toISOString(),
    to: new Date(end).toISOString(),
    failures: failures.length,
    downtimeMinutes: Math.round(downMs / 60_000),
    mttrHours: repaired.length ? hours(repairMs / repaired.length) : null,
    mtbfHours: failures.length ? hours((end - start - downMs) / failures.length) : null,
  };
}
