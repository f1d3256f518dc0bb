// The order's running process, addressed by its business key (workflow id = order-<number>).
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { orderWorkflowId } from '../../workflows/order/messages';
import type { OrderProcessSettings } from '../../workflows/order/types';
import { TASK_QUEUES } from '../../workflows/shared/task-queues';

/** Starts the process once; a second start for the same order is a no-op, never a twin. */
export async function startOrderProcess(temporal: Client, orderNumber: string, settings: OrderProcessSettings): Promise<void> {
  try {
    await temporal.workflow.start('orderToDelivery', {
      taskQueue: TASK_QUEUES.orchestration,
      workflowId: orderWorkflowId(orderNumber),
      args: [{ ...settings, orderNumber }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
  }
}

export const orderHandle = (temporal: Client, orderNumber: string) => temporal.workflow.getHandle(orderWorkflowId(orderNumber));
