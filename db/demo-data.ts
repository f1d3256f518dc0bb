// Realistic demo master data, generated from a fixed seed so every installation looks the same:
// a few hundred products (goods, purchased components, manufactured items with multi-level BoMs
// and routings), two warehouses with stock, customers with credit limits and payment terms,
// suppliers with price lists, lead times and order gateways, and work centers.
import type { OperationsDb, ProductionDb } from './clients';
import { seedRepairs } from './demo-repairs';

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GOODS = [
  'Desk lamp',
  'Office chair',
  'Standing desk',
  'Monitor arm',
  'Bookshelf',
  'Filing cabinet',
  'Whiteboard',
  'Cable tray',
  'Footrest',
  'Drawer unit',
];
const VARIANTS = ['Black', 'White', 'Oak', 'Walnut', 'Grey', 'Steel', 'Compact', 'Large', 'Pro', 'Eco'];
const COMPONENTS = [
  'Steel tube',
  'Hex bolt M6',
  'Hex bolt M8',
  'Washer',
  'Oak panel',
  'MDF board',
  'Gas spring',
  'Castor wheel',
  'Fabric roll',
  'Foam pad',
  'Aluminium profile',
  'Hinge',
  'Drawer slide',
  'LED module',
  'Power cable',
  'Switch',
  'Screw pack',
  'Powder coat',
  'Glue',
  'Packaging box',
];
/** Gas springs and LED modules: a supplier's delivery is checked by an inspector before it is used. */
export const INSPECTED_ON_RECEIPT = ['CMP-019', 'CMP-020', 'CMP-021', 'CMP-040', 'CMP-041', 'CMP-042'];
const CITIES = ['Lyon', 'Porto', 'Ghent', 'Graz', 'Turin', 'Malmö', 'Leeds', 'Bremen', 'Gdańsk', 'Bilbao'];
const FIRMS = ['Trading', 'Interiors', 'Office Supply', 'Workspace', 'Furnishings', 'Design', 'Retail'];

export async function seedDemoData(ops: OperationsDb, prod: ProductionDb, opts: { simulatorUrl: string; log?: (m: string) => void }) {
  const log = opts.log ?? (() => undefined);
  const rnd = prng(20261125);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));

  const east = await ops.warehouse.upsert({ where: { code: 'EAST' }, create: { code: 'EAST', name: 'East depot' }, update: {} });
  const main = await ops.warehouse.findUniqueOrThrow({ where: { code: 'MAIN' } });

  const products: { sku: string; name: string; kind: string; listPriceCents: number; standardCostCents: number }[] = [];
  COMPONENTS.forEach((c, i) =>
    [1, 2, 3].forEach((grade) => {
      const cost = int(20, 4000);
      products.push({
        sku: `CMP-${String(i * 3 + grade).padStart(3, '0')}`,
        name: `${c} grade ${grade}`,
        kind: 'component',
        listPriceCents: Math.round(cost * 1.4),
        standardCostCents: cost,
      });
    }),
  );
  GOODS.forEach((g, i) =>
    VARIANTS.forEach((v, j) => {
      const price = int(1500, 90000);
      products.push({
        sku: `GD-${String(i * 10 + j + 1).padStart(3, '0')}`,
        name: `${g} ${v}`,
        kind: 'stocked',
        listPriceCents: price,
        standardCostCents: Math.round(price * 0.55),
      });
    }),
  );
  for (let i = 1; i <= 30; i++) {
    const price = int(5000, 40000);
    products.push({
      sku: `SUB-${String(i).padStart(3, '0')}`,
      name: `${pick(['Frame', 'Base', 'Top', 'Drawer', 'Lamp head'])} assembly ${i}`,
      kind: 'manufactured',
      listPriceCents: price,
      standardCostCents: Math.round(price * 0.6),
    });
  }
  for (let i = 1; i <= 40; i++) {
    const price = int(20000, 250000);
    products.push({
      sku: `MFG-${String(i).padStart(3, '0')}`,
      name: `${pick(GOODS)} made to order ${i}`,
      kind: 'manufactured',
      listPriceCents: price,
      standardCostCents: Math.round(price * 0.6),
    });
  }
  log(`products: ${products.length}`);
  for (const p of products) {
    await ops.product.create({
      data: {
        ...p,
        taxRateBp: p.kind === 'component' ? 2000 : pick([2000, 2000, 1000]),
        reorderPoint: p.kind === 'manufactured' ? 0 : int(5, 40),
        // Finished goods built for each order; sub-assemblies and the rest are made when short.
        makeToOrder: p.sku.startsWith('MFG-'),
        inspectOnReceipt: INSPECTED_ON_RECEIPT.includes(p.sku),
        // Goods made for one customer come back under a shorter window and a higher fee (RETURN_POLICIES).
        category: p.sku.startsWith('MFG-') ? 'made-to-order' : 'general',
      },
    });
  }
  const all = await ops.product.findMany({ where: { sku: { in: products.map((p) => p.sku) } }, orderBy: { id: 'asc' } });

  for (const p of all.filter((x) => x.kind !== 'manufactured')) {
    await ops.stockLevel.create({ data: { warehouseId: main.id, productId: p.id, onHand: int(0, 400) } });
    if (rnd() < 0.5) await ops.stockLevel.create({ data: { warehouseId: east.id, productId: p.id, onHand: int(0, 120) } });
  }

  for (let i = 1; i <= 60; i++) {
    const tier = i % 10 === 0 ? 'platinum' : i % 4 === 0 ? 'gold' : 'standard';
    await ops.customer.create({
      data: {
        code: `C-${String(i).padStart(4, '0')}`,
        name: `${pick(CITIES)} ${pick(FIRMS)} ${i}`,
        email: `ap${i}@customer${i}.example`,
        tier,
        creditLimitCents: tier === 'platinum' ? 50_000_000 : tier === 'gold' ? 10_000_000 : int(5, 40) * 100_000,
        paymentTermDays: pick([14, 30, 30, 45, 60]),
        invoicePolicy: i % 7 === 0 ? 'ordered' : 'delivered',
      },
    });
  }
  log('customers: 60');

  const suppliers = [];
  for (let i = 1; i <= 12; i++) {
    const code = `S-${String(i).padStart(3, '0')}`;
    suppliers.push(
      await ops.supplier.create({
        data: {
          code,
          name: `${pick(CITIES)} ${pick(['Metals', 'Woodworks', 'Components', 'Wholesale', 'Industrial'])} ${i}`,
          email: `orders@supplier${i}.example`,
          apiUrl: `${opts.simulatorUrl}/suppliers/${code}`,
          paymentTermDays: pick([30, 30, 45, 60]),
          earlyPayDiscountBp: i % 3 === 0 ? 200 : 0,
          earlyPayDays: i % 3 === 0 ? 10 : 0,
        },
      }),
    );
  }
  for (const p of all.filter((x) => x.kind !== 'manufactured')) {
    const offers = [...suppliers].sort(() => rnd() - 0.5).slice(0, int(1, 3));
    for (const [k, s] of offers.entries()) {
      await ops.supplierPrice.create({
        data: {
          supplierId: s.id,
          productId: p.id,
          priceCents: Math.round(p.standardCostCents * (0.9 + rnd() * 0.3)),
          leadTimeDays: int(2, 30),
          minOrderQty: pick([1, 1, 5, 10, 50]),
          preferred: k === 0,
        },
      });
    }
  }
  log('suppliers: 12 with price lists');

  // Two shifts (06:00–21:00) on weekdays; assembly has two lines; a second saw stands in for the first.
  const centers: { id: number; code: string }[] = [];
  for (const [code, name, slots, cost, labour] of [
    ['CUT', 'Cutting', 1, 6500, 3200],
    ['WELD', 'Welding', 1, 8000, 3800],
    ['PAINT', 'Paint line', 1, 5000, 3000],
    ['WOOD', 'Wood shop', 1, 6000, 3400],
    ['ASM', 'Assembly', 2, 4500, 3000],
    ['QC', 'Quality control', 1, 5500, 3600],
    ['CUT2', 'Cutting (backup saw)', 1, 7000, 3200],
  ] as const) {
    centers.push(
      await prod.workCenter.create({
        data: {
          code,
          name,
          slots,
          costPerHourCents: cost,
          labourPerHourCents: labour,
          controllerUrl: `${opts.simulatorUrl}/machines/${code}`,
        },
      }),
    );
  }
  const backupSaw = centers.find((c) => c.code === 'CUT2')!;
  // Preventive maintenance: the welder by the calendar, the paint line by its run time (schedules are made at start).
  for (const [code, plan] of [
    ['WELD', { everyDays: 30, durationMinutes: 240 }],
    ['PAINT', { everyOperatingHours: 200, durationMinutes: 120 }],
  ] as const)
    await prod.maintenancePlan.create({
      data: { workCenterId: centers.find((c) => c.code === code)!.id, ...plan, updatedBy: 'demo data' },
    });
  log('maintenance plans: WELD every 30 days, PAINT every 200 operating hours');
  const components = all.filter((p) => p.kind === 'component');
  const subs = all.filter((p) => p.sku.startsWith('SUB-'));
  const createBom = async (sku: string, parts: { sku: string; quantity: number }[]) => {
    await prod.bom.create({
      data: {
        productSku: sku,
        outputQty: 1,
        lines: { create: parts.map((x) => ({ componentSku: x.sku, quantity: x.quantity, scrapBp: pick([0, 0, 100, 250]) })) },
        routing: {
          create: [0, 1, 2]
            .slice(0, int(2, 3))
            .map((seq) => ({
              sequence: (seq + 1) * 10,
              name: ['Prepare', 'Build', 'Finish'][seq],
              workCenterId: pick(centers.slice(0, 5)).id,
              alternativeWorkCenterId: null as number | null,
              setupMinutes: int(5, 30),
              minutesPerUnit: int(3, 45),
            }))
            .map((step) => ({ ...step, alternativeWorkCenterId: step.workCenterId === centers[0].id ? backupSaw.id : null }))
            .concat([
              {
                sequence: 90,
                name: 'Inspect',
                workCenterId: centers[5].id,
                alternativeWorkCenterId: null,
                setupMinutes: 0,
                minutesPerUnit: 5,
              },
            ]),
        },
      },
    });
  };
  for (const s of subs)
    await createBom(
      s.sku,
      [...components]
        .sort(() => rnd() - 0.5)
        .slice(0, int(2, 5))
        .map((c) => ({ sku: c.sku, quantity: int(1, 8) })),
    );
  for (const m of all.filter((p) => p.sku.startsWith('MFG-'))) {
    const parts = [...subs]
      .sort(() => rnd() - 0.5)
      .slice(0, int(1, 3))
      .map((s) => ({ sku: s.sku, quantity: int(1, 4) }))
      .concat(
        [...components]
          .sort(() => rnd() - 0.5)
          .slice(0, int(1, 3))
          .map((c) => ({ sku: c.sku, quantity: int(1, 12) })),
      );
    await createBom(m.sku, parts);
  }
  // Opening balances are booked as moves too, so shop stock always equals the sum of its moves.
  for (const c of components) {
    const onHand = int(0, 200);
    await prod.productionStock.create({ data: { sku: c.sku, location: 'SHOP', onHand } });
    await prod.productionStockMove.create({
      data: {
        key: `opening:${c.sku}:SHOP`,
        sku: c.sku,
        location: 'SHOP',
        quantity: onHand,
        reason: 'opening_balance',
        reference: 'demo data',
      },
    });
  }
  log(`work centers: ${centers.length}; BoMs: ${subs.length + 40} (two levels); shop stock for ${components.length} components`);
  await seedRepairs(prod, { simulatorUrl: opts.simulatorUrl, log });
}
