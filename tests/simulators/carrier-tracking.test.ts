// Tracking numbers must identify a booking beyond the life of one simulator process: a restarted
// carrier (a second instance) never hands out a number it gave another booking before, and a
// booking repeated under the same key keeps its number.
import { bookWithCarrier } from '../../activities/operations/carrier-gateway';
import { startPartnerSimulator, type PartnerSimulator } from '../../simulators/partners';

let first: PartnerSimulator;
let second: PartnerSimulator;
beforeAll(async () => {
  [first, second] = await Promise.all([startPartnerSimulator(), startPartnerSimulator()]);
});
afterAll(async () => {
  await Promise.all([first, second].map((s) => new Promise((r) => s?.server.close(r))));
});

const book = (sim: PartnerSimulator, shipmentNumber: string) =>
  bookWithCarrier(`${sim.url}/carriers/SWIFT`, { shipmentNumber, parcels: 1, destination: 'Berlin' }).then((b) => b.trackingNumber);

test('two simulator instances never give different bookings the same tracking number', async () => {
  const keys = Array.from({ length: 20 }, (_, i) => `SH-${String(i + 1).padStart(5, '0')}`);
  const before = await Promise.all(keys.slice(0, 10).map((k) => book(first, k)));
  const after = await Promise.all(keys.slice(10).map((k) => book(second, k)));
  expect(new Set([...before, ...after]).size).toBe(20);
  for (const t of [...before, ...after]) expect(t).toMatch(/^SWIFT-[0-9A-Z]+$/);
});

test('the same booking key gets the same tracking number, on the same and on another instance', async () => {
  const once = await book(first, 'SH-REPEAT-1');
  expect(await book(first, 'SH-REPEAT-1')).toBe(once);
  expect(await book(second, 'SH-REPEAT-1')).toBe(once);
  expect(await book(second, 'SH-REPEAT-2')).not.toBe(once);
});
