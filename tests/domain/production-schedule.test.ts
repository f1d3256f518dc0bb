// The scheduler alone: working time (weekends, holidays, a time-zone change), slots and the bookings of others.
import type { WorkingCalendar } from '../../domain/calendar';
import {
  calendarOf,
  loadByDay,
  placeJob,
  planOperations,
  utilisation,
  type Booking,
  type Capacity,
} from '../../domain/production/schedule';

// 08:00–16:00 UTC, Monday to Friday: 480 working minutes a day. 2027-01-04 is a Monday.
const day: WorkingCalendar = { timezone: 'UTC', workdays: [1, 2, 3, 4, 5], openMinute: 480, closeMinute: 960, holidays: [] };
const at = (s: string) => new Date(`${s}:00Z`);
const one: Capacity = { slots: 1, calendar: day };
const two: Capacity = { slots: 2, calendar: day };
const booked = (slot: number, start: string, end: string): Booking => ({ slot, start: at(start), end: at(end) });

test('a job runs only in working time, over the weekend and past a holiday', () => {
  expect(placeJob(one, [], at('2027-01-08T14:00'), 600)).toEqual(booked(0, '2027-01-08T14:00', '2027-01-11T16:00'));
  const holiday: Capacity = { slots: 1, calendar: { ...day, holidays: ['2027-01-11'] } };
  expect(placeJob(holiday, [], at('2027-01-08T14:00'), 600)).toEqual(booked(0, '2027-01-08T14:00', '2027-01-12T16:00'));
  // Asked for at night or on Saturday: it starts when the work center opens.
  expect(placeJob(one, [], at('2027-01-09T10:00'), 60)).toEqual(booked(0, '2027-01-11T08:00', '2027-01-11T09:00'));
});

test('working hours follow the work center’s zone across a change of clocks', () => {
  // Europe/Berlin 06:00–22:00; clocks go forward on Sunday 2027-03-28 (UTC+1 → UTC+2).
  const berlin: Capacity = {
    slots: 1,
    calendar: calendarOf({ timezone: 'Europe/Berlin', workdays: '1,2,3,4,5', openMinute: 360, closeMinute: 1320, holidays: '' }),
  };
  const p = placeJob(berlin, [], at('2027-03-26T19:00'), 180); // Friday 20:00 local: 120 minutes left that day
  expect(p).toEqual(booked(0, '2027-03-26T19:00', '2027-03-29T05:00')); // Monday 07:00 local
});

test('a job does not overlap a booking of its slot: it waits for the first gap long enough', () => {
  expect(placeJob(one, [booked(0, '2027-01-04T08:00', '2027-01-04T12:00')], at('2027-01-04T08:00'), 120)).toEqual(
    booked(0, '2027-01-04T12:00', '2027-01-04T14:00'),
  );
  // The two hours before 10:00 are too short for five hours of work.
  expect(placeJob(one, [booked(0, '2027-01-04T10:00', '2027-01-04T11:00')], at('2027-01-04T08:00'), 300)).toEqual(
    booked(0, '2027-01-04T11:00', '2027-01-04T16:00'),
  );
  // A gap that fits is used.
  expect(placeJob(one, [booked(0, '2027-01-04T10:00', '2027-01-04T11:00')], at('2027-01-04T08:00'), 120)).toEqual(
    booked(0, '2027-01-04T08:00', '2027-01-04T10:00'),
  );
  // A booking running to closing time pushes the job to the next working morning.
  expect(placeJob(one, [booked(0, '2027-01-08T08:00', '2027-01-08T16:00')], at('2027-01-08T08:00'), 30)).toEqual(
    booked(0, '2027-01-11T08:00', '2027-01-11T08:30'),
  );
});

test('of several slots, the one that finishes the job first is taken (the lower one on a tie)', () => {
  expect(placeJob(two, [booked(0, '2027-01-04T08:00', '2027-01-04T12:00')], at('2027-01-04T08:00'), 120)).toEqual(
    booked(1, '2027-01-04T08:00', '2027-01-04T10:00'),
  );
  const both = [booked(0, '2027-01-04T08:00', '2027-01-04T09:00'), booked(1, '2027-01-04T08:00', '2027-01-04T12:00')];
  expect(placeJob(two, both, at('2027-01-04T08:00'), 60)).toEqual(booked(0, '2027-01-04T09:00', '2027-01-04T10:00'));
  expect(placeJob(two, [], at('2027-01-04T08:00'), 60).slot).toBe(0);
});

test('an order’s operations follow each other; done ones hold back the next; one work center used twice does not overlap itself', () => {
  const caps = new Map([
    [1, one],
    [2, two],
  ]);
  const bookings = new Map<number, Booking[]>([[2, [booked(0, '2027-01-04T08:00', '2027-01-04T16:00')]]]);
  const plan = planOperations(
    [
      { workCenterId: 1, minutes: 60, fixedEnd: at('2027-01-04T09:30') },
      { workCenterId: 1, minutes: 120 },
      { workCenterId: 2, minutes: 60 },
      { workCenterId: 1, minutes: 480 },
    ],
    at('2027-01-04T08:00'),
    caps,
    bookings,
  );
  expect(plan).toEqual([
    undefined,
    booked(0, '2027-01-04T09:30', '2027-01-04T11:30'),
    booked(1, '2027-01-04T11:30', '2027-01-04T12:30'),
    booked(0, '2027-01-04T12:30', '2027-01-05T12:30'),
  ]);
  expect(bookings.get(1)).toHaveLength(2);
});

test('a planned job of one work center never overlaps another in its slot, whatever the order of planning', () => {
  const bookings: Booking[] = [];
  let seed = 7;
  const rnd = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
  for (let i = 0; i < 60; i++) {
    const p = placeJob(two, bookings, at(`2027-01-0${4 + rnd(4)}T0${8 + rnd(2)}:00`), 15 + rnd(600));
    expect(bookings.filter((b) => b.slot === p.slot && b.start < p.end && b.end > p.start)).toEqual([]);
    bookings.push(p);
  }
});

test('load per day: planned minutes per slot against the working minutes of each day', () => {
  const load = loadByDay(
    two,
    [booked(0, '2027-01-08T14:00', '2027-01-11T10:00'), booked(1, '2027-01-11T08:00', '2027-01-11T16:00')],
    '2027-01-08',
    4,
  );
  expect(load.map((d) => [d.date, d.capacityMinutes, d.plannedBySlot, d.plannedMinutes, d.totalCapacityMinutes])).toEqual([
    ['2027-01-08', 480, [120, 0], 120, 960],
    ['2027-01-09', 0, [0, 0], 0, 0],
    ['2027-01-10', 0, [0, 0], 0, 0],
    ['2027-01-11', 480, [120, 480], 600, 960],
  ]);
  expect(utilisation(two, [booked(0, '2027-01-04T08:00', '2027-01-04T16:00')], at('2027-01-04T00:00'), at('2027-01-05T00:00'))).toBe(50);
  expect(utilisation(two, [], at('2027-01-09T00:00'), at('2027-01-10T00:00'))).toBe(0);
});
