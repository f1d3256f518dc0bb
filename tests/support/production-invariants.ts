// Checks on the production store, alone and against the operations store, run after tests that move shop stock.
import type { OperationsDb, ProductionDb, ProductionTx } from '../../db/clients';
import { snapshot } from './snapshot';

/**
 * Shop stock is its moves summed, never negative nor over-reserved, reserved exactly what active
 * reservations hold, and every unit that crossed between the stores was booked on both sides.
 */
export async function assertProductionInvariants(ops: OperationsDb, production: ProductionDb): Promise<void> {
  const crossings = await snapshot(production, (prod) => checkShop(prod));
  const opsSum = async (reason: string) =>
    (await ops.stockMove.aggregate({ where: { reason }, _sum: { quantity: true } }))._sum.quantity ?? 0;
  // Each side's moves carry opposite signs, so a crossing booked on both sides sums to zero.
  const toShop = { warehouses: await opsSum('to_production'), shop: crossings.toShop };
  const fromShop = { warehouses: await opsSum('from_production'), shop: crossings.fromShop };
  expect({ toShop, balance: toShop.warehouses + toShop.shop }).toEqual({ toShop, balance: 0 });
  expect({ fromShop, balance: fromShop.warehouses + fromShop.shop }).toEqual({ fromShop, balance: 0 });
}

/** The shop's own checks, read in one snapshot; returns its side of the crossings between the stores. */
async function checkShop(prod: ProductionTx): Promise<{ toShop: number; fromShop: number }> {
  const levels = await prod.productionStock.findMany();
  const moves = await prod.productionStockMove.groupBy({ by: ['sku', 'location'], _sum: { quantity: true } });
  const moved = (sku: string, location: string) => moves.find((m) => m.sku === sku && m.location === location)?._sum.quantity ?? 0;
  expect(levels.map((l) => ({ sku: l.sku, location: l.location, onHand: l.onHand }))).toEqual(
    levels.map((l) => ({ sku: l.sku, location: l.location, onHand: moved(l.sku, l.location) })),
  );
  const unbooked = moves.filter((m) => !levels.some((l) => l.sku === m.sku && l.location === m.location) && (m._sum.quantity ?? 0) !== 0);
  expect(unbooked).toEqual([]);
  expect(levels.filter((l) => l.onHand < 0 || l.reserved < 0 || l.reserved > l.onHand)).toEqual([]);

  // Materials held for manufacturing orders and spare parts held for repairs.
  const active = await prod.materialReservation.groupBy({ by: ['sku', 'location'], where: { status: 'active' }, _sum: { quantity: true } });
  const spares = await prod.maintenancePart.groupBy({ by: ['sku', 'location'], where: { status: 'reserved' }, _sum: { quantity: true } });
  const held = (sku: string, location: string) =>
    [...active, ...spares].filter((a) => a.sku === sku && a.location === location).reduce((s, a) => s + (a._sum.quantity ?? 0), 0);
  expect(levels.map((l) => ({ sku: l.sku, reserved: l.reserved }))).toEqual(
    levels.map((l) => ({ sku: l.sku, reserved: held(l.sku, l.location) })),
  );
  expect([...active, ...spares].filter((a) => !levels.some((l) => l.sku === a.sku && l.location === a.location))).toEqual([]);

  const prodSum = async (reasons: string[]) =>
    (await prod.productionStockMove.aggregate({ where: { reason: { in: reasons } }, _sum: { quantity: true } }))._sum.quantity ?? 0;
  return { toShop: await prodSum(['transfer_in']), fromShop: await prodSum(['handover', 'transfer_out']) };
}

/** No two active work orders (planned, running, held) overlap in one slot of one work center. */
export async function assertNoDoubleBooking(prod: ProductionDb): Promise<void> {
  const active = await prod.workOrder.findMany({
    where: { status: { in: ['planned', 'running', 'held'] }, plannedStart: { not: null }, plannedEnd: { not: null } },
    orderBy: [{ workCenterId: 'asc' }, { slot: 'asc' }, { plannedStart: 'asc' }],
    include: { mo: { select: { number: true } } },
  });
  const clashes: string[] = [];
  for (const [i, a] of active.entries()) {
    for (const b of active.slice(i + 1)) {
      if (b.workCenterId !== a.workCenterId || b.slot !== a.slot) continue;
      if (b.plannedStart! < a.plannedEnd! && b.plannedEnd! > a.plannedStart!)
        clashes.push(
          `work center ${a.workCenterId} slot ${a.slot}: ${a.mo.number}/${a.sequence} ${a.plannedStart!.toISOString()}–${a.plannedEnd!.toISOString()}` +
            ` overlaps ${b.mo.number}/${b.sequence} ${b.plannedStart!.toISOString()}–${b.plannedEnd!.toISOString()}`,
        );
    }
  }
  expect(clashes).toEqual([]);
}
