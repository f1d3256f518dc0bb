// MTBF and MTTR from a scripted history of breakdowns (domain/production/reliability.ts).
import { reliability } from '../../domain/production/reliability';

const at = (s: string) => new Date(`2026-03-${s}Z`);

test('a ten-day period with two closed breakdowns and one still open', () => {
  const history = [
    { downFrom: at('01T08:00:00'), downUntil: at('01T12:00:00') }, // 4 h
    { downFrom: at('04T00:00:00'), downUntil: at('04T02:00:00') }, // 2 h
    { downFrom: at('10T18:00:00'), downUntil: null }, // still down at the end: 6 h inside the period
  ];
  const r = reliability(history, at('01T00:00:00'), at('11T00:00:00'));
  expect(r).toEqual({
    from: '2026-03-01T00:00:00.000Z',
    to: '2026-03-11T00:00:00.000Z',
    failures: 3,
    downtimeMinutes: 12 * 60,
    mttrHours: 3, // (4 + 2) / 2: the open one has no repair time yet
    mtbfHours: (240 - 12) / 3, // 76
  });
});

test('downtime is cut at the period; failures count only where they began', () => {
  const history = [
    { downFrom: at('01T20:00:00'), downUntil: at('02T04:00:00') }, // began before the period: 4 h inside, no failure
    { downFrom: at('02T10:00:00'), downUntil: at('02T11:30:00') },
  ];
  const r = reliability(history, at('02T00:00:00'), at('03T00:00:00'));
  expect(r).toMatchObject({ failures: 1, downtimeMinutes: 4 * 60 + 90, mttrHours: 1.5, mtbfHours: 24 - 5.5 });
});

test('no breakdown: no failures, no means', () => {
  expect(reliability([], at('01T00:00:00'), at('02T00:00:00'))).toMatchObject({
    failures: 0,
    downtimeMinutes: 0,
    mttrHours: null,
    mtbfHours: null,
  });
});
