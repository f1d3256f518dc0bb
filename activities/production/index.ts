// Activities on the production store, registered on the production task queue so the shop-floor
// side scales and fails independently of the office side.
import type { ProductionDb } from '../../db/clients';
import { notFound } from '../../domain/errors';
import { explodeBom, type BomLookup } from '../../domain/bom';
import { withFailureTypes } from '../errors';
import { createOrderActivities } from './orders';
import { createMaterialActivities } from './materials';
import { createMaintenanceActivities } from './maintenance';
import { createMachineActivities, type MachineActivityOptions } from './machines';
import { createPlanningActivities } from './planning';
import { createQualityActivities } from './quality';
import { createPreventiveMaintenanceActivities } from './preventive-maintenance';

export function createProductionActivities(db: ProductionDb, opts: MachineActivityOptions = {}) {
  const lookup: BomLookup = async (sku) => {
    const bom = await db.bom.findFirst({
      // Only how a product is made: a repair BoM's lines (the product itself) would read as a cycle.
      where: { productSku: sku, purpose: 'manufacture', active: true },
      orderBy: { version: 'desc' },
      include: { lines: true },
    });
    return bom
      ? { outputQty: bom.outputQty, lines: bom.lines.map((l) => ({ sku: l.componentSku, quantity: l.quantity, scrapBp: l.scrapBp })) }
      : undefined;
  };
  return withFailureTypes({
    ...createOrderActivities(db),
    ...createMaterialActivities(db),
    ...createMachineActivities(db, opts),
    ...createPlanningActivities(db),
    ...createQualityActivities(db),
    ...createMaintenanceActivities(db),
    ...createPreventiveMaintenanceActivities(db),
    /** Multi-level BoM explosion: the purchased components (leaves) needed to make `quantity` of `sku`. */
    async explodeBom(input: { sku: string; quantity: number }) {
      if (!(await lookup(input.sku))) throw notFound(`Active BoM for ${input.sku}`);
      return explodeBom(input.sku, input.quantity, lookup);
    },

    /** Of the given SKUs, those with an active repair BoM with a routing: only their returned units can be repaired. */
    async repairableSkus(input: { skus: string[] }): Promise<string[]> {
      const boms = await db.bom.findMany({
        where: { productSku: { in: input.skus }, purpose: 'repair', active: true, routing: { some: {} } },
        select: { productSku: true },
      });
      return [...new Set(boms.map((b) => b.productSku))].sort();
    },

    /** Free shop-floor stock (on hand − reserved) of the given SKUs at a location. */
    async productionAvailability(input: { skus: string[]; location: string }): Promise<Record<string, number>> {
      const rows = await db.productionStock.findMany({ where: { sku: { in: input.skus }, location: input.location } });
      return Object.fromEntries(
        input.skus.map((sku) => {
          const r = rows.find((x) => x.sku === sku);
          return [sku, r ? r.onHand - r.reserved : 0];
        }),
      );
    },
  });
}

export type ProductionActivities = ReturnType<typeof createProductionActivities>;
