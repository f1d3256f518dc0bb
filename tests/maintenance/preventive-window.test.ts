// Service windows alone: a window needs the whole work center free, and work orders are planned around it.
import type { WorkingCalendar } from '../../domain/calendar';
import { earliestWindow, onEverySlot, planOperations, type Booking, type Capacity } from '../../domain/production/schedule';

// 08:00–16:00 UTC, Monday to Friday. 2027-01-04 is a Monday.
const day: WorkingCalendar = { timezone: 'UTC', workdays: [1, 2, 3, 4, 5], openMinute: 480, closeMinute: 960, holidays: [] };
const at = (s: string) => new Date(`${s}:00Z`);
const two: Capacity = { slots: 2, calendar: day };
const booked = (slot: number, start: string, end: string): Booking => ({ slot, start: at(start), end: at(end) });

test('a window starts only when no slot is taken, in working time', () => {
  // Slot 1 is busy until 11:00; slot 0 is free: a window still waits for slot 1.
  expect(earliestWindow(two, [booked(1, '2027-01-04T08:00', '2027-01-04T11:00')], at('2027-01-04T07:00'), 120)).toEqual({
    start: at('2027-01-04T11:00'),
    end: at('2027-01-04T13:00'),
  });
  // Asked for on Friday afternoon: it runs over into Monday's working time.
  expect(earliestWindow(two, [], at('2027-01-08T15:00'), 120)).toEqual({ start: at('2027-01-08T15:00'), end: at('2027-01-11T09:00') });
});

test('work orders go around a window on every slot, before it when they fit', () => {
  const window = { start: at('2027-01-04T09:00'), end: at('2027-01-04T12:00') };
  const blocked = () => new Map([[1, onEverySlot(two, window)]]);
  expect(onEverySlot(two, window).map((b) => b.slot)).toEqual([0, 1]);
  const capacities = new Map([[1, two]]);
  // 90 minutes do not fit before 09:00: both slots are taken until noon.
  expect(planOperations([{ workCenterId: 1, minutes: 90 }], at('2027-01-04T08:00'), capacities, blocked())).toEqual([
    booked(0, '2027-01-04T12:00', '2027-01-04T13:30'),
  ]);
  // 60 minutes fit before it.
  expect(planOperations([{ workCenterId: 1, minutes: 60 }], at('2027-01-04T08:00'), capacities, blocked())).toEqual([
    booked(0, '2027-01-04T08:00', '2027-01-04T09:00'),
  ]);
});
