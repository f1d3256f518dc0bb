// What must hold in the production store after any test that plans or runs manufacturing orders.
import type { ProductionDb } from '../../db/clients';

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
