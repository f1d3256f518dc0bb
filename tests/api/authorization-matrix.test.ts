// Every endpoint of the registry × every role: no key is 401; a role the endpoint does not admit is
// 403 and changes nothing (no row in either store, no process started); an admitted role
// gets past authorization. A new endpoint is covered by being registered.
import type { z } from 'zod';
import { ROLES, type Role } from '../../config';
import type { Access } from '../../api/endpoint';
import { ENDPOINTS } from '../../api/registry';
import { Prisma } from '../../generated/operations/sqlite/client';
import { Prisma as ProductionModels } from '../../generated/production/sqlite/client';
import { customer, product } from '../support/fixtures';
import { USERS, startHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  // One user per role holding only that role (the shared test users combine some).
  for (const role of ROLES)
    USERS.push({ key: `k-only-${role}`, name: `Only ${role}`, roles: [role], ...(role === 'customer' ? { customer: 'C-PORTAL' } : {}) });
  h = await startHarness();
});
afterAll(async () => h?.close());

// Written independently of the server's check, from what each access rule promises.
const admits = (access: Access, role: Role) =>
  access === 'anyone' || (access === 'staff' ? role !== 'customer' : role === 'admin' || access.roles.includes(role));

// Well-formed identifiers of records that do not exist; each path parameter takes the first its schema accepts.
const SAMPLE_IDS = [
  'SO-99999',
  'INV-99999',
  'REQ-99999',
  'PO-99999',
  'TCK-99999',
  'TCK-99999-V1',
  'order-SO-99999:credit-hold',
  'order-SO-99999',
  'MO-99999',
  '99999',
  'MNT-99999',
  'RET-99999',
  'order',
];

function urlOf(e: (typeof ENDPOINTS)[number]): string {
  return e.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const s = e.params?.shape[name] as z.ZodType | undefined;
    const v = SAMPLE_IDS.find((id) => s?.safeParse(id).success);
    if (!v) throw new Error(`${e.id}: no sample for path parameter ${name}; add a well-formed one to SAMPLE_IDS`);
    return encodeURIComponent(v);
  });
}

// Requests that would write if they were let through.
async function bodies(): Promise<Record<string, unknown>> {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db);
  return {
    'orders.create': { customer: c.code, requestedDate: '2027-01-15', lines: [{ sku: p.sku, quantity: 1 }] },
    'procurement.createRequisition': {
      costCenter: 'CC-100',
      justification: 'Workshop stock',
      lines: [{ sku: p.sku, quantity: 1, neededBy: '2027-01-15' }],
    },
    'tickets.create': { customer: c.code, subject: 'Broken', description: 'It does not start', channel: 'email' },
    'stock.receive': { reference: 'GRN-MATRIX', lines: [{ sku: p.sku, quantity: 5 }] },
    'manufacturing.create': { sku: await makeable(p.sku), quantity: 1 },
    // The work center makeable() wrote.
    'maintenance.create': { workCenter: 'WC-MATRIX', reason: 'Spindle jammed' },
    'products.create': { sku: 'P-MATRIX', name: 'Matrix', kind: 'stocked', listPrice: 1, standardCost: 1 },
    'customers.create': { code: 'C-MATRIX', name: 'Matrix', email: 'ap@matrix.example', creditLimit: 100 },
    'suppliers.create': { code: 'S-MATRIX', name: 'Matrix', email: 'po@matrix.example', apiUrl: 'http://127.0.0.1:9/suppliers/S-MATRIX' },
    'workCenters.create': { code: 'WC-MATRIX-2', name: 'Matrix', costPerHour: 1 },
    'returns.create': {
      order: await delivered(c.id, p.id),
      reason: 'Arrived scratched',
      lines: [{ lineNo: 1, quantity: 1, outcome: 'replacement' }],
    },
  };
}

/** An order whose line was delivered, written directly, so a return of it would be accepted if let through. */
async function delivered(customerId: number, productId: number): Promise<string> {
  const db = h.stores.operations;
  const warehouse = await db.warehouse.findUniqueOrThrow({ where: { code: 'MAIN' } });
  const order = await db.salesOrder.create({
    data: {
      number: 'SO-90001',
      customerId,
      warehouseId: warehouse.id,
      status: 'delivered',
      requestedDate: new Date(),
      netCents: 100,
      taxCents: 0,
      deliverySteps: 1,
      createdBy: 'matrix',
      lines: {
        create: [{ lineNo: 1, productId, quantity: 1, unitPriceCents: 100, taxRateBp: 0, shippedQty: 1, deliveredQty: 1 }],
      },
    },
  });
  return order.number;
}

/** Gives the product a BoM and routing, so a manufacturing order for it would be written if let through. */
async function makeable(sku: string): Promise<string> {
  const wc = await h.stores.production.workCenter.create({ data: { code: 'WC-MATRIX', name: 'Matrix', costPerHourCents: 100 } });
  await h.stores.production.bom.create({
    data: { productSku: sku, routing: { create: [{ sequence: 10, name: 'Make', workCenterId: wc.id, minutesPerUnit: 1 }] } },
  });
  return sku;
}

async function footprint() {
  const rows: Record<string, number> = {};
  for (const [store, models] of [
    ['operations', Object.values(Prisma.ModelName)],
    ['production', Object.values(ProductionModels.ModelName)],
  ] as const) {
    const db = h.stores[store] as unknown as Record<string, { count(): Promise<number> }>;
    for (const model of models) rows[`${store}.${model}`] = await db[model[0].toLowerCase() + model.slice(1)].count();
  }
  let processes = 0;
  for await (const _ of h.env.client.workflow.list()) processes++;
  return { rows, processes };
}

const call = (e: (typeof ENDPOINTS)[number], as: string | null, body: unknown) =>
  h.api(e.method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', urlOf(e), {
    as: as as never,
    body: ['post', 'put', 'patch'].includes(e.method) ? (body ?? {}) : undefined,
  });

test('the registry lists every endpoint with an access rule', () => {
  expect(ENDPOINTS.length).toBeGreaterThanOrEqual(30);
  expect(new Set(ENDPOINTS.map((e) => `${e.method} ${e.path}`)).size).toBe(ENDPOINTS.length);
});

test('without a key or with an unknown key every endpoint is 401', async () => {
  for (const e of ENDPOINTS) {
    expect({ e: e.id, status: (await call(e, null, {})).status }).toEqual({ e: e.id, status: 401 });
    expect({ e: e.id, status: (await call(e, 'no-such-key', {})).status }).toEqual({ e: e.id, status: 401 });
  }
});

test('a role the endpoint does not admit is 403 and writes nothing, starts nothing', async () => {
  const body = await bodies();
  const before = await footprint();
  let refused = 0;
  for (const e of ENDPOINTS) {
    for (const role of ROLES.filter((r) => !admits(e.access, r))) {
      const res = await call(e, `only-${role}`, body[e.id]);
      expect({ e: e.id, role, status: res.status, code: res.body?.error?.code }).toEqual({ e: e.id, role, status: 403, code: 'FORBIDDEN' });
      refused++;
    }
  }
  expect(refused).toBeGreaterThan(200);
  expect(await footprint()).toEqual(before);
});

test('an admitted role gets past authorization on every endpoint', async () => {
  for (const e of ENDPOINTS) {
    for (const role of ROLES.filter((r) => admits(e.access, r))) {
      const res = await call(e, `only-${role}`, {});
      const outcome = { e: e.id, role, status: res.status, passed: ![401, 403].includes(res.status) && res.status < 500 };
      expect(outcome).toEqual({ ...outcome, passed: true });
    }
  }
});
