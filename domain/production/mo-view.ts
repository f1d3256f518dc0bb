// What people see of a manufacturing order: the record, its work orders planned against actual,
// costs, materials held, child orders and open tasks, with the live state of its process.
import type { Client } from '@temporalio/client';
import type { OperationsDb, ProductionDb } from '../../db/clients';
import { illegal, notFound } from '../errors';
import { fromCents } from '../money';
import { pageOf, type PageQuery } from '../paging';
import { liveState, type ViewOptions } from '../processes/live-state';
import { ownedHandle, ownerOf } from '../processes/process-identity';
import { checksOfOrder } from './quality';
import { cancelManufacturingOrderUpdate, manufacturingOrderStateQuery, moWorkflowId } from '../../workflows/manufacturing/messages';

type Stores = { operations: OperationsDb; production: ProductionDb };

async function record(db: ProductionDb, number: string) {
  const mo = await db.manufacturingOrder.findUnique({
    where: { number },
    include: { workOrders: { include: { workCenter: true }, orderBy: { sequence: 'asc' } }, reservations: true },
  });
  if (!mo) throw notFound(`Manufacturing order ${number}`);
  return mo;
}

const iso = (d: Date | null) => d?.toISOString();

export async function getManufacturingOrderView(stores: Stores, temporal: Client, number: string, opts: ViewOptions = {}) {
  const mo = await record(stores.production, number);
  const [children, tasks, checks] = await Promise.all([
    stores.production.manufacturingOrder.findMany({
      where: { parentRef: number, parentType: 'manufacturing_order' },
      orderBy: { id: 'asc' },
    }),
    stores.operations.task.findMany({ where: { documentRef: number, status: 'open' } }),
    checksOfOrder(stores.production, mo.id),
  ]);
  const failed = checks.filter((c) => c.status === 'failed');
  const running = mo.workOrders.find((w) => w.status === 'running' || w.status === 'held');
  const done = mo.workOrders.filter((w) => w.status === 'done');
  const plannedMinutes = mo.workOrders.reduce((s, w) => s + w.minutesPlanned, 0);
  const doneMinutes = done.reduce((s, w) => s + w.minutesPlanned, 0) + (running ? (running.minutesPlanned * running.progress) / 100 : 0);
  return {
    number: mo.number,
    sku: mo.productSku,
    quantity: mo.quantity,
    purpose: mo.purpose,
    status: mo.status,
    statusNote: mo.statusNote ?? undefined,
    parent: { type: mo.parentType, ref: mo.parentRef ?? undefined },
    requestedBy: mo.requestedBy,
    dueDate: mo.dueDate?.toISOString().slice(0, 10),
    /** The plan finishes after the due date (the end of that day, UTC). */
    late: !!(mo.dueDate && mo.plannedEnd && mo.plannedEnd.getTime() >= mo.dueDate.getTime() + 86_400_000),
    planned: { start: iso(mo.plannedStart), finish: iso(mo.plannedEnd) },
    actual: { start: iso(mo.startedAt), finish: iso(mo.finishedAt) },
    /** Share of the planned machine minutes done, counting the running job's reported progress. */
    progressPercent: plannedMinutes ? Math.round((doneMinutes / plannedMinutes) * 100) : 0,
    currentOperation: running
      ? {
          sequence: running.sequence,
          name: running.name,
          workCenter: running.workCenter.code,
          status: running.status,
          progress: running.progress,
        }
      : undefined,
    workOrders: mo.workOrders.map((w) => ({
      sequence: w.sequence,
      name: w.name,
      workCenter: w.workCenter.code,
      slot: w.slot,
      status: w.status,
      progress: w.progress,
      attempts: w.attempts,
      planned: { start: iso(w.plannedStart), finish: iso(w.plannedEnd), minutes: w.minutesPlanned },
      actual: { start: iso(w.startedAt), finish: iso(w.finishedAt), minutes: w.minutesActual ?? undefined },
      lastHeartbeatAt: iso(w.lastHeartbeatAt),
      qualityChecks: checks.filter((c) => c.operationSequence === w.sequence),
    })),
    /** Failed quality checks and what they led to: the work order ran again (rework) or the goods were made again (scrap). */
    quality: {
      checks: checks.length,
      failed: failed.length,
      reworks: failed.filter((c) => c.outcome === 'rework').length,
      scraps: failed.filter((c) => c.outcome === 'scrap').length,
    },
    materials: mo.reservations.map((r) => ({ sku: r.sku, quantity: r.quantity, status: r.status })),
    costs: {
      materials: fromCents(mo.materialCostCents),
      machine: fromCents(mo.machineCostCents),
      labour: fromCents(mo.labourCostCents),
      total: fromCents(mo.materialCostCents + mo.machineCostCents + mo.labourCostCents),
      loss: fromCents(mo.lossCents),
    },
    childOrders: children.map((c) => ({ number: c.number, sku: c.productSku, quantity: c.quantity, status: c.status })),
    openTasks: tasks.map((t) => ({ id: t.id, kind: t.kind, title: t.title, role: t.role, dueAt: t.dueAt })),
    process: await liveState(
      async () => (await ownedHandle(temporal, ownerOf(moWorkflowId(number), mo))).query(manufacturingOrderStateQuery),
      opts,
    ),
  };
}

export async function listManufacturingOrders(
  db: ProductionDb,
  q: PageQuery & { status?: string; sku?: string; parent?: string; purpose?: string },
) {
  const where = {
    ...(q.status ? { status: q.status } : {}),
    ...(q.purpose ? { purpose: q.purpose } : {}),
    ...(q.sku ? { productSku: q.sku } : {}),
    ...(q.parent ? { parentRef: q.parent } : {}),
  };
  return pageOf(
    q,
    () => db.manufacturingOrder.count({ where }),
    (window) => db.manufacturingOrder.findMany({ where, orderBy: { id: 'desc' }, ...window }),
    (m) => ({
      number: m.number,
      sku: m.productSku,
      quantity: m.quantity,
      purpose: m.purpose,
      status: m.status,
      parent: m.parentRef ?? undefined,
      plannedFinish: iso(m.plannedEnd),
      createdAt: m.createdAt.toISOString(),
    }),
  );
}

export async function cancelManufacturingOrder(stores: Stores, temporal: Client, number: string, reason: string, by: string) {
  const mo = await record(stores.production, number);
  if (['done', 'cancelled', 'failed'].includes(mo.status)) throw illegal(`Manufacturing order ${number} is ${mo.status}`);
  // Sub-assemblies are cancelled through the order that needs them, so its plan stays whole.
  if (mo.parentType === 'return') {
    // The return waits for its repair and settles by its outcome; only the shop floor may call a repair off.
    throw illegal(`Manufacturing order ${number} repairs goods returned under ${mo.parentRef}; it is called off on the shop floor only`);
  }
  if (mo.parentType !== 'planner') {
    throw illegal(`Manufacturing order ${number} was made for ${mo.parentRef}; cancel ${mo.parentRef} instead`);
  }
  return (await ownedHandle(temporal, ownerOf(moWorkflowId(number), mo))).executeUpdate(cancelManufacturingOrderUpdate, {
    args: [{ reason, requestedBy: by }],
  });
}
