// Field visits with spare parts from MAIN: reservation, consumption on the technician's report,
// rescheduling after a failed visit, no double-booking, and the invoice for billable work.
import { ACCOUNTS } from '../../activities/operations/ledger';
import { createTicketActivities } from '../../activities/operations/tickets';
import { slotsFrom } from '../../domain/calendar';
import { loadCalendar } from '../../domain/tickets/service-calendar';
import { startHarness, type Harness } from '../support/harness';
import { customer, ledgerBalances, product, receivableOf, stockOf, inFourWeeks } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';
import { DAY, openTicket, ticketRow, waitForTicket } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timeSkipping: true });
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

const db = () => h.stores.operations;

test('a visit reserves parts; the report books what was used out of stock and releases the rest', async () => {
  const part = await product(db(), { price: 40, stock: 10 });
  const { number } = await openTicket(h, { productSku: part.sku });
  const scheduled = await h.post(
    `/api/tickets/${number}/visits`,
    { technician: 'TE-01', parts: [{ sku: part.sku, quantity: 3 }] },
    'agent',
  );
  expect(scheduled.status).toBe(201);
  expect(scheduled.body).toMatchObject({
    number: `${number}-V1`,
    technician: 'TE-01',
    status: 'scheduled',
    parts: [{ sku: part.sku, reserved: 3, used: 0 }],
  });
  expect(await stockOf(db(), part.id)).toEqual({ onHand: 10, reserved: 3 });
  // One visit at a time, and nothing can be resolved while it is open.
  expect((await h.post(`/api/tickets/${number}/visits`, { parts: [] }, 'agent')).status).toBe(409);
  expect((await h.post(`/api/tickets/${number}/resolution`, { resolution: 'done' }, 'agent')).status).toBe(409);

  // Only the visit's technician (or a supervisor) reports it.
  const report = { outcome: 'completed', minutesSpent: 50, partsUsed: [{ sku: part.sku, quantity: 2 }] };
  expect((await h.post(`/api/tickets/${number}/visits/${number}-V1/report`, report, 'agent')).status).toBe(403);
  const tooMany = await h.post(
    `/api/tickets/${number}/visits/${number}-V1/report`,
    { ...report, partsUsed: [{ sku: part.sku, quantity: 4 }] },
    'technician',
  );
  expect(tooMany.status).toBe(400);
  expect(tooMany.body.error.message).toMatch(/partsUsed\.0\.quantity/);
  const reported = await h.post(`/api/tickets/${number}/visits/${number}-V1/report`, report, 'technician');
  expect(reported.status).toBe(200);
  expect(reported.body.visit).toMatchObject({ status: 'completed', minutesSpent: 50, parts: [{ sku: part.sku, reserved: 3, used: 2 }] });
  expect(reported.body.rescheduled).toBeUndefined();
  expect(await stockOf(db(), part.id)).toEqual({ onHand: 8, reserved: 0 });
  const moves = await db().stockMove.findMany({ where: { productId: part.id, reference: number } });
  expect(moves.map((m) => ({ quantity: m.quantity, reason: m.reason }))).toEqual([{ quantity: -2, reason: 'field_service' }]);
  // Reporting twice is refused.
  expect((await h.post(`/api/tickets/${number}/visits/${number}-V1/report`, report, 'technician')).status).toBe(409);
});

test('a failed visit is rebooked in the next free slot with the parts reserved again', async () => {
  const part = await product(db(), { price: 15, stock: 5 });
  const { number } = await openTicket(h, { productSku: part.sku });
  const first = await h.post(
    `/api/tickets/${number}/visits`,
    { technician: 'TE-01', parts: [{ sku: part.sku, quantity: 2 }] },
    'supervisor',
  );
  expect(first.status).toBe(201);
  const failed = await h.post(
    `/api/tickets/${number}/visits/${number}-V1/report`,
    { outcome: 'failed', minutesSpent: 30, partsUsed: [], notes: 'wrong spare part model' },
    'technician',
  );
  expect(failed.status).toBe(200);
  expect(failed.body.visit.status).toBe('failed');
  const again = failed.body.rescheduled;
  expect(again).toMatchObject({ number: `${number}-V2`, status: 'scheduled', parts: [{ sku: part.sku, reserved: 2, used: 0 }] });
  expect(Date.parse(again.slotStart)).toBeGreaterThan(Date.parse(first.body.slotStart));
  expect(await stockOf(db(), part.id)).toEqual({ onHand: 5, reserved: 2 });

  const noShow = await h.post(
    `/api/tickets/${number}/visits/${number}-V2/report`,
    { outcome: 'no_show', minutesSpent: 0, partsUsed: [] },
    'supervisor',
  );
  expect(noShow.status).toBe(200);
  const third = noShow.body.rescheduled;
  expect(third.number).toBe(`${number}-V3`);
  const done = await h.post(
    `/api/tickets/${number}/visits/${third.number}/report`,
    { outcome: 'completed', minutesSpent: 20, partsUsed: [{ sku: part.sku, quantity: 2 }] },
    'supervisor',
  );
  expect(done.status).toBe(200);
  expect(await stockOf(db(), part.id)).toEqual({ onHand: 3, reserved: 0 });
  expect((await db().fieldVisit.findMany({ where: { ticket: { number } }, orderBy: { id: 'asc' } })).map((v) => v.status)).toEqual([
    'failed',
    'no_show',
    'completed',
  ]);
});

test('a failed visit that cannot be rebooked has its planning task in the inbox when the report is answered', async () => {
  const part = await product(db(), { stock: 2 });
  const { number } = await openTicket(h, { productSku: part.sku });
  expect(
    (await h.post(`/api/tickets/${number}/visits`, { technician: 'TE-01', parts: [{ sku: part.sku, quantity: 2 }] }, 'supervisor')).status,
  ).toBe(201);
  // Both parts were fitted and the visit still failed: no stock is left to rebook the same parts.
  const failed = await h.post(
    `/api/tickets/${number}/visits/${number}-V1/report`,
    { outcome: 'failed', minutesSpent: 40, partsUsed: [{ sku: part.sku, quantity: 2 }] },
    'technician',
  );
  expect(failed.status).toBe(200);
  expect(failed.body.rescheduled).toBeUndefined();
  const tasks = await db().task.findMany({ where: { documentRef: number, kind: 'visit-reschedule', status: 'open' } });
  expect(tasks).toHaveLength(1);
  // The report is answered only after the task was opened: work the process starts is finished, never left
  // running beside a process that may complete before it.
  const events = (await h.env.client.workflow.getHandle(`ticket-${number}`).fetchHistory()).events ?? [];
  const reschedule = events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'openTask').pop()!;
  const opened = events.findIndex((e) => String(e.activityTaskCompletedEventAttributes?.scheduledEventId) === String(reschedule.eventId));
  const answered = events.findIndex(
    (e) =>
      e.workflowExecutionUpdateCompletedEventAttributes &&
      events.some(
        (a) =>
          a.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'reportVisit' &&
          a.workflowExecutionUpdateAcceptedEventAttributes.protocolInstanceId ===
            e.workflowExecutionUpdateCompletedEventAttributes!.meta?.updateId,
      ),
  );
  expect(opened).toBeGreaterThan(0);
  expect(opened).toBeLessThan(answered);
  expect((await h.decide(tasks[0].id, 'done', 'agent')).status).toBe(200);
});

test('a technician slot cannot be booked twice; parts beyond free stock are refused', async () => {
  const part = await product(db(), { stock: 1 });
  const a = await openTicket(h);
  const b = await openTicket(h);
  const first = await h.post(`/api/tickets/${a.number}/visits`, { technician: 'TE-02' }, 'agent');
  expect(first.status).toBe(201);
  const clash = await h.post(`/api/tickets/${b.number}/visits`, { technician: 'TE-02', slotStart: first.body.slotStart }, 'agent');
  expect(clash.status).toBe(409);
  expect(clash.body.error.message).toMatch(/already booked/);
  const short = await h.post(`/api/tickets/${b.number}/visits`, { parts: [{ sku: part.sku, quantity: 2 }] }, 'agent');
  expect(short.status).toBe(409);
  expect(short.body.error.message).toMatch(/Only 1 of/);
  expect(await stockOf(db(), part.id)).toEqual({ onHand: 1, reserved: 0 });
  const badSlot = await h.post(`/api/tickets/${b.number}/visits`, { slotStart: '2020-01-01T09:00:00Z' }, 'agent');
  expect(badSlot.status).toBe(400);
  expect(badSlot.body.error.message).toMatch(/slotStart/);
  // Without a slot the same technician gets the next free one.
  const next = await h.post(`/api/tickets/${b.number}/visits`, { technician: 'TE-02' }, 'agent');
  expect(next.status).toBe(201);
  expect(next.body.slotStart).not.toBe(first.body.slotStart);
  for (const [n, v] of [
    [a.number, first.body.number],
    [b.number, next.body.number],
  ]) {
    expect((await h.post(`/api/tickets/${n}/visits/${v}/report`, { outcome: 'completed', minutesSpent: 10 }, 'supervisor')).status).toBe(
      200,
    );
  }
});

test('billable work (no warranty) is invoiced on close: labour per quarter hour and parts, ledger balanced', async () => {
  const c = await customer(db(), { paymentTermDays: 14 });
  const part = await product(db(), { price: 40, stock: 4, taxPct: 20 });
  const before = await ledgerBalances(db());
  const { number } = await openTicket(h, { customer: c.code, productSku: part.sku });
  expect((await ticketRow(h, number)).underWarranty).toBe(false);
  await h.post(`/api/tickets/${number}/visits`, { technician: 'TE-01', parts: [{ sku: part.sku, quantity: 1 }] }, 'agent');
  expect(
    (
      await h.post(
        `/api/tickets/${number}/visits/${number}-V1/report`,
        { outcome: 'completed', minutesSpent: 50, partsUsed: [{ sku: part.sku, quantity: 1 }] },
        'technician',
      )
    ).status,
  ).toBe(200);
  expect((await h.post(`/api/tickets/${number}/resolution`, { resolution: 'Board replaced on site' }, 'agent')).status).toBe(200);
  expect((await h.post(`/api/tickets/${number}/confirmation`, { decision: 'confirm', satisfaction: 4 }, h.portal(c.code))).status).toBe(
    200,
  );

  const invoice = await h.eventually(
    () => db().invoice.findUnique({ where: { key: `ticket:${number}:invoice` }, include: { lines: true } }),
    'ticket invoice',
  );
  // 50 minutes → 4 started quarter hours × 25.00 = 100.00; one part 40.00; 20 % tax on both
  expect(invoice).toMatchObject({
    kind: 'invoice',
    orderId: null,
    customerId: c.id,
    status: 'posted',
    netCents: 14_000,
    taxCents: 2_800,
    totalCents: 16_800,
  });
  expect(invoice.number).toMatch(/^INV-\d{5}$/);
  expect(invoice.dueAt.getTime() - invoice.issuedAt.getTime()).toBe(14 * DAY);
  expect(invoice.lines.map((l) => l.quantity).sort()).toEqual([1, 4]);
  expect(await receivableOf(db(), c.code)).toBe(16_800);
  const after = await ledgerBalances(db());
  const delta = (acc: string) => (after[acc] ?? 0) - (before[acc] ?? 0);
  expect({ receivables: delta(ACCOUNTS.receivables), revenue: delta(ACCOUNTS.revenue), tax: delta(ACCOUNTS.taxPayable) }).toEqual({
    receivables: 16_800,
    revenue: -14_000,
    tax: -2_800,
  });
  const view = await h.get(`/api/tickets/${number}`, 'agent');
  expect(view.body.invoice).toMatchObject({ number: invoice.number, total: 168 });
  await waitForTicket(h, number, (t) => t.satisfaction === 4, 'satisfaction recorded');
});

test('work under warranty (order placed by the customer within two years) is not invoiced', async () => {
  const c = await customer(db());
  const part = await product(db(), { stock: 3 });
  const order = await h.post(
    '/api/orders',
    { customer: c.code, requestedDate: inFourWeeks(), lines: [{ sku: part.sku, quantity: 1 }] },
    'operator',
  );
  expect(order.status).toBe(201);
  const { number } = await openTicket(h, { customer: c.code, productSku: part.sku, orderRef: order.body.number });
  expect((await ticketRow(h, number)).underWarranty).toBe(true);
  await h.post(`/api/tickets/${number}/visits`, { technician: 'TE-01' }, 'agent');
  await h.post(`/api/tickets/${number}/visits/${number}-V1/report`, { outcome: 'completed', minutesSpent: 90 }, 'technician');
  await h.post(`/api/tickets/${number}/resolution`, { resolution: 'Adjusted' }, 'agent');
  expect((await h.post(`/api/tickets/${number}/confirmation`, { decision: 'confirm' }, h.portal(c.code))).status).toBe(200);
  await h.eventually(async () => (await db().ticketEvent.count({ where: { ticket: { number }, kind: 'closed' } })) === 1, 'closed');
  await new Promise((r) => setTimeout(r, 500));
  expect(await db().invoice.findUnique({ where: { key: `ticket:${number}:invoice` } })).toBeNull();
});

test('a replacement under warranty is a free sales order delivered by its own order process, which outlives the ticket', async () => {
  const c = await customer(db());
  const part = await product(db(), { price: 80, stock: 5 });
  const original = await h.post(
    '/api/orders',
    { customer: c.code, requestedDate: inFourWeeks(), lines: [{ sku: part.sku, quantity: 1 }] },
    'operator',
  );
  const { number } = await openTicket(h, { customer: c.code, productSku: part.sku, orderRef: original.body.number });
  expect((await h.post(`/api/tickets/${number}/replacement-orders`, { lines: [{ sku: part.sku, quantity: 1 }] }, 'customer')).status).toBe(
    403,
  );
  const bad = await h.post(`/api/tickets/${number}/replacement-orders`, { lines: [{ sku: 'SVC-LABOUR-15', quantity: 1 }] }, 'agent');
  expect(bad.status).toBe(400);
  const res = await h.post(`/api/tickets/${number}/replacement-orders`, { lines: [{ sku: part.sku, quantity: 1 }] }, 'agent');
  expect(res.status).toBe(201);
  expect(res.body.free).toBe(true);
  const orderNumber = res.body.orderNumber as string;
  const order = await db().salesOrder.findUniqueOrThrow({ where: { number: orderNumber } });
  expect(order).toMatchObject({ customerId: c.id, netCents: 0, createdBy: 'Gina Agent' });
  await h.waitForStatus(orderNumber, 'awaiting_delivery');
  // Closing the ticket leaves the delivery running.
  await h.post(`/api/tickets/${number}/resolution`, { resolution: 'Replacement sent' }, 'agent');
  await h.post(`/api/tickets/${number}/confirmation`, { decision: 'confirm', satisfaction: 5 }, h.portal(c.code));
  await waitForTicket(h, number, (t) => t.status === 'closed', 'closed');
  expect((await h.post(`/api/orders/${orderNumber}/delivery-confirmation`, {}, 'operator')).status).toBe(200);
  await h.waitForStatus(orderNumber, 'paid'); // nothing to pay on a free replacement
});

test('visit activities are idempotent per key, and two bookings of one slot cannot both commit', async () => {
  const acts = createTicketActivities(db());
  const part = await product(db(), { stock: 4 });
  const a = await openTicket(h);
  const b = await openTicket(h);
  const at = new Date(await h.env.currentTimeMs());
  const [slot] = slotsFrom(new Date(at.getTime() + 60 * DAY), 120, 1, await loadCalendar(db(), 'STD'));
  const request = {
    ticketNumber: a.number,
    visitNumber: `${a.number}-X1`,
    at: at.toISOString(),
    technician: 'TE-02',
    slotStart: slot.start.toISOString(),
    parts: [{ sku: part.sku, quantity: 1 }],
    by: 'test',
  };
  const first = await acts.scheduleVisit(request);
  expect(await acts.scheduleVisit(request)).toEqual(first); // a retried step
  expect(await stockOf(db(), part.id)).toEqual({ onHand: 4, reserved: 1 });

  const [slot2] = slotsFrom(new Date(slot.end.getTime()), 120, 1, await loadCalendar(db(), 'STD'));
  const race = await Promise.allSettled(
    [a, b].map((t, i) =>
      acts.scheduleVisit({
        ...request,
        ticketNumber: t.number,
        visitNumber: `${t.number}-X${i + 2}`,
        slotStart: slot2.start.toISOString(),
      }),
    ),
  );
  expect(race.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  expect(String((race.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.message)).toMatch(/already booked/);
  expect(await stockOf(db(), part.id)).toEqual({ onHand: 4, reserved: 2 });

  const won = (race.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ number: string }>).value.number;
  const report = {
    ticketNumber: a.number,
    visitNumber: first.number,
    at: at.toISOString(),
    outcome: 'completed' as const,
    minutesSpent: 5,
    partsUsed: [{ sku: part.sku, quantity: 1 }],
    by: 'test',
  };
  await acts.reportVisit(report);
  await acts.reportVisit(report);
  await acts.reportVisit({ ...report, ticketNumber: won.replace(/-X\d+$/, ''), visitNumber: won });
  expect(await stockOf(db(), part.id)).toEqual({ onHand: 2, reserved: 0 });
  expect(await db().stockMove.count({ where: { productId: part.id } })).toBe(2);
});
