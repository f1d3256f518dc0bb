// The return's running process, addressed by its business key (workflow id = return-<number>) and
// proven to be this return's own (see processes/process-identity).
import type { Client } from '@temporalio/client';
import type { OperationsDb } from '../../db/clients';
import { notFound } from '../errors';
import { returnWorkflowId } from '../../workflows/returns/messages';
import type { ReturnProcessInput } from '../../workflows/returns/types';
import { TASK_QUEUES } from '../../workflows/shared/task-queues';
import { ownedHandle, ownerOf, startOwnedProcess } from '../processes/process-identity';

/** How a return's process is started: everything but the return number. */
export type ReturnProcessSettings = Omit<ReturnProcessInput, 'returnNumber'>;

async function returnOwner(db: OperationsDb, returnNumber: string) {
  const r = await db.customerReturn.findUnique({ where: { number: returnNumber }, select: { id: true, createdAt: true } });
  if (!r) throw notFound(`Return ${returnNumber}`);
  return ownerOf(returnWorkflowId(returnNumber), r);
}

/** Starts the process once; a second start for the same return is a no-op, never a twin. */
export async function startReturnProcess(
  db: OperationsDb,
  temporal: Client,
  returnNumber: string,
  settings: ReturnProcessSettings,
): Promise<void> {
  const input: ReturnProcessInput = { ...settings, returnNumber };
  await startOwnedProcess(temporal, await returnOwner(db, returnNumber), 'customerReturn', {
    taskQueue: TASK_QUEUES.orchestration,
    args: [input],
  });
}

/** The return's own process (404 without the return, 409 when the id belongs to another record's process). */
export const returnHandle = async (db: OperationsDb, temporal: Client, returnNumber: string) =>
  ownedHandle(temporal, await returnOwner(db, returnNumber));
