// A small plant for manufacturing tests: work centers wired to this harness's machine simulator,
// bought components with known costs and stock, and manufactured products with BoMs and routings.
import { startHarness, type Harness } from '../support/harness';
import { uniq } from '../support/fixtures';
import { assertInvariants } from '../support/invariants';
import { repairBom as repairBomOf, stockShop } from '../support/production-fixtures';
import { assertNoDoubleBooking, assertProductionInvariants } from '../support/production-invariants';

/**
 * One harness for the test file, with machine timings short enough for tests (a stall is noticed
 * after 2 s, two failed runs move the work), and both stores' invariants checked after every test.
 */
export function usePlant(started: (h: Harness) => void): void {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness({ policies: { manufacturing: { machineHeartbeatTimeoutMs: 2_000, machineAttempts: 2 } } });
    started(h);
  });
  afterAll(async () => h?.close());
  afterEach(async () => {
    await assertInvariants(h!.stores.operations);
    await assertProductionInvariants(h!.stores.operations, h!.stores.production);
    await assertNoDoubleBooking(h!.stores.production);
  });
}

/** A work center open around the clock (plans are then easy to check), controlled at /machines/<code>. */
export async function workCenter(
  h: Harness,
  opts: { code?: string; slots?: number; ratePerHour?: number; labourPerHour?: number; controller?: boolean } = {},
) {
  const code = opts.code ?? uniq('WC');
  return h.stores.production.workCenter.create({
    data: {
      code,
      name: `Work center ${code}`,
      slots: opts.slots ?? 1,
      workdays: '1,2,3,4,5,6,7',
      openMinute: 0,
      closeMinute: 1440,
      timezone: 'UTC',
      costPerHourCents: Math.round((opts.ratePerHour ?? 60) * 100),
      labourPerHourCents: Math.round((opts.labourPerHour ?? 30) * 100),
      controllerUrl: opts.controller === false ? null : `${h.simulator.url}/machines/${code}`,
    },
  });
}

/** A repair bench: two places, a low machine rate and a fitter's labour rate, its workstation on the machine simulator. */
export async function bench(h: Harness, opts: { slots?: number; ratePerHour?: number; labourPerHour?: number } = {}) {
  return workCenter(h, {
    code: uniq('BENCH'),
    slots: opts.slots ?? 2,
    ratePerHour: opts.ratePerHour ?? 24,
    labourPerHour: opts.labourPerHour ?? 36,
  });
}

/** The product's repair BoM: the returned unit plus the spare parts, one step 'Repair' on the bench. */
export async function repairBom(
  h: Harness,
  sku: string,
  parts: { sku: string; quantity: number }[],
  step: { workCenter: { id: number }; setupMinutes?: number; minutesPerUnit: number },
) {
  const { workCenter: center, ...minutes } = step;
  return repairBomOf(h.stores.production, sku, parts, { workCenterId: center.id, ...minutes });
}

/** A bought component costing `cost`, with stock in the warehouse (MAIN) and on the shop floor. */
export async function component(h: Harness, opts: { cost?: number; warehouse?: number; shop?: number } = {}) {
  const ops = h.stores.operations;
  const main = await ops.warehouse.findUniqueOrThrow({ where: { code: 'MAIN' } });
  const p = await ops.product.create({
    data: {
      sku: uniq('CMP'),
      name: 'Test component',
      kind: 'component',
      listPriceCents: Math.round((opts.cost ?? 2) * 140),
      standardCostCents: Math.round((opts.cost ?? 2) * 100),
      taxRateBp: 0,
    },
  });
  await ops.stockLevel.create({ data: { warehouseId: main.id, productId: p.id, onHand: opts.warehouse ?? 0 } });
  if (opts.shop) await stockShop(h.stores.production, p.sku, opts.shop);
  return p;
}

export interface Step {
  name?: string;
  workCenter: { id: number };
  alternative?: { id: number };
  setupMinutes?: number;
  minutesPerUnit: number;
}

/** A manufactured product with an active BoM and routing; `makeToOrder` products are made per order line. */
export async function manufactured(
  h: Harness,
  opts: {
    parts: { sku: string; quantity: number; scrapBp?: number }[];
    steps: Step[];
    makeToOrder?: boolean;
    price?: number;
    cost?: number;
    outputQty?: number;
  },
) {
  const ops = h.stores.operations;
  const main = await ops.warehouse.findUniqueOrThrow({ where: { code: 'MAIN' } });
  const p = await ops.product.create({
    data: {
      sku: uniq('MFG'),
      name: 'Test manufactured product',
      kind: 'manufactured',
      makeToOrder: opts.makeToOrder ?? false,
      // As in the demo data: goods made for one customer fall under the made-to-order return policy.
      category: opts.makeToOrder ? 'made-to-order' : 'general',
      listPriceCents: Math.round((opts.price ?? 100) * 100),
      standardCostCents: Math.round((opts.cost ?? 40) * 100),
      taxRateBp: 0,
    },
  });
  await ops.stockLevel.create({ data: { warehouseId: main.id, productId: p.id, onHand: 0 } });
  await h.stores.production.bom.create({
    data: {
      productSku: p.sku,
      outputQty: opts.outputQty ?? 1,
      lines: { create: opts.parts.map((l) => ({ componentSku: l.sku, quantity: l.quantity, scrapBp: l.scrapBp ?? 0 })) },
      routing: {
        create: opts.steps.map((s, i) => ({
          sequence: (i + 1) * 10,
          name: s.name ?? `Step ${i + 1}`,
          workCenterId: s.workCenter.id,
          alternativeWorkCenterId: s.alternative?.id ?? null,
          setupMinutes: s.setupMinutes ?? 0,
          minutesPerUnit: s.minutesPerUnit,
        })),
      },
    },
  });
  return p;
}

export async function machine(h: Harness, code: string, control: object) {
  const res = await fetch(`${h.simulator.url}/machines/${code}/control`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(control),
  });
  if (!res.ok) throw new Error(`machine control ${code}: ${res.status} ${await res.text()}`);
}

export async function machineJobs(
  h: Harness,
  code: string,
): Promise<{ jobId: string; state: string; progress: number; starts: number[] }[]> {
  const body = (await (await fetch(`${h.simulator.url}/machines/${code}`)).json()) as {
    jobs: { jobId: string; state: string; progress: number; starts: number[] }[];
  };
  return body.jobs;
}

export const moStatus = async (h: Harness, number: string) =>
  (await h.stores.production.manufacturingOrder.findUniqueOrThrow({ where: { number } })).status;

export async function waitMo(h: Harness, number: string, status: string, timeoutMs = 60_000) {
  await h.eventually(
    async () => (await moStatus(h, number)) === status,
    `${number} to be ${status} (is ${await moStatus(h, number).catch(() => '?')})`,
    timeoutMs,
  );
}

/** Starts a planner's manufacturing order through the API and returns its number. */
export async function planMo(h: Harness, sku: string, quantity: number): Promise<string> {
  const res = await h.post('/api/manufacturing-orders', { sku, quantity }, 'planner');
  if (res.status !== 201) throw new Error(`creating a manufacturing order answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.number;
}

/** Stock on hand in the warehouse (MAIN) and on the shop floor. */
export async function stockEverywhere(h: Harness, sku: string) {
  const level = await h.stores.operations.stockLevel.findFirst({ where: { product: { sku }, warehouse: { code: 'MAIN' } } });
  const shop = await h.stores.production.productionStock.findUnique({ where: { sku_location: { sku, location: 'SHOP' } } });
  return { main: level?.onHand ?? 0, mainReserved: level?.reserved ?? 0, shop: shop?.onHand ?? 0, shopReserved: shop?.reserved ?? 0 };
}

/** A process's history events of the given types, as JSON. */
export async function historyEvents(h: Harness, workflowId: string) {
  const history = await h.env.client.workflow.getHandle(workflowId).fetchHistory();
  return history.events ?? [];
}
