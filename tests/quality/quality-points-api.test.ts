// Quality points through the API: validated at the edge (a measurement needs what it measures and a
// tolerance), against the product's routing (a product made here, an operation it has), listed and deactivated;
// checks and alerts listed with their filters.
import type { Harness } from '../support/harness';
import { component, manufactured, workCenter, usePlant } from '../manufacturing/support';

let h: Harness;
usePlant((started) => (h = started));

async function product() {
  const wc = await workCenter(h);
  const part = await component(h, { cost: 1 });
  return manufactured(h, {
    parts: [{ sku: part.sku, quantity: 1 }],
    steps: [
      { name: 'Cut', workCenter: wc, minutesPerUnit: 1 },
      { name: 'Paint', workCenter: wc, minutesPerUnit: 1 },
    ],
  });
}

const fields = (body: any) => (body.error.details as { field: string }[]).map((d) => d.field);

test('a measurement needs a characteristic and a tolerance; bounds in order; an inspection has neither', async () => {
  const p = await product();
  const base = { productSku: p.sku, operationSequence: 10 };
  const cases: [object, string][] = [
    [{ ...base, kind: 'measure', minValue: 1 }, 'characteristic'],
    [{ ...base, kind: 'measure', characteristic: 'length_mm' }, 'minValue'],
    [{ ...base, kind: 'measure', characteristic: 'length_mm', minValue: 5, maxValue: 4 }, 'maxValue'],
    [{ ...base, kind: 'measure', characteristic: '9 bad name', maxValue: 4 }, 'characteristic'],
    [{ ...base, kind: 'inspection', maxValue: 4 }, 'maxValue'],
    [{ ...base, kind: 'audit' }, 'kind'],
    [{ ...base, kind: 'inspection', onFail: 'ignore' }, 'onFail'],
    [{ ...base, kind: 'inspection', operationSequence: 0 }, 'operationSequence'],
    [{ ...base, kind: 'inspection', colour: 'red' }, '(body)'],
  ];
  for (const [body, field] of cases) {
    const res = await h.post('/api/quality-points', body, 'inspector');
    expect({ body, status: res.status }).toEqual({ body, status: 400 });
    expect(fields(res.body)).toContain(field);
  }
  expect((await h.get(`/api/quality-points?product=${p.sku}`, 'inspector')).body.total).toBe(0);
});

test('the product must be made here and the operation must be in its routing', async () => {
  const p = await product();
  const unknown = await h.post('/api/quality-points', { productSku: 'NO-SUCH-SKU', kind: 'inspection' }, 'planner');
  expect(unknown.status).toBe(400);
  expect(fields(unknown.body)).toEqual(['productSku']);
  const bought = await component(h);
  expect((await h.post('/api/quality-points', { productSku: bought.sku, kind: 'inspection' }, 'planner')).status).toBe(400);
  const noStep = await h.post('/api/quality-points', { productSku: p.sku, operationSequence: 30, kind: 'inspection' }, 'planner');
  expect(noStep.status).toBe(400);
  expect(fields(noStep.body)).toEqual(['operationSequence']);
  expect(noStep.body.error.message).toMatch(/has no operation 30 \(it has 10, 20\)/);
});

test('points are created, listed by product and deactivated; checks and alerts list with their filters', async () => {
  const p = await product();
  const created = await h.post(
    '/api/quality-points',
    { productSku: p.sku, operationSequence: 20, kind: 'measure', characteristic: 'gloss', minValue: 80, onFail: 'scrap' },
    'manager',
  );
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({
    productSku: p.sku,
    operationSequence: 20,
    kind: 'measure',
    minValue: 80,
    onFail: 'scrap',
    active: true,
  });
  const final = await h.post('/api/quality-points', { productSku: p.sku, kind: 'inspection', instructions: 'Scratches?' }, 'inspector');
  expect(final.body).toMatchObject({ kind: 'inspection', onFail: 'rework', createdBy: 'Ines Inspector' });
  expect(final.body.operationSequence).toBeUndefined();

  const listed = (await h.get(`/api/quality-points?product=${p.sku}`, 'planner')).body;
  expect(listed).toMatchObject({ page: 1, total: 2 });
  expect(listed.items.map((i: { id: number }) => i.id)).toEqual([created.body.id, final.body.id]);

  const off = await h.post(`/api/quality-points/${created.body.id}/deactivate`, {}, 'planner');
  expect(off.status).toBe(200);
  expect(off.body.active).toBe(false);
  expect((await h.get(`/api/quality-points?product=${p.sku}&active=true`, 'planner')).body.items).toHaveLength(1);
  expect((await h.post('/api/quality-points/999999/deactivate', {}, 'planner')).status).toBe(404);
  expect((await h.post('/api/quality-points', { productSku: p.sku, kind: 'inspection' }, 'operator')).status).toBe(403);

  expect((await h.get('/api/quality-checks?status=failed&workCenter=NOPE&mo=MO-99999', 'inspector')).body).toEqual({
    page: 1,
    pageSize: 20,
    total: 0,
    items: [],
  });
  expect((await h.get('/api/quality-checks?status=broken', 'inspector')).status).toBe(400);
  expect((await h.get('/api/quality-checks?mo=SO-00001', 'inspector')).status).toBe(400);
  expect((await h.get('/api/quality-alerts?status=open', 'manager')).body).toMatchObject({ total: 0, items: [] });
  expect((await h.get('/api/quality-alerts?status=closed', 'manager')).status).toBe(400);
});
