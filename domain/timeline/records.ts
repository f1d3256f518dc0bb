// A document's record as a timeline needs it: what proves its process is its own (row id and
// creation instant), its status, the documents its record names in both directions, and the other
// references its audit rows are written under (shipments, invoices, supplier invoices).
import type { OperationsDb, ProductionDb } from '../../db/clients';
import { documentOfNumber, type DocumentRef, type DocumentType } from './documents';
import type { Link } from './relations';

export type Stores = { operations: OperationsDb; production: ProductionDb };

export interface TimelineRecord {
  doc: DocumentRef;
  id: number;
  createdAt: Date;
  status: string;
  links: Link[];
  auditRefs: string[];
}

type Found = Omit<TimelineRecord, 'doc'>;

const link = (type: DocumentType, number: string | null | undefined, relation: Link['relation']): Link[] =>
  number && documentOfNumber(number)?.type === type ? [{ doc: { type, number }, relation }] : [];

// A reorder requisition names the shipment that took the stock below its reorder point.
const REORDER_SHIPMENT = /after shipment (SO-\d{5,})-S\d+/;

const LOADERS: Record<DocumentType, (s: Stores, number: string) => Promise<Found | null>> = {
  async order({ operations, production }, number) {
    const o = await operations.salesOrder.findUnique({
      where: { number },
      select: {
        id: true,
        createdAt: true,
        status: true,
        shipments: { select: { number: true } },
        invoices: { select: { number: true } },
        returns: { select: { number: true }, orderBy: { id: 'asc' } },
      },
    });
    if (!o) return null;
    const [mos, tickets, reorders] = await Promise.all([
      production.manufacturingOrder.findMany({
        where: { parentType: 'order', parentRef: number },
        select: { number: true },
        orderBy: { id: 'asc' },
      }),
      operations.ticket.findMany({ where: { orderRef: number }, select: { number: true }, orderBy: { id: 'asc' } }),
      operations.requisition.findMany({
        where: { source: 'reorder_point', justification: { contains: `after shipment ${number}-S` } },
        select: { number: true },
        orderBy: { id: 'asc' },
      }),
    ]);
    return {
      id: o.id,
      createdAt: o.createdAt,
      status: o.status,
      links: [
        ...mos.flatMap((m) => link('manufacturing-order', m.number, 'child')),
        ...reorders.flatMap((r) => link('requisition', r.number, 'follow-up')),
        ...tickets.flatMap((t) => link('ticket', t.number, 'follow-up')),
        ...o.returns.flatMap((r) => link('return', r.number, 'follow-up')),
      ],
      auditRefs: [number, ...o.shipments.map((s) => s.number), ...o.invoices.map((i) => i.number)],
    };
  },

  async requisition({ operations }, number) {
    const r = await operations.requisition.findUnique({
      where: { number },
      select: {
        id: true,
        createdAt: true,
        status: true,
        source: true,
        sourceRef: true,
        justification: true,
        purchaseOrders: { select: { number: true }, orderBy: { id: 'asc' } },
      },
    });
    if (!r) return null;
    const cause =
      r.source === 'make_to_order'
        ? link('manufacturing-order', r.sourceRef, 'caused-by')
        : r.source === 'reorder_point'
          ? link('order', REORDER_SHIPMENT.exec(r.justification)?.[1], 'caused-by')
          : [];
    return {
      id: r.id,
      createdAt: r.createdAt,
      status: r.status,
      links: [...cause, ...r.purchaseOrders.flatMap((p) => link('purchase-order', p.number, 'child'))],
      auditRefs: [number],
    };
  },

  async 'purchase-order'({ operations }, number) {
    const po = await operations.purchaseOrder.findUnique({
      where: { number },
      select: {
        id: true,
        createdAt: true,
        status: true,
        requisition: { select: { number: true } },
        invoices: { select: { number: true } },
      },
    });
    if (!po) return null;
    return {
      id: po.id,
      createdAt: po.createdAt,
      status: po.status,
      links: link('requisition', po.requisition.number, 'parent'),
      auditRefs: [number, ...po.invoices.map((i) => i.number)],
    };
  },

  async ticket({ operations }, number) {
    const t = await operations.ticket.findUnique({
      where: { number },
      select: { id: true, createdAt: true, status: true, orderRef: true },
    });
    if (!t) return null;
    const returns = await operations.customerReturn.findMany({
      where: { ticketNumber: number },
      select: { number: true },
      orderBy: { id: 'asc' },
    });
    return {
      id: t.id,
      createdAt: t.createdAt,
      status: t.status,
      links: [...link('order', t.orderRef, 'caused-by'), ...returns.flatMap((r) => link('return', r.number, 'follow-up'))],
      auditRefs: [number],
    };
  },

  async 'manufacturing-order'({ operations, production }, number) {
    const mo = await production.manufacturingOrder.findUnique({
      where: { number },
      select: { id: true, createdAt: true, status: true, parentType: true, parentRef: true },
    });
    if (!mo) return null;
    const [children, requisitions] = await Promise.all([
      production.manufacturingOrder.findMany({
        where: { parentType: 'manufacturing_order', parentRef: number },
        select: { number: true },
        orderBy: { id: 'asc' },
      }),
      operations.requisition.findMany({
        where: { source: 'make_to_order', sourceRef: number },
        select: { number: true },
        orderBy: { id: 'asc' },
      }),
    ]);
    const parentType = ({ order: 'order', manufacturing_order: 'manufacturing-order', return: 'return' } as const)[
      mo.parentType as 'order' | 'manufacturing_order' | 'return'
    ];
    return {
      id: mo.id,
      createdAt: mo.createdAt,
      status: mo.status,
      links: [
        ...(parentType ? link(parentType, mo.parentRef, 'parent') : []),
        ...children.flatMap((c) => link('manufacturing-order', c.number, 'child')),
        ...requisitions.flatMap((r) => link('requisition', r.number, 'child')),
      ],
      auditRefs: [number],
    };
  },

  async return({ operations }, number) {
    const r = await operations.customerReturn.findUnique({
      where: { number },
      select: {
        id: true,
        createdAt: true,
        status: true,
        ticketNumber: true,
        replacementOrderNumber: true,
        sendBackOrderNumber: true,
        creditNoteNumber: true,
        order: { select: { number: true } },
        lines: { select: { repairMoNumber: true }, orderBy: { lineNo: 'asc' } },
      },
    });
    if (!r) return null;
    return {
      id: r.id,
      createdAt: r.createdAt,
      status: r.status,
      links: [
        ...link('order', r.order.number, 'caused-by'),
        ...link('ticket', r.ticketNumber, 'caused-by'),
        ...r.lines.flatMap((l) => link('manufacturing-order', l.repairMoNumber, 'child')),
        ...link('order', r.replacementOrderNumber, 'follow-up'),
        ...link('order', r.sendBackOrderNumber, 'follow-up'),
      ],
      auditRefs: [number, ...(r.creditNoteNumber ? [r.creditNoteNumber] : [])],
    };
  },
};

/** The document's record, or null when this database has none. */
export async function loadRecord(stores: Stores, doc: DocumentRef): Promise<TimelineRecord | null> {
  const found = await LOADERS[doc.type](stores, doc.number);
  return found && { doc, ...found };
}
