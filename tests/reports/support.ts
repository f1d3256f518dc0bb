// Records for the report tests, written straight into the store with dates in the past a process
// would take weeks to produce. Days are UTC; each record sits at noon of its day.
import type { OperationsDb } from '../../db/clients';
import { addDays, isoDay } from '../../domain/reports/period';
import { uniq } from '../support/fixtures';

export const TODAY = isoDay(new Date());
/** Noon of the day `days` from today (negative: in the past). */
export const at = (days: number, hour = 12) => new Date(`${addDays(TODAY, days)}T${String(hour).padStart(2, '0')}:00:00.000Z`);
export const day = (days: number) => addDays(TODAY, days);

let invoiceNo = 70_000;

/** A posted customer invoice with no order, of `total`, due on the given day; issued 30 days before. */
export async function customerInvoice(
  db: OperationsDb,
  customerId: number,
  total: number,
  dueDays: number,
  extra: { status?: string; voidedDays?: number; paid?: number } = {},
) {
  const number = `INV-${++invoiceNo}`;
  const cents = Math.round(total * 100);
  return db.invoice.create({
    data: {
      number,
      key: `report-test:${number}`,
      kind: 'invoice',
      customerId,
      status: extra.status ?? 'posted',
      netCents: cents,
      taxCents: 0,
      totalCents: cents,
      paidCents: Math.round((extra.paid ?? 0) * 100),
      issuedAt: at(dueDays - 30),
      dueAt: at(dueDays),
      ...(extra.voidedDays !== undefined ? { voidedAt: at(extra.voidedDays) } : {}),
    },
  });
}

/** A credit note of `total` against an invoice, issued on the given day. */
export async function creditNote(db: OperationsDb, invoice: { id: number; customerId: number }, total: number, issuedDays: number) {
  const number = `INV-${++invoiceNo}`;
  const cents = Math.round(total * 100);
  await db.invoice.update({ where: { id: invoice.id }, data: { creditedCents: { increment: cents } } });
  return db.invoice.create({
    data: {
      number,
      key: `report-test:${number}`,
      kind: 'credit_note',
      customerId: invoice.customerId,
      creditsInvoiceId: invoice.id,
      status: 'posted',
      netCents: cents,
      taxCents: 0,
      totalCents: cents,
      issuedAt: at(issuedDays),
      dueAt: at(issuedDays),
    },
  });
}

/** A purchase order (and the requisition it came from) to hang supplier invoices on. */
export async function purchaseOrder(db: OperationsDb, supplierId: number) {
  const requisition = await db.requisition.create({
    data: { number: uniq('REQ'), requester: 'test', costCenter: 'CC-1', justification: 'report', status: 'completed', totalCents: 0 },
  });
  return db.purchaseOrder.create({
    data: { number: uniq('PO'), requisitionId: requisition.id, supplierId, status: 'received', requestedDate: at(-30), totalCents: 0 },
  });
}

/** A supplier invoice (or credit note) on the purchase order, due on the given day. */
export async function supplierInvoice(
  db: OperationsDb,
  po: { id: number; supplierId: number },
  total: number,
  dueDays: number,
  extra: { status?: string; kind?: string; discount?: number; discountDays?: number } = {},
) {
  return db.supplierInvoice.create({
    data: {
      number: uniq('SINV'),
      supplierRef: uniq('REF'),
      supplierId: po.supplierId,
      purchaseOrderId: po.id,
      status: extra.status ?? 'approved',
      kind: extra.kind ?? 'invoice',
      netCents: Math.round(total * 100),
      taxCents: 0,
      totalCents: Math.round(total * 100),
      invoiceDate: at(dueDays - 30),
      dueAt: at(dueDays),
      discountCents: Math.round((extra.discount ?? 0) * 100),
      ...(extra.discountDays !== undefined ? { discountDueAt: at(extra.discountDays) } : {}),
      registeredBy: 'test',
    },
  });
}

/** A ticket opened at `opened` with the given agreed priority; `times` are minutes after opening. */
export async function ticket(
  db: OperationsDb,
  customerId: number,
  opened: Date,
  o: {
    priority: string;
    agreed?: string[];
    respondedAfter?: number;
    resolvedAfter?: number;
    closed?: Date;
    breachedFirstResponse?: boolean;
    breachedResolution?: boolean;
  },
) {
  const after = (minutes?: number) => (minutes === undefined ? null : new Date(opened.getTime() + minutes * 60_000));
  const [first, ...changes] = o.agreed ?? [o.priority];
  const number = uniq('TCK');
  return db.ticket.create({
    data: {
      number,
      customerId,
      subject: 'Report',
      description: 'Report',
      channel: 'email',
      priority: o.priority,
      status: o.closed ? 'closed' : 'open',
      createdBy: 'test',
      createdAt: opened,
      firstRespondedAt: after(o.respondedAfter),
      resolvedAt: after(o.resolvedAfter),
      closedAt: o.closed ?? null,
      breachedFirstResponse: o.breachedFirstResponse ?? false,
      breachedResolution: o.breachedResolution ?? false,
      events: {
        create: [
          { key: `${number}:created`, at: opened, kind: 'created', actor: 'test', data: JSON.stringify({ priority: first }) },
          ...changes.map((to, i) => ({
            key: `${number}:p${i}`,
            at: opened,
            kind: 'priority_changed',
            actor: 'test',
            data: JSON.stringify({ to }),
          })),
        ],
      },
    },
  });
}

/** An order of one line per entry, delivered by one shipment per delivery (null: not delivered yet). */
export async function deliveredOrder(
  db: OperationsDb,
  customerId: number,
  o: {
    status: string;
    requested: number;
    lines: { quantity: number; delivered: number; cancelled?: number }[];
    deliveries: (Date | null)[];
    productId: number;
  },
) {
  const warehouse = await db.warehouse.findUniqueOrThrow({ where: { code: 'MAIN' } });
  return db.salesOrder.create({
    data: {
      number: uniq('SO'),
      customerId,
      warehouseId: warehouse.id,
      status: o.status,
      requestedDate: new Date(`${day(o.requested)}T00:00:00.000Z`),
      deliverySteps: 1,
      netCents: 0,
      taxCents: 0,
      createdBy: 'test',
      lines: {
        create: o.lines.map((l, i) => ({
          lineNo: i + 1,
          productId: o.productId,
          quantity: l.quantity,
          unitPriceCents: 100,
          taxRateBp: 0,
          shippedQty: l.delivered,
          deliveredQty: l.delivered,
          cancelledQty: l.cancelled ?? 0,
        })),
      },
      shipments: {
        create: o.deliveries.map((d) => ({
          number: uniq('SH'),
          status: d ? 'delivered' : 'shipped',
          deliveredAt: d,
        })),
      },
    },
  });
}
