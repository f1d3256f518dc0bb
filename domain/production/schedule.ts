// Finite-capacity scheduling of work orders into work-center slots, in each work center's working time.
// Pure: the planner activity reads the bookings and writes the result; tests run it without a database.
import {
  addBusinessMinutes,
  businessMinutesBetween,
  localDate,
  nextBusinessInstant,
  zonedInstant,
  type WorkingCalendar,
} from '../calendar';

/** The calendar columns of a work center. */
export interface CalendarColumns {
  timezone: string;
  workdays: string;
  openMinute: number;
  closeMinute: number;
  holidays: string;
}

export interface Capacity {
  /** Jobs that run at the same time, in slots 0..slots-1. */
  slots: number;
  calendar: WorkingCalendar;
}

/** Time a slot of a work center is taken, [start, end). */
export interface Booking {
  slot: number;
  start: Date;
  end: Date;
}

export type Placement = Booking;

/** One routing operation of an order, in sequence. A fixed one (done or running) only holds back the next. */
export interface Operation {
  workCenterId: number;
  minutes: number;
  /** Set when the operation is not to be planned: the instant the next operation may start after it. */
  fixedEnd?: Date;
}

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function calendarOf(c: CalendarColumns): WorkingCalendar {
  return {
    timezone: c.timezone,
    workdays: list(c.workdays).map(Number),
    openMinute: c.openMinute,
    closeMinute: c.closeMinute,
    holidays: list(c.holidays),
  };
}

const overlaps = (b: { start: Date; end: Date }, start: Date, end: Date) => b.start < end && b.end > start;

/** The earliest a job of `minutes` working minutes can start in `slot` at or after `notBefore` without overlapping a booking. */
function earliestInSlot(cap: Capacity, taken: Booking[], notBefore: Date, minutes: number): { start: Date; end: Date } {
  let start = nextBusinessInstant(notBefore, cap.calendar);
  for (;;) {
    const end = addBusinessMinutes(start, minutes, cap.calendar);
    // A booking in the way pushes the start past its end; bookings only ever push forward, so this ends.
    const blocking = taken.filter((b) => overlaps(b, start, end));
    if (!blocking.length) return { start, end };
    const after = new Date(Math.max(...blocking.map((b) => b.end.getTime())));
    start = nextBusinessInstant(after, cap.calendar);
  }
}

/** The slot giving the earliest finish (the lower slot on a tie) for one job on one work center. */
export function placeJob(cap: Capacity, bookings: Booking[], notBefore: Date, minutes: number): Placement {
  let best: Placement | undefined;
  for (let slot = 0; slot < Math.max(1, cap.slots); slot++) {
    const p = earliestInSlot(
      cap,
      bookings.filter((b) => b.slot === slot),
      notBefore,
      minutes,
    );
    if (!best || p.end < best.end) best = { ...p, slot };
  }
  return best!;
}

/**
 * The earliest window of `minutes` working minutes at or after `notBefore` that overlaps none of `taken`
 * (bookings of any slot): a window that takes the whole work center, such as a preventive service.
 */
export function earliestWindow(cap: Capacity, taken: { start: Date; end: Date }[], notBefore: Date, minutes: number) {
  return earliestInSlot(
    cap,
    taken.map((b) => ({ ...b, slot: 0 })),
    notBefore,
    minutes,
  );
}

/** A window that takes the whole work center, as one booking per slot: work orders are planned around it. */
export const onEverySlot = (cap: Pick<Capacity, 'slots'>, w: { start: Date; end: Date }): Booking[] =>
  Array.from({ length: Math.max(1, cap.slots) }, (_, slot) => ({ slot, start: w.start, end: w.end }));

/**
 * Plans an order's operations in sequence: each starts no earlier than `from` and the end of the one before
 * it, in the slot that finishes it first. `bookings` (by work center) are what others hold; each placement is
 * added to them, so an order using one work center twice does not overlap itself. Fixed operations answer undefined.
 */
export function planOperations(
  operations: Operation[],
  from: Date,
  capacities: Map<number, Capacity>,
  bookings: Map<number, Booking[]>,
): (Placement | undefined)[] {
  let notBefore = from;
  return operations.map((op) => {
    if (op.fixedEnd) {
      if (op.fixedEnd > notBefore) notBefore = op.fixedEnd;
      return undefined;
    }
    const cap = capacities.get(op.workCenterId);
    if (!cap) throw new Error(`no capacity known for work center ${op.workCenterId}`);
    const taken = bookings.get(op.workCenterId) ?? [];
    const placed = placeJob(cap, taken, notBefore, op.minutes);
    bookings.set(op.workCenterId, [...taken, placed]);
    notBefore = placed.end;
    return placed;
  });
}

export interface DayLoad {
  date: string;
  /** Working minutes of the day, per slot. */
  capacityMinutes: number;
  /** Planned minutes per slot (index = slot), and their total over all slots. */
  plannedBySlot: number[];
  plannedMinutes: number;
  totalCapacityMinutes: number;
}

const DAY_MS = 86_400_000;

/** Load per local day from `fromDate` (YYYY-MM-DD, in the work center's zone): planned working minutes against capacity. */
export function loadByDay(cap: Capacity, bookings: Booking[], fromDate: string, days: number): DayLoad[] {
  const tz = cap.calendar.timezone;
  const first = Date.parse(`${fromDate}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => {
    const dayStart = new Date(zonedInstant(first + i * DAY_MS, tz));
    const dayEnd = new Date(zonedInstant(first + (i + 1) * DAY_MS, tz));
    const capacityMinutes = businessMinutesBetween(dayStart, dayEnd, cap.calendar);
    const plannedBySlot = Array.from({ length: cap.slots }, (_s, slot) =>
      bookings
        .filter((b) => b.slot === slot && overlaps(b, dayStart, dayEnd))
        .reduce((sum, b) => sum + businessMinutesBetween(maxDate(b.start, dayStart), minDate(b.end, dayEnd), cap.calendar), 0),
    );
    const plannedMinutes = plannedBySlot.reduce((a, b) => a + b, 0);
    return {
      date: localDate(dayStart, tz),
      capacityMinutes,
      plannedBySlot,
      plannedMinutes,
      totalCapacityMinutes: capacityMinutes * cap.slots,
    };
  });
}

/** Planned share (percent, whole) of all slots' working time in [from, to). */
export function utilisation(cap: Capacity, bookings: Booking[], from: Date, to: Date): number {
  const capacity = businessMinutesBetween(from, to, cap.calendar) * cap.slots;
  if (capacity === 0) return 0;
  const planned = bookings
    .filter((b) => overlaps(b, from, to))
    .reduce((sum, b) => sum + businessMinutesBetween(maxDate(b.start, from), minDate(b.end, to), cap.calendar), 0);
  return Math.round((planned / capacity) * 100);
}

const maxDate = (a: Date, b: Date) => (a > b ? a : b);
const minDate = (a: Date, b: Date) => (a < b ? a : b);
