// A manufacturing order is written with one work order per routing step of the product's active
// BoM for its purpose (a repair order by the repair BoM, every other by the manufacturing one). The key
// says who asked for it (an order line, a parent order's component, a planner's request, a return),
// so asking twice returns the first order instead of making the goods twice.
import type { ProductionDb, ProductionTx } from '../../db/clients';
import { isUniqueViolation } from '../../db/idempotency';
import { nextNumber } from '../../db/sequence';
import { AppError, AppErrorCode } from '../errors';
import type { MoPurpose, ParentType } from '../../workflows/manufacturing/types';

export interface NewManufacturingOrder {
  key: string;
  sku: string;
  quantity: number;
  /** Default manufacture. */
  purpose?: MoPurpose;
  parentType: ParentType;
  parentRef?: string;
  requestedBy: string;
  dueDate?: string;
}

/**
 * The active BoM of a product for a purpose (newest version) with its routing, or undefined. Making a
 * product only ever sees its manufacturing BoM: a repair BoM (the product itself plus spare parts) is
 * not a way to make one.
 */
export async function activeBom(db: ProductionDb | ProductionTx, sku: string, purpose: MoPurpose = 'manufacture') {
  return db.bom.findFirst({
    where: { productSku: sku, purpose, active: true },
    orderBy: { version: 'desc' },
    include: { routing: { orderBy: { sequence: 'asc' } } },
  });
}

export async function writeManufacturingOrder(
  db: ProductionDb,
  input: NewManufacturingOrder,
): Promise<{ number: string; created: boolean }> {
  const earlier = await db.manufacturingOrder.findUnique({ where: { key: input.key } });
  if (earlier) return { number: earlier.number, created: false };
  const purpose = input.purpose ?? 'manufacture';
  const bom = await activeBom(db, input.sku, purpose);
  if (!bom) {
    const [which, what] = purpose === 'repair' ? ['repair bill of materials', 'repaired'] : ['bill of materials', 'manufactured'];
    throw new AppError(AppErrorCode.INVALID_INPUT, {
      message: `sku: ${input.sku} has no active ${which}, so it cannot be ${what}`,
      details: [{ field: 'sku', message: `${input.sku} has no active ${which}` }],
    });
  }
  if (bom.routing.length === 0) {
    throw new AppError(AppErrorCode.INVALID_INPUT, {
      message: `sku: the bill of materials of ${input.sku} has no routing steps`,
      details: [{ field: 'sku', message: `the bill of materials of ${input.sku} has no routing steps` }],
    });
  }
  try {
    return { number: await insert(db, input, bom), created: true };
  } catch (e) {
    // The same request twice at once: the other one wrote the order.
    if (!isUniqueViolation(e)) throw e;
    const winner = await db.manufacturingOrder.findUnique({ where: { key: input.key } });
    if (!winner) throw e;
    return { number: winner.number, created: false };
  }
}

type BomWithRouting = NonNullable<Awaited<ReturnType<typeof activeBom>>>;

async function insert(db: ProductionDb, input: NewManufacturingOrder, bom: BomWithRouting): Promise<string> {
  return db.$transaction(async (tx) => {
    const number = await nextNumber(tx, 'manufacturing-order', 'MO');
    await tx.manufacturingOrder.create({
      data: {
        number,
        key: input.key,
        productSku: input.sku,
        quantity: input.quantity,
        purpose: bom.purpose,
        bomId: bom.id,
        status: 'planned',
        parentType: input.parentType,
        parentRef: input.parentRef,
        requestedBy: input.requestedBy,
        dueDate: input.dueDate ? new Date(input.dueDate) : undefined,
        workOrders: {
          create: bom.routing.map((step) => ({
            sequence: step.sequence,
            name: step.name,
            workCenterId: step.workCenterId,
            status: 'planned',
            minutesPlanned: step.setupMinutes + step.minutesPerUnit * input.quantity,
          })),
        },
      },
    });
    return number;
  });
}

/** Removes an order whose process could not be started, so a refused request leaves nothing behind. */
export async function removeManufacturingOrder(db: ProductionDb, number: string): Promise<void> {
  const mo = await db.manufacturingOrder.findUnique({ where: { number } });
  if (!mo) return;
  await db.$transaction([
    db.workOrder.deleteMany({ where: { moId: mo.id } }),
    db.materialReservation.deleteMany({ where: { moId: mo.id } }),
    db.manufacturingOrder.delete({ where: { id: mo.id } }),
  ]);
}
