// Throughput of every kind of process over two weeks in the past, by day and by week; then who may
// read the reports and how bad dates and periods are refused.
import { customer, product } from '../support/fixtures';
import { startHarness, type Harness } from '../support/harness';
import { supplier } from '../procurement/support';
import { at, day, deliveredOrder } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const PERIOD = `from=${day(-70)}&to=${day(-57)}`;

describe('throughput', () => {
  beforeAll(async () => {
    const db = h.stores.operations;
    const prod = h.stores.production;
    const c = await customer(db);
    const p = await product(db);
    const order = async (status: string, created: Date, changed: Date) => {
      const o = await deliveredOrder(db, c.id, {
        status,
        requested: -1,
        lines: [{ quantity: 1, delivered: 1 }],
        deliveries: [],
        productId: p.id,
      });
      return db.salesOrder.update({ where: { id: o.id }, data: { createdAt: created, updatedAt: changed } });
    };
    await order('paid', at(-70, 9), at(-68, 9));
    await order('cancelled', at(-69, 9), at(-69, 15));
    await order('closed', at(-80), at(-60)); // started before the period, completed in it
    await order('picking', at(-65, 9), at(-65, 9));
    await order('received', at(-56), at(-56)); // after the period
    const requisition = (status: string, changed: Date) =>
      db.requisition.create({
        data: {
          number: `REQ-R${status}`,
          requester: 't',
          costCenter: 'CC',
          justification: 'r',
          status,
          totalCents: 0,
          createdAt: at(-66, 10),
          updatedAt: changed,
        },
      });
    const r1 = await requisition('completed', at(-66, 16));
    await requisition('rejected', at(-65, 10));
    const s = await supplier(h);
    await db.purchaseOrder.create({
      data: {
        number: 'PO-R1',
        requisitionId: r1.id,
        supplierId: s.id,
        status: 'closed_short',
        requestedDate: at(-60),
        totalCents: 0,
        createdAt: at(-64),
        updatedAt: at(-62),
      },
    });
    const ticket = (n: string, created: Date, closed: Date | null) =>
      db.ticket.create({
        data: {
          number: n,
          customerId: c.id,
          subject: 's',
          description: 'd',
          channel: 'email',
          priority: 'normal',
          status: closed ? 'closed' : 'open',
          createdBy: 't',
          createdAt: created,
          closedAt: closed,
        },
      });
    await ticket('TCK-R1', at(-63, 8), at(-63, 20));
    await ticket('TCK-R2', at(-58), null);
    const mo = (n: string, status: string, created: Date, finished: Date | null, changed: Date) =>
      prod.manufacturingOrder.create({
        data: {
          number: n,
          key: n,
          productSku: p.sku,
          quantity: 1,
          bomId: 1,
          status,
          parentType: 'planner',
          requestedBy: 't',
          createdAt: created,
          finishedAt: finished,
          updatedAt: changed,
        },
      });
    // Changed again long after it finished: dated by when it finished.
    await mo('MO-R1', 'done', at(-60, 0), at(-59, 0), at(-50));
    await mo('MO-R2', 'failed', at(-75), null, at(-58));
    const wc = await prod.workCenter.create({ data: { code: 'WC-R', name: 'R', costPerHourCents: 100 } });
    await prod.maintenanceRequest.create({
      data: {
        number: 'MNT-R1',
        key: 'MNT-R1',
        workCenterId: wc.id,
        kind: 'corrective',
        status: 'done',
        reason: 'r',
        raisedBy: 't',
        createdAt: at(-57, 6),
        updatedAt: at(-57, 18),
      },
    });
    const sold = await deliveredOrder(db, c.id, {
      status: 'paid',
      requested: -90,
      lines: [{ quantity: 2, delivered: 2 }],
      deliveries: [at(-90)],
      productId: p.id,
    });
    for (const status of ['done', 'expired'])
      await db.customerReturn.create({
        data: {
          number: `RET-R${status}`,
          key: `r-${status}`,
          orderId: sold.id,
          customerId: c.id,
          reason: 'r',
          status,
          requestedBy: 't',
          createdAt: at(-61),
          closedAt: at(-58),
        },
      });
  });

  test('per day: started, completed and stopped per kind, and the mean hours to complete', async () => {
    const res = await h.get(`/api/reports/throughput?${PERIOD}&bucket=day`, 'manager');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ period: { from: day(-70), to: day(-57) }, bucket: 'day' });
    expect(res.body.buckets).toHaveLength(14);
    expect(res.body.buckets[0]).toBe(day(-70));
    const totals = Object.fromEntries(
      Object.entries(res.body.kinds as Record<string, { series: unknown }>).map(([k, { series: _, ...t }]) => [k, t]),
    );
    expect(totals).toEqual({
      orders: { started: 3, completed: 2, stopped: 1, meanHoursToComplete: 264 },
      requisitions: { started: 2, completed: 1, stopped: 1, meanHoursToComplete: 6 },
      purchaseOrders: { started: 1, completed: 1, stopped: 0, meanHoursToComplete: 48 },
      tickets: { started: 2, completed: 1, stopped: 0, meanHoursToComplete: 12 },
      manufacturingOrders: { started: 1, completed: 1, stopped: 1, meanHoursToComplete: 24 },
      maintenanceRequests: { started: 1, completed: 1, stopped: 0, meanHoursToComplete: 12 },
      returns: { started: 2, completed: 1, stopped: 1, meanHoursToComplete: 72 },
    });
    const orders = res.body.kinds.orders.series as { bucket: string }[];
    expect(orders.find((b) => b.bucket === day(-69))).toEqual({ bucket: day(-69), started: 1, completed: 0, stopped: 1 });
    expect(orders.find((b) => b.bucket === day(-60))).toEqual({ bucket: day(-60), started: 0, completed: 1, stopped: 0 });
    expect(res.body.kinds.manufacturingOrders.series.find((b: { bucket: string }) => b.bucket === day(-59)).completed).toBe(1);
  });

  test('per week: buckets named by their Monday, the same totals', async () => {
    const res = await h.get(`/api/reports/throughput?${PERIOD}&bucket=week`, 'manager');
    const mondays = res.body.buckets as string[];
    expect(mondays.every((m) => new Date(`${m}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    expect(mondays[0] <= day(-70) && day(-70) < mondays[1]).toBe(true);
    const series = res.body.kinds.orders.series as { started: number; completed: number }[];
    expect(series.reduce((s, b) => s + b.started, 0)).toBe(3);
    expect(series.reduce((s, b) => s + b.completed, 0)).toBe(2);
  });
});

describe('who may read the reports', () => {
  const reports = ['receivables-aging', 'payables-due', 'sla', 'otif', 'throughput'];
  test.each(reports)('%s: managers and admins; other staff and portal keys 403', async (report) => {
    for (const user of ['manager', 'finance', 'admin'] as const) expect((await h.get(`/api/reports/${report}`, user)).status).toBe(200);
    for (const user of ['operator', 'agent', 'ap_clerk', 'customer', h.portal('C-0001')] as const) {
      const res = await h.get(`/api/reports/${report}`, user);
      expect({ user, status: res.status, code: res.body.error.code }).toEqual({ user, status: 403, code: 'FORBIDDEN' });
    }
  });
});

describe('bad dates and periods are 400 naming the field', () => {
  test.each([
    ['receivables-aging?asOf=2026-13-01', 'asOf'],
    ['receivables-aging?asOf=yesterday', 'asOf'],
    ['receivables-aging?top=0', 'top'],
    ['payables-due?within=0', 'within'],
    ['payables-due?within=400', 'within'],
    ['sla?from=2026-02-30', 'from'],
    ['sla?from=2026-05-02&to=2026-05-01', 'from'],
    ['otif?to=0999-01-01', 'to'],
    ['otif?to=', 'to'],
    ['sla?from=&to=2026-05-01', 'from'],
    ['otif?from=2024-01-01&to=2025-12-31', 'to'],
    ['throughput?from=2020-01-01', 'to'],
    ['throughput?bucket=month', 'bucket'],
  ])('%s → %s', async (query, field) => {
    const res = await h.get(`/api/reports/${query}`, 'manager');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_INPUT');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });
});
