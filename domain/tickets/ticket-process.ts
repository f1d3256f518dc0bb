// The ticket's running process, addressed by its business key (workflow id = ticket-<number>) and
// proven to be this ticket's own (see processes/process-identity).
import type { Client } from '@temporalio/client';
import type { OperationsDb } from '../../db/clients';
import { notFound } from '../errors';
import { ticketWorkflowId } from '../../workflows/ticket/messages';
import type { OrderPolicy } from '../../workflows/order/types';
import type { TicketPolicy } from '../../workflows/ticket/types';
import { TASK_QUEUES } from '../../workflows/shared/task-queues';
import { ownedHandle, ownerOf, startOwnedProcess } from '../processes/process-identity';

async function ticketOwner(db: OperationsDb, ticketNumber: string) {
  const ticket = await db.ticket.findUnique({ where: { number: ticketNumber }, select: { id: true, createdAt: true } });
  if (!ticket) throw notFound(`Ticket ${ticketNumber}`);
  return ownerOf(ticketWorkflowId(ticketNumber), ticket);
}

/** Starts the process once; a second start for the same ticket is a no-op, never a twin. */
export async function startTicketProcess(
  db: OperationsDb,
  temporal: Client,
  ticketNumber: string,
  policy: TicketPolicy,
  orderPolicy?: OrderPolicy,
): Promise<void> {
  await startOwnedProcess(temporal, await ticketOwner(db, ticketNumber), 'serviceTicket', {
    taskQueue: TASK_QUEUES.orchestration,
    args: [{ ticketNumber, policy, orderPolicy }],
  });
}

/** The ticket's own process (404 without the ticket, 409 when the id belongs to another record's process). */
export const ticketHandle = async (db: OperationsDb, temporal: Client, ticketNumber: string) =>
  ownedHandle(temporal, await ticketOwner(db, ticketNumber));
