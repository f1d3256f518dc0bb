// The customer return's record as its process moves it on: status, authorization (RMA), the
// carrier pickup, inspection findings, and giving back the units that will not come back. Every
// write is audited under the return's number, which is how an order's history shows its returns.
import type { OperationsDb, OperationsTx } from '../../db/clients';
import { once } from '../../db/idempotency';
import { nextNumber } from '../../db/sequence';
import { illegal, invalid, notFound } from '../../domain/errors';
import { returnSnapshot } from '../../domain/returns/return-snapshot';
import type { ReturnCondition, ReturnSnapshot, ReturnStatus } from '../../workflows/returns/types';
import { bookPickupWithCarrier } from './carrier-gateway';
import { audit } from './ledger';

async function returnRow(tx: OperationsDb | OperationsTx, returnNumber: string) {
  const r = await tx.customerReturn.findUnique({ where: { number: returnNumber }, include: { lines: { orderBy: { lineNo: 'asc' } } } });
  if (!r) throw notFound(`Return ${returnNumber}`);
  return r;
}

export function createReturnRecordActivities(db: OperationsDb) {
  return {
    /** The record as the process reads it (repairable is false here: the production store knows repair BoMs). */
    async loadReturn(input: { returnNumber: string }): Promise<ReturnSnapshot> {
      return returnSnapshot(db, input.returnNumber);
    },

    /** A milestone of the return; setting the status it already has (a retry) writes nothing. */
    async setReturnStatus(input: { returnNumber: string; status: ReturnStatus; note?: string; at: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const r = await returnRow(tx, input.returnNumber);
        const note = input.note ?? null;
        if (r.status === input.status && r.statusNote === note) return;
        await tx.customerReturn.update({ where: { id: r.id }, data: { status: input.status, statusNote: note } });
        await audit(tx, 'process', 'return.status', 'Return', r.number, {
          status: input.status,
          ...(input.note ? { note: input.note } : {}),
          at: input.at,
        });
      });
    },

    /** Gives the return its RMA number and the date by which the goods are expected; a second call returns the first. */
    async authorizeReturn(input: {
      returnNumber: string;
      approvedBy?: string;
      receiveWaitMs: number;
      at: string;
    }): Promise<{ rmaNumber: string; receiveBy: string }> {
      return once(db, `return:${input.returnNumber}:authorize`, async (tx) => {
        const r = await returnRow(tx, input.returnNumber);
        if (r.rmaNumber && r.receiveBy) return { rmaNumber: r.rmaNumber, receiveBy: r.receiveBy.toISOString() };
        if (r.closedAt) throw illegal(`Return ${r.number} is already ${r.status}; it can no longer be authorized`);
        const rmaNumber = await nextNumber(tx, 'return-authorization', 'RMA');
        const authorizedAt = new Date(input.at);
        const receiveBy = new Date(authorizedAt.getTime() + input.receiveWaitMs);
        await tx.customerReturn.update({
          where: { id: r.id },
          data: { rmaNumber, status: 'authorized', statusNote: null, authorizedAt, receiveBy, approvedBy: input.approvedBy ?? null },
        });
        await audit(tx, input.approvedBy ?? 'process', 'return.authorized', 'Return', r.number, {
          rmaNumber,
          receiveBy: receiveBy.toISOString(),
          ...(input.approvedBy ? { approvedBy: input.approvedBy } : {}),
        });
        return { rmaNumber, receiveBy: receiveBy.toISOString() };
      });
    },

    /**
     * Closes the return with a final status and gives back the units that did not arrive, so they may
     * be returned again. Only the call that closes the record releases anything: a retry or a later
     * call (another key) finds it closed and changes nothing.
     */
    async releaseReturn(input: {
      returnNumber: string;
      key: string;
      status: Extract<ReturnStatus, 'rejected' | 'cancelled' | 'expired' | 'done'>;
      reason: string;
      at: string;
    }): Promise<void> {
      await once(db, input.key, async (tx) => {
        const r = await returnRow(tx, input.returnNumber);
        const closed = await tx.customerReturn.updateMany({
          where: { id: r.id, closedAt: null },
          data: { status: input.status, statusNote: input.reason, closedAt: new Date(input.at) },
        });
        if (closed.count !== 1) return null;
        const released: { lineNo: number; quantity: number }[] = [];
        for (const l of r.lines) {
          const quantity = l.quantity - l.receivedQty;
          if (quantity <= 0) continue;
          const given =
            await tx.$executeRaw`UPDATE "SalesOrderLine" SET "returnedQty" = "returnedQty" - ${quantity} WHERE "id" = ${l.orderLineId} AND "returnedQty" >= ${quantity}`;
          if (given !== 1)
            throw new Error(`order line ${l.orderLineId} holds fewer returned units than return ${r.number} line ${l.lineNo}`);
          released.push({ lineNo: l.lineNo, quantity });
        }
        // Goods that never came cannot be settled; the record says so instead of leaving the line open.
        if (input.status === 'expired' || input.status === 'done')
          await tx.customerReturnLine.updateMany({
            where: { returnId: r.id, receivedQty: 0, settlement: null },
            data: { settlement: 'not_received', settledAt: new Date(input.at) },
          });
        await audit(tx, 'process', `return.${input.status}`, 'Return', r.number, { reason: input.reason, released });
        return null;
      });
    },

    /** What the inspector found on a received line; the same finding again (a retry) writes nothing. */
    async recordReturnInspection(input: {
      returnNumber: string;
      lineNo: number;
      condition: ReturnCondition;
      by: string;
      note?: string;
      photoRef?: string;
      at: string;
    }): Promise<void> {
      await db.$transaction(async (tx) => {
        const r = await returnRow(tx, input.returnNumber);
        const line = r.lines.find((l) => l.lineNo === input.lineNo);
        if (!line) throw invalid('lineNo', `return ${r.number} has no line ${input.lineNo}`);
        const data = {
          condition: input.condition,
          inspectedBy: input.by,
          inspectionNote: input.note ?? null,
          photoRef: input.photoRef ?? null,
        };
        if (Object.entries(data).every(([k, v]) => line[k as keyof typeof data] === v)) return;
        await tx.customerReturnLine.update({ where: { id: line.id }, data });
        await audit(tx, input.by, 'return.inspected', 'Return', r.number, { lineNo: line.lineNo, ...data, at: input.at });
      });
    },

    /** Books the carrier to collect the goods from the customer (idempotent on their side by RMA number). */
    async bookReturnPickup(input: { returnNumber: string }): Promise<{ trackingNumber: string }> {
      const r = await db.customerReturn.findUnique({
        where: { number: input.returnNumber },
        include: { lines: true, customer: { select: { name: true } } },
      });
      if (!r) throw notFound(`Return ${input.returnNumber}`);
      if (r.pickupTracking) return { trackingNumber: r.pickupTracking };
      if (!r.rmaNumber) throw illegal(`Return ${r.number} is not authorized yet; a pickup needs its RMA number`);
      // The house carrier collects, as it delivers (see bookCarrier).
      const carrier = await db.carrier.findFirst({ orderBy: { id: 'asc' } });
      if (!carrier) throw notFound('A carrier (none is configured)');
      const booking = await bookPickupWithCarrier(carrier.apiUrl, {
        rmaNumber: r.rmaNumber,
        parcels: r.lines.reduce((s, l) => s + l.quantity, 0),
        pickupFrom: r.customer.name,
      });
      await db.$transaction(async (tx) => {
        const stored = await tx.customerReturn.updateMany({
          where: { id: r.id, pickupTracking: null },
          data: { pickupTracking: booking.trackingNumber },
        });
        if (stored.count === 1)
          await audit(tx, 'process', 'return.pickup_booked', 'Return', r.number, {
            carrier: carrier.code,
            trackingNumber: booking.trackingNumber,
          });
      });
      return booking;
    },
  };
}
