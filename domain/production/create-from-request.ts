// A planner's manufacturing order: checked against the product master, written in the production
// store with its work orders, and started. The Idempotency-Key (kept in the operations store like
// every other) replays the first answer; a process that cannot start leaves no order behind.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { OperationsDb, ProductionDb } from '../../db/clients';
import { invalid } from '../errors';
import type { KeyedRequest } from '../idempotency-key';
import { createProductionDocument } from '../processes/create-with-process';
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
  return createProductionDocument(stores.operations, keyed, {
    kind: 'manufacturing_order',
    start,
    remove: (number) => removeManufacturingOrder(stores.production, number),
    write: async () => {
      const product = await stores.operations.product.findUnique({ where: { sku: input.sku } });
      if (!product) throw invalid('sku', `no product with SKU ${input.sku}`);
      return writeManufacturingOrder(stores.production, {
        key: keyed ? `api:${keyed.key}` : `api:${randomUUID()}`,
        sku: input.sku,
        quantity: input.quantity,
        parentType: 'planner',
        requestedBy: opts.userName,
        dueDate: input.dueDate,
      });
    },
  });
}
