// The order's running process, addressed by its business key (workflow id = order-<number>) and
// proven to be this order's own (see processes/process-identity).
import type { Client } from '@temporalio/client';
import type { OperationsDb } from '../../db/clients';
import { notFound } from '../errors';
import { orderWorkflowId } from '../../workflows/order/messages';
import type { OrderProcessSettings } from '../../workflows/order/types';
import { TASK_QUEUES } from '../../workflows/shared/task-queues';
import { ownedHandle, ownerOf, startOwnedProcess } from '../processes/process-identity';

async function orderOwner(db: OperationsDb, orderNumber: string) {
  const order = await db.salesOrder.findUnique({ where: { number: orderNumber }, select: { id: true, createdAt: true } });
  if (!order) throw notFound(`Order ${orderNumber}`);
  return ownerOf(orderWorkflowId(orderNumber), order);
}

/** Starts the process once; a second start for the same order is a no-op, never a twin. */
export async function startOrderProcess(
  db: OperationsDb,
  temporal: Client,
  orderNumber: string,
  settings: OrderProcessSettings,
): Promise<void> {
  await startOwnedProcess(temporal, await orderOwner(db, orderNumber), 'orderToDelivery', {
    taskQueue: TASK_QUEUES.orchestration,
    args: [{ ...settings, orderNumber }],
  });
}

/** The order's own process (404 without the order, 409 when the id belongs to another record's process). */
export const orderHandle = async (db: OperationsDb, temporal: Client, orderNumber: string) =>
  ownedHandle(temporal, await orderOwner(db, orderNumber));
