// A manufacturing order is written with one work order per routing step of the product's active
// BoM. The key says who asked for it (an order line, a parent order's component, a planner's
// request), so asking twice returns the first order instead of making the goods twice.
import type { ProductionDb, ProductionTx } from '../../db/clients';
import { isUniqueViolation } from '../../db/idempotency';
import { nextNumber } from '../../db/sequence';
import { AppError, AppErrorCode } from '../errors';
import type { ParentType } from '../../workflows/manufacturing/types';

export interface NewManufacturingOrder {
  key: string;
  sku: string;
  quantity: number;
  parentType: ParentType;
  parentRef?: string;
  requestedBy: string;
  dueDate?: string;
}

/** The active BoM of a product (newest version) with its routing, or undefined. */
export async function activeBom(db: ProductionDb | ProductionTx, sku: string) {
  return db.bom.findFirst({
    where: { productSku: sku, active: true },
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
  const bom = await activeBom(db, input.sku);
  if (!bom) {
    throw new AppError(AppErrorCode.INVALID_INPUT, {
      message: `sku: ${input.sku} has no active bill of materials, so it cannot be manufactured`,
      details: [{ field: 'sku', message: `${input.sku} has no active bill of materials` }],
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
