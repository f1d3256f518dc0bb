// Field visits: a technician in a free slot of the visit calendar, spare parts reserved from MAIN,
// and the technician's report that consumes what was used and releases the rest.
import type { OperationsDb, OperationsTx } from '../../db/clients';
import { once } from '../../db/idempotency';
import { isSlotStart, slotsFrom } from '../../domain/calendar';
import { AppError, AppErrorCode, illegal, notFound, type FieldIssue } from '../../domain/errors';
import { loadCalendar, VISIT_CALENDAR, VISIT_SLOT_MINUTES } from '../../domain/tickets/service-calendar';
import type { VisitInfo, VisitOutcome } from '../../workflows/ticket/types';
import { audit } from './ledger';
import { releaseReserved } from './stock';
import { addTicketEvent, ticketByNumber } from './tickets-core';

// How far ahead a free slot is searched for when none is named (about four working weeks).
const SLOT_SEARCH = 80;

export interface PartQuantity {
  sku: string;
  quantity: number;
}

async function visitInfo(tx: OperationsDb | OperationsTx, number: string): Promise<VisitInfo> {
  const v = await tx.fieldVisit.findUniqueOrThrow({ where: { number }, include: { parts: true } });
  const products = new Map(
    (await tx.product.findMany({ where: { id: { in: v.parts.map((p) => p.productId) } } })).map((p) => [p.id, p.sku]),
  );
  return {
    number: v.number,
    technician: v.technician,
    slotStart: v.slotStart.toISOString(),
    slotEnd: v.slotEnd.toISOString(),
    status: v.status as VisitInfo['status'],
    parts: v.parts.map((p) => ({ sku: products.get(p.productId)!, reserved: p.reservedQty, used: p.usedQty })),
    ...(v.minutesSpent !== null ? { minutesSpent: v.minutesSpent } : {}),
  };
}

const fail = (issues: FieldIssue[]) =>
  new AppError(AppErrorCode.INVALID_INPUT, {
    message: `Invalid visit: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
    details: issues,
  });

/**
 * A booked slot stays used even if the visit fails or nobody opens the door: the technician's
 * time is gone. The booking row's unique key is what stops two bookings of one slot committing.
 */
const slotKey = (technician: string, start: Date) => `slot:${technician}:${start.toISOString()}`;
async function isFree(tx: OperationsTx, technician: string, slotStart: Date): Promise<boolean> {
  return !(await tx.ticketEvent.findUnique({ where: { key: slotKey(technician, slotStart) } }));
}

export function createTicketVisitActivities(db: OperationsDb) {
  return {
    /** Books a technician's slot (named, or the first free one) and reserves the parts; all or nothing. */
    async scheduleVisit(input: {
      ticketNumber: string;
      visitNumber: string;
      at: string;
      notBefore?: string;
      technician?: string;
      slotStart?: string;
      parts: PartQuantity[];
      by: string;
    }): Promise<VisitInfo> {
      await once(db, `${input.visitNumber}:schedule`, async (tx) => {
        const t = await ticketByNumber(tx, input.ticketNumber);
        const cal = await loadCalendar(tx, VISIT_CALENDAR);
        const technicians = await tx.serviceAgent.findMany({ where: { kind: 'technician', active: true }, orderBy: { code: 'asc' } });
        const products = await tx.product.findMany({ where: { sku: { in: input.parts.map((p) => p.sku) } } });
        const issues: FieldIssue[] = [];
        if (input.technician && !technicians.some((x) => x.code === input.technician))
          issues.push({ field: 'technician', message: `no active technician with code ${input.technician}` });
        input.parts.forEach((p, i) => {
          if (!products.some((x) => x.sku === p.sku)) issues.push({ field: `parts.${i}.sku`, message: `no product with SKU ${p.sku}` });
        });
        const requested = input.slotStart ? new Date(input.slotStart) : undefined;
        if (requested && (requested.getTime() <= Date.parse(input.at) || !isSlotStart(requested, VISIT_SLOT_MINUTES, cal))) {
          issues.push({
            field: 'slotStart',
            message: `must be the start of a future ${VISIT_SLOT_MINUTES}-minute slot in working hours (e.g. ${slotsFrom(new Date(input.at), VISIT_SLOT_MINUTES, 1, cal)[0]?.start.toISOString()})`,
          });
        }
        if (issues.length) throw fail(issues);

        const category = t.category ?? 'general';
        const candidates = input.technician
          ? technicians.filter((x) => x.code === input.technician)
          : ([technicians.filter((x) => x.skills.split(',').includes(category)), technicians].find((l) => l.length > 0) ?? []);
        if (candidates.length === 0) throw illegal('No active technician can be scheduled');
        let booking: { technician: string; start: Date; end: Date } | undefined;
        const slots = requested
          ? [{ start: requested, end: new Date(requested.getTime() + VISIT_SLOT_MINUTES * 60_000) }]
          : slotsFrom(
              new Date(Math.max(Date.parse(input.at), Date.parse(input.notBefore ?? input.at))),
              VISIT_SLOT_MINUTES,
              SLOT_SEARCH,
              cal,
            );
        for (const slot of slots) {
          for (const tech of candidates) {
            if (await isFree(tx, tech.code, slot.start)) {
              booking = { technician: tech.code, ...slot };
              break;
            }
          }
          if (booking) break;
        }
        if (!booking)
          throw illegal(
            requested
              ? `Technician ${input.technician ?? candidates[0].code} is already booked at ${requested.toISOString()}; choose another slot`
              : 'No technician has a free slot in the coming weeks',
          );

        const main = await tx.warehouse.findUniqueOrThrow({ where: { code: 'MAIN' } });
        const parts: { productId: number; reservedQty: number }[] = [];
        for (const p of input.parts) {
          const product = products.find((x) => x.sku === p.sku)!;
          // Conditional update: never reserves more than is on hand, even against a concurrent reservation.
          const changed =
            await tx.$executeRaw`UPDATE "StockLevel" SET "reserved" = "reserved" + ${p.quantity} WHERE "warehouseId" = ${main.id} AND "productId" = ${product.id} AND "onHand" - "reserved" >= ${p.quantity}`;
          if (changed !== 1) {
            const level = await tx.stockLevel.findUnique({
              where: { warehouseId_productId: { warehouseId: main.id, productId: product.id } },
            });
            throw illegal(
              `Only ${Math.max(0, (level?.onHand ?? 0) - (level?.reserved ?? 0))} of ${p.sku} available in MAIN; ${p.quantity} needed for the visit`,
            );
          }
          parts.push({ productId: product.id, reservedQty: p.quantity });
        }
        await tx.fieldVisit.create({
          data: {
            number: input.visitNumber,
            ticketId: t.id,
            technician: booking.technician,
            slotStart: booking.start,
            slotEnd: booking.end,
            status: 'scheduled',
            parts: { create: parts },
          },
        });
        // The slot's key is unique: two bookings of one technician's slot cannot both commit.
        await tx.ticketEvent.create({
          data: {
            key: slotKey(booking.technician, booking.start),
            ticketId: t.id,
            at: new Date(input.at),
            kind: 'visit_scheduled',
            actor: input.by,
            data: JSON.stringify({
              visit: input.visitNumber,
              technician: booking.technician,
              slotStart: booking.start.toISOString(),
              parts: input.parts,
            }),
          },
        });
        await audit(tx, input.by, 'ticket.visit_scheduled', 'Ticket', t.number, {
          visit: input.visitNumber,
          technician: booking.technician,
          slotStart: booking.start,
        });
        return true;
      });
      return visitInfo(db, input.visitNumber);
    },

    /** Books the parts used out of stock, releases the unused reservations and records the outcome. */
    async reportVisit(input: {
      ticketNumber: string;
      visitNumber: string;
      at: string;
      outcome: VisitOutcome;
      minutesSpent: number;
      partsUsed: PartQuantity[];
      notes?: string;
      by: string;
    }): Promise<VisitInfo> {
      await once(db, `${input.visitNumber}:report`, async (tx) => {
        const visit = await tx.fieldVisit.findUnique({ where: { number: input.visitNumber }, include: { parts: true, ticket: true } });
        if (!visit || visit.ticket.number !== input.ticketNumber)
          throw notFound(`Visit ${input.visitNumber} of ticket ${input.ticketNumber}`);
        if (visit.status !== 'scheduled') throw illegal(`Visit ${visit.number} is already ${visit.status}`);
        const products = await tx.product.findMany({ where: { id: { in: visit.parts.map((p) => p.productId) } } });
        const used = new Map<number, number>();
        const issues: FieldIssue[] = [];
        input.partsUsed.forEach((u, i) => {
          const product = products.find((p) => p.sku === u.sku);
          const part = product && visit.parts.find((p) => p.productId === product.id);
          if (!part) return void issues.push({ field: `partsUsed.${i}.sku`, message: `${u.sku} was not reserved for this visit` });
          const total = (used.get(part.productId) ?? 0) + u.quantity;
          if (total > part.reservedQty)
            issues.push({ field: `partsUsed.${i}.quantity`, message: `only ${part.reservedQty} of ${u.sku} were reserved` });
          used.set(part.productId, total);
        });
        if (input.outcome === 'no_show' && used.size > 0)
          issues.push({ field: 'partsUsed', message: 'no parts can be used when nobody was there' });
        if (issues.length) throw fail(issues);

        const main = await tx.warehouse.findUniqueOrThrow({ where: { code: 'MAIN' } });
        for (const part of visit.parts) {
          const u = used.get(part.productId) ?? 0;
          if (u > 0) {
            const changed =
              await tx.$executeRaw`UPDATE "StockLevel" SET "onHand" = "onHand" - ${u}, "reserved" = "reserved" - ${u} WHERE "warehouseId" = ${main.id} AND "productId" = ${part.productId} AND "reserved" >= ${u} AND "onHand" >= ${u}`;
            if (changed !== 1) throw new Error(`stock of product ${part.productId} no longer covers the reservation of ${visit.number}`);
            await tx.stockMove.create({
              data: {
                key: `${visit.number}:consume:${part.productId}`,
                warehouseId: main.id,
                productId: part.productId,
                quantity: -u,
                reason: 'field_service',
                reference: input.ticketNumber,
              },
            });
          }
          if (part.reservedQty - u > 0) await releaseReserved(tx, main.id, part.productId, part.reservedQty - u);
          await tx.fieldVisitPart.update({ where: { id: part.id }, data: { usedQty: u } });
        }
        await tx.fieldVisit.update({
          where: { id: visit.id },
          data: { status: input.outcome, outcome: input.notes ?? null, minutesSpent: input.minutesSpent, reportedAt: new Date(input.at) },
        });
        await addTicketEvent(tx, visit.ticketId, {
          key: `${visit.number}:report`,
          at: input.at,
          kind: 'visit_reported',
          actor: input.by,
          data: { visit: visit.number, outcome: input.outcome, minutesSpent: input.minutesSpent, partsUsed: input.partsUsed },
        });
        await audit(tx, input.by, 'ticket.visit_reported', 'Ticket', input.ticketNumber, { visit: visit.number, outcome: input.outcome });
        return true;
      });
      return visitInfo(db, input.visitNumber);
    },
  };
}
