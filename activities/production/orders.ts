// The manufacturing order record as its process sees it: create, load, status, and the run-time
// cost of its work orders.
import type { ProductionDb, ProductionTx } from '../../db/clients';
import { notFound } from '../../domain/errors';
import { writeManufacturingOrder, type NewManufacturingOrder } from '../../domain/production/create-manufacturing-order';
import type { MoPurpose, MoSnapshot, MoStatus, ParentType } from '../../workflows/manufacturing/types';
import { workOrdersOf } from './planning';

const FINAL: MoStatus[] = ['done', 'cancelled', 'failed'];

/** The manufacturing order with this number, or a not-found failure. */
export async function manufacturingOrderOf(db: ProductionDb | ProductionTx, number: string) {
  const mo = await db.manufacturingOrder.findUnique({ where: { number } });
  if (!mo) throw notFound(`Manufacturing order ${number}`);
  return mo;
}

export function createOrderActivities(db: ProductionDb) {
  const find = (number: string) => manufacturingOrderOf(db, number);
  return {
    /**
     * A child manufacturing order (for an order line, a component, or a returned unit's repair with `purpose: 'repair'`);
     * the key makes a retry return the same one.
     */
    async createManufacturingOrder(input: NewManufacturingOrder): Promise<string> {
      return (await writeManufacturingOrder(db, input)).number;
    },

    async loadManufacturingOrder(input: { moNumber: string }): Promise<MoSnapshot> {
      const mo = await find(input.moNumber);
      return {
        number: mo.number,
        productSku: mo.productSku,
        quantity: mo.quantity,
        purpose: mo.purpose as MoPurpose,
        status: mo.status as MoStatus,
        parentType: mo.parentType as ParentType,
        ...(mo.parentRef ? { parentRef: mo.parentRef } : {}),
        workOrders: await workOrdersOf(db, mo.number),
      };
    },

    /** Status with a note; the first start and the end are stamped. A finished order never changes again. */
    async setManufacturingOrderStatus(input: { moNumber: string; status: MoStatus; note?: string; at: string }): Promise<void> {
      const mo = await find(input.moNumber);
      const at = new Date(input.at);
      await db.manufacturingOrder.updateMany({
        where: { id: mo.id, status: { notIn: FINAL } },
        data: {
          status: input.status,
          statusNote: input.note ?? null,
          ...(input.status === 'in_progress' && !mo.startedAt ? { startedAt: at } : {}),
          ...(FINAL.includes(input.status) ? { finishedAt: at } : {}),
        },
      });
    },

    /** Holds a work order while its machine is down, or calls off what has not run (frees the capacity it held). */
    async setWorkOrderStatus(input: { moNumber: string; sequence: number; status: 'held' | 'planned' }): Promise<void> {
      const mo = await find(input.moNumber);
      await db.workOrder.updateMany({
        where: { moId: mo.id, sequence: input.sequence, status: { in: ['planned', 'held', 'running'] } },
        data: { status: input.status },
      });
    },

    /**
     * Closes an order whose process was never started (its parent was cancelled between writing it
     * and starting it), so no planned order is left behind without a process to run it.
     */
    async cancelUnstartedOrder(input: { moNumber: string; reason: string; at: string }): Promise<void> {
      const mo = await find(input.moNumber);
      await db.$transaction([
        db.workOrder.updateMany({ where: { moId: mo.id, status: 'planned' }, data: { status: 'cancelled' } }),
        db.manufacturingOrder.updateMany({
          where: { id: mo.id, status: 'planned' },
          data: { status: 'cancelled', statusNote: input.reason, finishedAt: new Date(input.at) },
        }),
      ]);
    },

    async cancelOpenWorkOrders(input: { moNumber: string }): Promise<number> {
      const mo = await find(input.moNumber);
      const { count } = await db.workOrder.updateMany({
        where: { moId: mo.id, status: { in: ['planned', 'held', 'running'] } },
        data: { status: 'cancelled' },
      });
      return count;
    },

    /** Machine and labour cost of the work orders that ran: actual minutes × the work center's hourly rates. */
    async workOrderCosts(input: { moNumber: string }): Promise<{ machineCents: number; labourCents: number; minutes: number }> {
      const mo = await find(input.moNumber);
      const done = await db.workOrder.findMany({ where: { moId: mo.id, status: 'done' }, include: { workCenter: true } });
      let machineCents = 0;
      let labourCents = 0;
      let minutes = 0;
      for (const w of done) {
        const m = w.minutesActual ?? w.minutesPlanned;
        minutes += m;
        machineCents += Math.round((m * w.workCenter.costPerHourCents) / 60);
        labourCents += Math.round((m * w.workCenter.labourPerHourCents) / 60);
      }
      return { machineCents, labourCents, minutes };
    },
  };
}
