// The engine keeps going when a partner or a worker fails, and never does a side effect twice.
import { startHarness, type Harness } from '../support/harness';
import { customer, orderBody, product, stockOf } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

const carrierControl = async (body: object) => {
  const res = await fetch(`${h.simulator.url}/control/carriers/SWIFT`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reset: true, ...body }),
  });
  return res.json() as Promise<{ calls: number }>;
};

test('carrier outage: booking is retried with backoff until the carrier answers, and the history shows the attempts', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { stock: 5 });
  const callsBefore = (await carrierControl({ failNext: 3 })).calls;
  const { body } = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 1 }]));
  await h.waitForStatus(body.number, 'awaiting_delivery', 60_000);
  const after = (await (await fetch(`${h.simulator.url}/control/carriers/SWIFT`)).json()) as { calls: number };
  expect(after.calls - callsBefore).toBe(4);
  const history = await h.get(`/api/processes/order-${body.number}/history`, 'manager');
  const booking = history.body.entries.find((e: { step: string }) => e.step === 'book carrier');
  expect(booking).toMatchObject({ outcome: 'completed', attempts: 4, detail: expect.stringMatching(/answered 503/) });
  expect(await db.shipment.count({ where: { order: { number: body.number } } })).toBe(1);
  expect(await stockOf(db, p.id)).toEqual({ onHand: 4, reserved: 0 });
});

test('a worker restart in the middle of a carrier booking: the process completes with no duplicated side effects', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { price: 25, stock: 6, taxPct: 0 });
  await carrierControl({ delayMs: 3_000 });
  const { body } = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 2 }]));
  const number: string = body.number;
  const handle = h.env.client.workflow.getHandle(`order-${number}`);
  await h.eventually(
    async () => (await handle.describe()).raw.pendingActivities?.some((a) => a.activityType?.name === 'bookCarrier'),
    'carrier booking in flight',
  );

  await h.stopWorkers(); // the in-flight booking's worker goes away
  await carrierControl({ delayMs: 0 });
  await h.startWorkers();

  await h.waitForStatus(number, 'awaiting_delivery', 90_000);
  expect((await h.post(`/api/orders/${number}/delivery-confirmation`, {})).status).toBe(200);
  await h.waitForStatus(number, 'awaiting_payment');
  expect((await h.post(`/api/orders/${number}/payments`, { reference: `PAY-${number}`, amount: 50 })).status).toBe(201);
  await h.waitForStatus(number, 'paid');

  const shipments = await db.shipment.findMany({ where: { order: { number } } });
  expect(shipments).toHaveLength(1);
  expect([...h.simulator.bookings.values()].filter((b) => b.shipmentNumber === shipments[0].number)).toHaveLength(1);
  expect(await db.stockMove.count({ where: { reference: shipments[0].number } })).toBe(1);
  expect(await stockOf(db, p.id)).toEqual({ onHand: 4, reserved: 0 });
  expect(await db.reservation.count({ where: { orderLine: { order: { number } } } })).toBe(1);
  expect(await db.invoice.count({ where: { order: { number } } })).toBe(1);
  const invoice = await db.invoice.findFirstOrThrow({ where: { order: { number } } });
  expect(await db.journalEntry.count({ where: { sourceRef: invoice.number } })).toBe(2); // the invoice and its payment
  expect(await db.payment.count({ where: { invoiceId: invoice.id } })).toBe(1);
});
