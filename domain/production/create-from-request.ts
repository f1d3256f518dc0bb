// A planner's manufacturing order: checked against the product master, written in the production
// store with its work orders, and started. The Idempotency-Key (kept in the operations store like
// every other) replays the first answer; a process that cannot start leaves no order behind.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { OperationsDb, ProductionDb } from '../../db/clients';
import { isUniqueViolation } from '../../db/idempotency';
import { AppError, AppErrorCode, invalid } from '../errors';
import { earlierResult, type KeyedRequest } from '../idempotency-key';
import { ownerOf, startOwnedProcess } from '../processes/process-identity';
import { moWorkflowId } from '../../workflows/manufacturing/messages';
import type { ManufacturingOrderInput } from '../../workflows/manufacturing/types';
import { TASK_QUEUES } from '../../workflows/shared/task-queues';
import { removeManufacturingOrder, writeManufacturingOrder } from './create-manufacturing-order';

export async function createManufacturingOrder(opts: {
  stores: { operations: OperationsDb; production: ProductionDb };
  temporal: Client;
  process: Omit<ManufacturingOrderInput, 'moNumber'>;
  input: { sku: string; quantity: number; dueDate?: string };
  userName: string;
  keyed?: KeyedRequest;
}): Promise<{ number: string; created: boolean }> {
  const { stores, temporal, input, keyed } = opts;
  const start = async (number: string) => {
    const mo = await stores.production.manufacturingOrder.findUniqueOrThrow({ where: { number } });
    await startOwnedProcess(temporal, ownerOf(moWorkflowId(number), mo), 'manufacturingOrder', {
      taskQueue: TASK_QUEUES.orchestration,
      args: [{ moNumber: number, ...opts.process } satisfies ManufacturingOrderInput],
    });
  };
  const earlier = await earlierResult(stores.operations, keyed);
  if (earlier) {
    await start(earlier); // heals a start that failed after the order was written
    return { number: earlier, created: false };
  }
  const product = await stores.operations.product.findUnique({ where: { sku: input.sku } });
  if (!product) throw invalid('sku', `no product with SKU ${input.sku}`);
  const written = await writeManufacturingOrder(stores.production, {
    key: keyed ? `api:${keyed.key}` : `api:${randomUUID()}`,
    sku: input.sku,
    quantity: input.quantity,
    parentType: 'planner',
    requestedBy: opts.userName,
    dueDate: input.dueDate,
  });
  try {
    await start(written.number);
  } catch (e) {
    if (written.created) await removeManufacturingOrder(stores.production, written.number);
    if (e instanceof AppError) throw e;
    throw new AppError(AppErrorCode.UNAVAILABLE, {
      message: `The process engine is unavailable (${(e as Error).message}); nothing was saved, retry the request`,
    });
  }
  if (keyed) {
    await stores.operations.idempotencyRecord
      .create({ data: { key: keyed.key, requestHash: keyed.hash, resourceRef: written.number } })
      .catch((e: unknown) => {
        if (!isUniqueViolation(e)) throw e;
      });
  }
  return written;
}
