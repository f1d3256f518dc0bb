// Parallel calls on the shop floor's stock and decisions: spare parts taken for two repairs at once
// never hold more than the shop has, the same report sent at once under one Idempotency-Key counts
// once, and an inspection decided by several people at once is decided once.
// Run it on PostgreSQL too: SQLite serialises writers and hides races.
import type { ApiResponse, Harness } from '../support/harness';
import { component, stockEverywhere, workCenter, usePlant } from '../manufacturing/support';

let h: Harness;
usePlant((started) => (h = started));

const statuses = (rs: ApiResponse[]) => rs.map((r) => r.status).sort();

async function openRequest(): Promise<string> {
  const wc = await workCenter(h);
  const res = await h.post('/api/maintenance-requests', { workCenter: wc.code, reason: 'noise from the gearbox' }, 'technician');
  expect(res.status).toBe(201);
  return res.body.number;
}

test('two repairs taking the same scarce part at once hold exactly what the shop has', async () => {
  const spare = await component(h, { cost: 3, shop: 4 });
  const [a, b] = [await openRequest(), await openRequest()];
  const calls = [a, b, a, b, a, b, a, b].map((n) =>
    h.post(`/api/maintenance-requests/${n}/parts`, { sku: spare.sku, quantity: 1 }, 'technician'),
  );
  const answers = await Promise.all(calls);
  expect(statuses(answers)).toEqual([200, 200, 200, 200, 409, 409, 409, 409]);
  expect(await stockEverywhere(h, spare.sku)).toMatchObject({ shop: 4, shopReserved: 4 });
  expect(await h.stores.production.maintenancePart.count({ where: { sku: spare.sku, status: 'reserved' } })).toBe(4);
});

test('one labour report sent five times at once under one Idempotency-Key counts once', async () => {
  const number = await openRequest();
  const key = { 'Idempotency-Key': `labour-once-${number}` };
  const answers = await Promise.all(
    Array.from({ length: 5 }, () => h.post(`/api/maintenance-requests/${number}/labour`, { minutes: 25 }, 'technician', key)),
  );
  expect(answers.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);
  expect((await h.get(`/api/maintenance-requests/${number}`)).body.labourMinutes).toBe(25);
});

test('a diagnosis decided by several technicians at once is taken once', async () => {
  const number = await openRequest();
  const task = await h.openTask(number, 'diagnose');
  const answers = await Promise.all(
    ['worn belt', 'loose belt', 'belt', 'tensioner', 'motor'].map((d) => h.decide(task.id, 'diagnosed', 'technician', d)),
  );
  expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
  expect(answers.filter((r) => r.status !== 200).every((r) => r.status === 409)).toBe(true);
  const diagnosis = (await h.stores.production.maintenanceRequest.findUniqueOrThrow({ where: { number } })).diagnosis;
  const chosen = answers.findIndex((r) => r.status === 200);
  expect(diagnosis).toBe(['worn belt', 'loose belt', 'belt', 'tensioner', 'motor'][chosen]);
});
