// Business-hours arithmetic on the standard calendar: Mon–Fri 09:00–17:00 Europe/Berlin with holidays.
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isSlotStart,
  localDate,
  nextBusinessInstant,
  slotsFrom,
  type WorkingCalendar,
} from '../../domain/calendar';

const STD: WorkingCalendar = {
  timezone: 'Europe/Berlin',
  workdays: [1, 2, 3, 4, 5],
  openMinute: 9 * 60,
  closeMinute: 17 * 60,
  holidays: ['2026-12-24', '2026-12-25', '2026-12-26', '2027-01-01'],
};
const at = (iso: string) => new Date(iso);

test('inside one working day: minutes simply add up', () => {
  // Tue 2026-11-24 10:00 Berlin (UTC+1) = 09:00Z
  expect(addBusinessMinutes(at('2026-11-24T09:00:00Z'), 240, STD).toISOString()).toBe('2026-11-24T13:00:00.000Z');
});

test('a deadline ending exactly at closing time stays on that day', () => {
  expect(addBusinessMinutes(at('2026-11-24T08:00:00Z'), 480, STD).toISOString()).toBe('2026-11-24T16:00:00.000Z');
});

test('across a weekend: Friday 16:00 + 2 business hours = Monday 10:00', () => {
  // Fri 2026-11-27 16:00 Berlin = 15:00Z; Monday 2026-11-30 10:00 Berlin = 09:00Z
  expect(addBusinessMinutes(at('2026-11-27T15:00:00Z'), 120, STD).toISOString()).toBe('2026-11-30T09:00:00.000Z');
  expect(businessMinutesBetween(at('2026-11-27T15:00:00Z'), at('2026-11-30T09:00:00Z'), STD)).toBe(120);
});

test('across Christmas holidays and a weekend: Wed 23 Dec 16:00 + 8 business hours = Mon 28 Dec 16:00', () => {
  const due = addBusinessMinutes(at('2026-12-23T15:00:00Z'), 480, STD);
  expect(due.toISOString()).toBe('2026-12-28T15:00:00.000Z');
  expect(businessMinutesBetween(at('2026-12-23T15:00:00Z'), due, STD)).toBe(480);
});

test('New Year: Thu 31 Dec 16:00 + 2 hours = Mon 4 Jan 10:00 (1 Jan holiday, then weekend)', () => {
  expect(addBusinessMinutes(at('2026-12-31T15:00:00Z'), 120, STD).toISOString()).toBe('2027-01-04T09:00:00.000Z');
});

test('started outside hours: counting begins at the next opening', () => {
  // Sat 2026-11-28 12:00 Berlin → Monday 09:00 + 30 min
  expect(addBusinessMinutes(at('2026-11-28T11:00:00Z'), 30, STD).toISOString()).toBe('2026-11-30T08:30:00.000Z');
  expect(nextBusinessInstant(at('2026-11-28T11:00:00Z'), STD).toISOString()).toBe('2026-11-30T08:00:00.000Z');
  expect(businessMinutesBetween(at('2026-11-28T11:00:00Z'), at('2026-11-29T11:00:00Z'), STD)).toBe(0);
});

test('daylight saving: the opening hour follows local time (UTC+2 in summer)', () => {
  // Fri 2026-03-27 16:00 CET (15:00Z) + 2h → Mon 2026-03-30 10:00 CEST = 08:00Z
  expect(addBusinessMinutes(at('2026-03-27T15:00:00Z'), 120, STD).toISOString()).toBe('2026-03-30T08:00:00.000Z');
  expect(localDate(at('2026-03-29T23:30:00Z'), 'Europe/Berlin')).toBe('2026-03-30');
});

test('adding then measuring gives the same minutes back (any start, any length)', () => {
  for (let i = 0; i < 200; i++) {
    const start = new Date(Date.UTC(2026, 10, 1) + ((i * 7_919_993) % (60 * 86_400_000)));
    const minutes = (i * 37) % 5_000;
    const due = addBusinessMinutes(start, minutes, STD);
    expect(businessMinutesBetween(start, due, STD)).toBe(minutes);
  }
});

test('visit slots are two-hour blocks inside working hours, skipping holidays', () => {
  const slots = slotsFrom(at('2026-12-23T12:30:00Z'), 120, 3, STD);
  // Wed 23 Dec 15:00–17:00 Berlin is the last slot that day; then Mon 28 Dec 09:00 and 11:00.
  expect(slots.map((s) => s.start.toISOString())).toEqual([
    '2026-12-23T14:00:00.000Z',
    '2026-12-28T08:00:00.000Z',
    '2026-12-28T10:00:00.000Z',
  ]);
  expect(isSlotStart(at('2026-12-28T08:00:00Z'), 120, STD)).toBe(true);
  expect(isSlotStart(at('2026-12-28T09:00:00Z'), 120, STD)).toBe(false);
  expect(isSlotStart(at('2026-12-24T08:00:00Z'), 120, STD)).toBe(false);
});
