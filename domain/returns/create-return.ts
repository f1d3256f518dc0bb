// Accepting a customer return: check the request against the order, then in one transaction take
// the units off what may still come back (a conditional update per order line), write the return
// with its lines, the ticket's event and the audit row (and the Idempotency-Key record), and start
// its process. If the process cannot be started, everything is undone, units included.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { OperationsDb, OperationsTx } from '../../db/clients';
import { nextNumber } from '../../db/sequence';
import { addTicketEvent } from '../../activities/operations/tickets-core';
import { audit } from '../../activities/operations/ledger';
import { AppError, AppErrorCode } from '../errors';
import { rememberResult, type KeyedRequest } from '../idempotency-key';
import { createWithProcess } from '../processes/create-with-process';
import type { TCreateReturnRequest } from '../../api/routes/returns.schemas';
import { checkReturnRequest, returnableOrder, type CheckedLine } from './return-request';
import { startReturnProcess, type ReturnProcessSettings } from './return-process';

/**
 * The Idempotency-Key belongs to the return, scoped to its order: whoever sends the same key for the
 * same order (the customer on the portal or an operator for them) gets the same return.
 */
const returnKey = (order: string, header: string) => `return:${order}:${header}`;
const ticketEventKey = (returnNumber: string) => `return:${returnNumber}:requested`;

export async function createReturn(opts: {
  db: OperationsDb;
  temporal: Client;
  process: ReturnProcessSettings;
  input: TCreateReturnRequest;
  userName: string;
  /** Set for a customer-portal key: only this customer's orders may be returned. */
  portalCustomer?: string;
  keyed?: KeyedRequest;
}): Promise<{ number: string; created: boolean }> {
  const { db, input } = opts;
  // Checked before an earlier request is replayed, so a key never reveals another customer's return.
  if (opts.portalCustomer !== undefined) await returnableOrder(db, input.order, opts.portalCustomer);
  const keyed = opts.keyed && { ...opts.keyed, key: returnKey(input.order, opts.keyed.header) };
  return createWithProcess(db, keyed, {
    kind: 'return',
    record: () => recordReturn(db, input, opts.userName, keyed, opts.portalCustomer),
    start: (number) => startReturnProcess(db, opts.temporal, number, opts.process),
    remove: (number) => removeUnstartedReturn(db, number),
  });
}

async function recordReturn(
  db: OperationsDb,
  input: TCreateReturnRequest,
  userName: string,
  keyed: KeyedRequest | undefined,
  portalCustomer?: string,
): Promise<string> {
  const at = new Date();
  const checked = await checkReturnRequest(db, input, at, portalCustomer);
  return db.$transaction(async (tx) => {
    const number = await nextNumber(tx, 'customer-return', 'RET');
    // The key is claimed before the units: the same request sent twice at once is answered as the
    // first (a replay), not refused for units its twin has just taken.
    await rememberResult(tx, keyed, number);
    // One lock order for every request (by order line), so parallel requests wait instead of deadlocking.
    for (const line of [...checked.lines].sort((a, b) => a.orderLineId - b.orderLineId)) await takeUnits(tx, line);
    await tx.customerReturn.create({
      data: {
        number,
        key: keyed?.key ?? returnKey(input.order, randomUUID()),
        orderId: checked.orderId,
        customerId: checked.customerId,
        ticketNumber: checked.ticket?.number ?? null,
        reason: input.reason,
        status: 'requested',
        outsideWindow: checked.window.outsideWindow,
        requestedBy: userName,
        createdAt: at,
        lines: {
          create: checked.lines.map((l) => ({
            lineNo: l.lineNo,
            orderLineId: l.orderLineId,
            productId: l.productId,
            quantity: l.quantity,
            outcome: l.outcome,
          })),
        },
      },
    });
    if (checked.ticket)
      await addTicketEvent(tx, checked.ticket.id, {
        key: ticketEventKey(number),
        at: at.toISOString(),
        kind: 'return_requested',
        actor: userName,
        data: { return: number, order: input.order },
      });
    await audit(tx, userName, 'return.requested', 'Return', number, {
      ...input,
      outsideWindow: checked.window.outsideWindow,
      ...(checked.window.note ? { windowNote: checked.window.note } : {}),
    });
    return number;
  });
}

/**
 * Puts the units on the return only while delivered − returned still covers them. The check is the
 * update's own condition, so of two requests for the last units exactly one gets them.
 */
async function takeUnits(tx: OperationsTx, line: CheckedLine): Promise<void> {
  const taken =
    await tx.$executeRaw`UPDATE "SalesOrderLine" SET "returnedQty" = "returnedQty" + ${line.quantity} WHERE "id" = ${line.orderLineId} AND "returnedQty" + ${line.quantity} <= "deliveredQty"`;
  if (taken === 1) return;
  const now = await tx.salesOrderLine.findUniqueOrThrow({ where: { id: line.orderLineId } });
  const left = Math.max(0, now.deliveredQty - now.returnedQty);
  throw new AppError(AppErrorCode.ILLEGAL_TRANSITION, {
    message:
      `Order line ${line.orderLineNo}: ${line.quantity} units asked back, but only ${left} may still come back ` +
      `(${now.deliveredQty} delivered, ${now.returnedQty} already on returns)`,
    details: [{ field: `lines.${line.index}.quantity`, message: `at most ${left}` }],
  });
}

/** Undoes a return whose process could not start: its units become returnable again. */
async function removeUnstartedReturn(db: OperationsDb, number: string) {
  await db.$transaction(async (tx) => {
    const r = await tx.customerReturn.findUniqueOrThrow({ where: { number }, include: { lines: true } });
    for (const l of r.lines)
      await tx.$executeRaw`UPDATE "SalesOrderLine" SET "returnedQty" = "returnedQty" - ${l.quantity} WHERE "id" = ${l.orderLineId} AND "returnedQty" >= ${l.quantity}`;
    await tx.customerReturnLine.deleteMany({ where: { returnId: r.id } });
    await tx.customerReturn.delete({ where: { id: r.id } });
    await tx.ticketEvent.deleteMany({ where: { key: ticketEventKey(number) } });
    await tx.idempotencyRecord.deleteMany({ where: { resourceRef: number } });
    await tx.auditLog.deleteMany({ where: { entityType: 'Return', entityRef: number } });
  });
}
