// SLA compliance and OTIF over a period in the past: tickets and orders with known times, each
// report's figures checked exactly, and the records just outside the period left out.
import { customer, product } from '../support/fixtures';
import { startHarness, type Harness } from '../support/harness';
import { at, day, deliveredOrder, ticket } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const PERIOD = `from=${day(-20)}&to=${day(-1)}`;

describe('SLA', () => {
  beforeAll(async () => {
    const db = h.stores.operations;
    const standard = await customer(db);
    const gold = await db.customer.update({ where: { id: (await customer(db)).id }, data: { tier: 'gold' } });
    // Met everything.
    await ticket(db, standard.id, at(-10, 9), { priority: 'normal', respondedAfter: 30, resolvedAfter: 240, closed: at(-8) });
    // Agreed high, breached both clocks and was raised to urgent by the escalation: counted as high.
    await ticket(db, standard.id, at(-9, 9), {
      priority: 'urgent',
      agreed: ['high'],
      respondedAfter: 120,
      resolvedAfter: 600,
      closed: at(-5),
      breachedFirstResponse: true,
      breachedResolution: true,
    });
    // Opened normal, set to high by a person, still open.
    await ticket(db, gold.id, at(-7, 9), { priority: 'high', agreed: ['normal', 'high'], respondedAfter: 60 });
    await ticket(db, gold.id, at(-2, 9), { priority: 'low', respondedAfter: 10, resolvedAfter: 20, closed: at(-1) });
    // Outside the period: opened before it, and today.
    await ticket(db, standard.id, at(-30), { priority: 'normal', respondedAfter: 5000, closed: at(-10), breachedResolution: true });
    await ticket(db, standard.id, at(0, 0), { priority: 'normal' });
  });

  test('share closed within SLA, breaches per agreed priority and per policy, mean response and resolution minutes', async () => {
    const res = await h.get(`/api/reports/sla?${PERIOD}`, 'manager');
    expect(res.status).toBe(200);
    expect(res.body.period).toEqual({ from: day(-20), to: day(-1) });
    expect(res.body.basis).toMatch(/agreed/);
    expect(res.body).toMatchObject({
      tickets: 4,
      closed: 3,
      closedWithinSla: 2,
      withinSlaPercent: 66.7,
      firstResponseBreaches: 1,
      resolutionBreaches: 1,
      meanMinutesToFirstResponse: 55,
      meanMinutesToResolution: 286.7,
    });
    const row = (tickets: number, closed: number, within: number, fr: number, rs: number, pct: number | null) => ({
      tickets,
      closed,
      closedWithinSla: within,
      firstResponseBreaches: fr,
      resolutionBreaches: rs,
      withinSlaPercent: pct,
    });
    expect(res.body.byPriority).toEqual([
      { priority: 'low', ...row(1, 1, 1, 0, 0, 100) },
      { priority: 'normal', ...row(1, 1, 1, 0, 0, 100) },
      { priority: 'high', ...row(2, 1, 0, 1, 1, 0) },
      { priority: 'urgent', ...row(0, 0, 0, 0, 0, null) },
    ]);
    expect(res.body.byPolicy).toEqual([
      { priority: 'low', tier: 'gold', ...row(1, 1, 1, 0, 0, 100) },
      { priority: 'normal', tier: 'standard', ...row(1, 1, 1, 0, 0, 100) },
      { priority: 'high', tier: 'gold', ...row(1, 0, 0, 0, 0, null) },
      { priority: 'high', tier: 'standard', ...row(1, 1, 0, 1, 1, 0) },
    ]);
  });

  test('an empty period answers zeros and no means', async () => {
    const res = await h.get(`/api/reports/sla?from=${day(-100)}&to=${day(-90)}`, 'admin');
    expect(res.body).toMatchObject({ tickets: 0, closed: 0, withinSlaPercent: null, meanMinutesToFirstResponse: null, byPolicy: [] });
  });
});

describe('OTIF', () => {
  let c1: { id: number; code: string };
  let c2: { id: number; code: string };
  const numbers: Record<string, string> = {};
  beforeAll(async () => {
    const db = h.stores.operations;
    const p = await product(db);
    c1 = await customer(db);
    c2 = await customer(db);
    const order = async (name: string, c: { id: number }, o: Omit<Parameters<typeof deliveredOrder>[2], 'productId'>) =>
      (numbers[name] = (await deliveredOrder(db, c.id, { ...o, productId: p.id })).number);
    await order('onTimeInFull', c1, { status: 'paid', requested: -5, lines: [{ quantity: 5, delivered: 5 }], deliveries: [at(-6)] });
    await order('late', c1, { status: 'awaiting_payment', requested: -10, lines: [{ quantity: 2, delivered: 2 }], deliveries: [at(-8)] });
    // Two parcels, the last on the requested day; two units cancelled, so eight is in full.
    await order('splitAndCancelled', c2, {
      status: 'closed',
      requested: -3,
      lines: [{ quantity: 10, delivered: 8, cancelled: 2 }],
      deliveries: [at(-4), at(-3, 23)],
    });
    await order('short', c2, { status: 'invoicing', requested: -3, lines: [{ quantity: 4, delivered: 3 }], deliveries: [at(-4)] });
    // The first parcel before the period, the last in it: counted by the last.
    await order('lastInPeriod', c2, {
      status: 'paid',
      requested: -1,
      lines: [
        { quantity: 1, delivered: 1 },
        { quantity: 3, delivered: 3 },
      ],
      deliveries: [at(-30), at(-2)],
    });
    // Not counted: still waiting for goods, a parcel under way, delivered before the period, delivered today.
    await order('backordered', c1, { status: 'backordered', requested: -5, lines: [{ quantity: 5, delivered: 2 }], deliveries: [at(-4)] });
    await order('underWay', c1, { status: 'invoicing', requested: -5, lines: [{ quantity: 5, delivered: 2 }], deliveries: [at(-4), null] });
    await order('before', c1, { status: 'paid', requested: -25, lines: [{ quantity: 1, delivered: 1 }], deliveries: [at(-25)] });
    await order('today', c1, { status: 'paid', requested: 0, lines: [{ quantity: 1, delivered: 1 }], deliveries: [at(0, 0)] });
  });

  test('on time, in full and both, overall and per customer, with the orders that missed', async () => {
    const res = await h.get(`/api/reports/otif?${PERIOD}`, 'manager');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ orders: 5, onTime: 4, inFull: 4, otif: 3, otifPercent: 60, onTimePercent: 80, inFullPercent: 80 });
    expect(res.body.customers).toEqual([
      { code: c2.code, name: 'Test Customer', orders: 3, onTime: 3, inFull: 2, otif: 2, otifPercent: 66.7 },
      { code: c1.code, name: 'Test Customer', orders: 2, onTime: 1, inFull: 2, otif: 1, otifPercent: 50 },
    ]);
    expect(res.body.misses).toEqual(
      expect.arrayContaining([
        {
          number: numbers.late,
          customer: c1.code,
          requestedDate: day(-10),
          deliveredOn: day(-8),
          onTime: false,
          inFull: true,
          ordered: 2,
          delivered: 2,
        },
        {
          number: numbers.short,
          customer: c2.code,
          requestedDate: day(-3),
          deliveredOn: day(-4),
          onTime: true,
          inFull: false,
          ordered: 4,
          delivered: 3,
        },
      ]),
    );
    expect(res.body.misses).toHaveLength(2);
  });

  test('a period ending today takes in the order delivered today', async () => {
    const res = await h.get(`/api/reports/otif?from=${day(-20)}`, 'manager');
    expect(res.body.period).toEqual({ from: day(-20), to: day(0) });
    expect(res.body).toMatchObject({ orders: 6, otif: 4 });
  });
});
