// People acting on a running return. Each action is an update to the return's process: the process
// decides whether it is allowed now, and a refusal comes back with its reason (409, or 400 naming
// the field for a line that is not on the return or more units than it lists).
import type { Client } from '@temporalio/client';
import type { OperationsDb } from '../../db/clients';
import { illegal } from '../errors';
import { cancelReturnUpdate, receiveReturnUpdate } from '../../workflows/returns/messages';
import type { ReturnReceiptResult } from '../../workflows/returns/types';
import { returnHandle } from './return-process';
import { returnSnapshot } from './return-snapshot';

type ReceiptLines = { lineNo: number; quantity: number }[];

/** Units per return line, so the same lines in another order or split differently compare equal. */
const unitsPerLine = (lines: ReceiptLines) => {
  const out = new Map<number, number>();
  for (const l of lines) out.set(l.lineNo, (out.get(l.lineNo) ?? 0) + l.quantity);
  return [...out.entries()].sort((a, b) => a[0] - b[0]).join(';');
};

/** The receipt with this reference, answered from the books: the same lines are a repeat, others a conflict. */
async function receiptOnFile(db: OperationsDb, number: string, reference: string, lines: ReceiptLines) {
  const earlier = await db.returnReceipt.findFirst({ where: { reference, customerReturn: { number } } });
  if (!earlier) return undefined;
  if (unitsPerLine(JSON.parse(earlier.lines) as ReceiptLines) !== unitsPerLine(lines))
    throw illegal(`Receipt ${reference} was already booked on ${number} with other lines; a different arrival needs its own reference`);
  const result: ReturnReceiptResult = { reference, duplicate: true, lines: (await returnSnapshot(db, number)).lines };
  return result;
}

/** `duplicate: false` when this request booked the goods; true when an earlier one with the reference had. */
export async function receiveReturn(
  db: OperationsDb,
  temporal: Client,
  number: string,
  input: { reference: string; lines: ReceiptLines },
  by: string,
): Promise<ReturnReceiptResult> {
  const handle = await returnHandle(db, temporal, number);
  const earlier = await receiptOnFile(db, number, input.reference, input.lines);
  if (earlier) return earlier;
  try {
    return await handle.executeUpdate(receiveReturnUpdate, { args: [{ ...input, receivedBy: by }] });
  } catch (e) {
    // A twin of this request may have booked the last units meanwhile, and the process moved on.
    const late = await receiptOnFile(db, number, input.reference, input.lines);
    if (late) return late;
    throw e;
  }
}

export async function cancelReturn(db: OperationsDb, temporal: Client, number: string, reason: string, by: string) {
  return (await returnHandle(db, temporal, number)).executeUpdate(cancelReturnUpdate, { args: [{ reason, requestedBy: by }] });
}
