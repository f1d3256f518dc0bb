// The order's running process, addressed by its business key (workflow id = order-<number>).
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { orderWorkflowId } from '../../workflows/order/messages';
import type { OrderPolicy } from '../../workflows/order/types';
import type { ProcurementPolicy } from '../../workflows/procurement/types';
import { TASK_QUEUES } from '../../workflows/shared/task-queues';

/** Starts the process once; a second start for the same order is a no-op, never a twin. */
export async function startOrderProcess(temporal: Client, orderNumber: string, policy: OrderPolicy, procurementPolicy?: ProcurementPolicy): Promise<void> {
  try {
    await temporal.workflow.start('orderToDelivery', {
      taskQueue: TASK_QUEUES.orchestration,
      workflowId: orderWorkflowId(orderNumber),
      args: [{ orderNumber, policy, ...(procurementPolicy ? { procurementPolicy } : {}) }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
  }
}

export const orderHandle = (temporal: Client, orderNumber: string) => temporal.workflow.getHandle(orderWorkflowId(orderNumber));
