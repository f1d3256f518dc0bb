// The ticket's running process, addressed by its business key (workflow id = ticket-<number>).
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { ticketWorkflowId } from '../../workflows/ticket/messages';
import type { OrderPolicy } from '../../workflows/order/types';
import type { TicketPolicy } from '../../workflows/ticket/types';
import { TASK_QUEUES } from '../../workflows/shared/task-queues';

/** Starts the process once; a second start for the same ticket is a no-op, never a twin. */
export async function startTicketProcess(temporal: Client, ticketNumber: string, policy: TicketPolicy, orderPolicy?: OrderPolicy): Promise<void> {
  try {
    await temporal.workflow.start('serviceTicket', {
      taskQueue: TASK_QUEUES.orchestration,
      workflowId: ticketWorkflowId(ticketNumber),
      args: [{ ticketNumber, policy, orderPolicy }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    });
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
  }
}

export const ticketHandle = (temporal: Client, ticketNumber: string) => temporal.workflow.getHandle(ticketWorkflowId(ticketNumber));
