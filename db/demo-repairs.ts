// The repair bench and the repair BoMs of the demo plant: returned desk lamps, office chairs, drawer units
// and made-to-order goods found repairable are mended on the bench with a spare part. Fixed values, no
// random draws, so the rest of the demo data stays as its seed makes it.
import type { ProductionDb } from './clients';

/** Which goods can be repaired, with the spare parts one repair of a unit takes and its minutes on the bench. */
const REPAIRS: { skus: string[]; parts: { sku: string; quantity: number }[]; setupMinutes: number; minutesPerUnit: number }[] = [
  // Desk lamps: a new LED module and switch.
  {
    skus: range('GD', 1, 10),
    parts: [
      { sku: 'CMP-040', quantity: 1 },
      { sku: 'CMP-046', quantity: 1 },
    ],
    setupMinutes: 10,
    minutesPerUnit: 20,
  },
  // Office chairs: a new gas spring.
  { skus: range('GD', 11, 20), parts: [{ sku: 'CMP-019', quantity: 1 }], setupMinutes: 10, minutesPerUnit: 30 },
  // Drawer units: a pair of drawer slides.
  { skus: range('GD', 91, 100), parts: [{ sku: 'CMP-037', quantity: 2 }], setupMinutes: 15, minutesPerUnit: 25 },
  // Made-to-order goods: refitted with a screw pack and touched up with powder coat.
  {
    skus: range('MFG', 1, 10),
    parts: [
      { sku: 'CMP-049', quantity: 1 },
      { sku: 'CMP-052', quantity: 1 },
    ],
    setupMinutes: 15,
    minutesPerUnit: 45,
  },
];

function range(prefix: string, from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_x, i) => `${prefix}-${String(from + i).padStart(3, '0')}`);
}

export async function seedRepairs(prod: ProductionDb, opts: { simulatorUrl: string; log: (m: string) => void }): Promise<void> {
  // Two benches side by side, on the plant's shifts; its machine is a workstation that reports progress like any other.
  const bench = await prod.workCenter.create({
    data: {
      code: 'BENCH',
      name: 'Repair bench',
      slots: 2,
      costPerHourCents: 2500,
      labourPerHourCents: 3600,
      controllerUrl: `${opts.simulatorUrl}/machines/BENCH`,
    },
  });
  let boms = 0;
  for (const repair of REPAIRS)
    for (const sku of repair.skus) {
      await prod.bom.create({
        data: {
          productSku: sku,
          purpose: 'repair',
          outputQty: 1,
          // The returned unit itself is the first component: one in, one mended out.
          lines: { create: [{ sku, quantity: 1 }, ...repair.parts].map((l) => ({ componentSku: l.sku, quantity: l.quantity })) },
          routing: {
            create: [
              {
                sequence: 10,
                name: 'Repair',
                workCenterId: bench.id,
                setupMinutes: repair.setupMinutes,
                minutesPerUnit: repair.minutesPerUnit,
              },
            ],
          },
        },
      });
      boms++;
    }
  opts.log(`repair bench BENCH; repair BoMs: ${boms}`);
}
