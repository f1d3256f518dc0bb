// The return's record as its process reads it: lines with their order line and SKU, and the
// window verdict explained for an approver.
import type { OperationsDb, OperationsTx } from '../../db/clients';
import { notFound } from '../errors';
import type {
  ReturnCondition,
  ReturnDisposition,
  ReturnLineInfo,
  ReturnOutcome,
  ReturnSettlement,
  ReturnSnapshot,
  ReturnStatus,
} from '../../workflows/returns/types';
import { returnWindow } from './return-window';

/** Fields a line has only once a step set them, left out while unset so the data stays plain. */
const optional = <K extends string, V>(key: K, value: V | null): Partial<Record<K, V>> =>
  value === null ? {} : ({ [key]: value } as Record<K, V>);

type ReturnLineRow = {
  lineNo: number;
  quantity: number;
  receivedQty: number;
  outcome: string;
  condition: string | null;
  disposition: string | null;
  repairMoNumber: string | null;
  settlement: string | null;
};

/** A return line as the process knows it, given its order line's number and its SKU. */
export function lineInfo(l: ReturnLineRow, orderLineNo: number, sku: string): ReturnLineInfo {
  return {
    lineNo: l.lineNo,
    orderLineNo,
    sku,
    quantity: l.quantity,
    receivedQty: l.receivedQty,
    outcome: l.outcome as ReturnOutcome,
    // Whether a repair BoM exists is the production store's to say; the process asks it.
    repairable: false,
    ...optional('condition', l.condition as ReturnCondition | null),
    ...optional('disposition', l.disposition as ReturnDisposition | null),
    ...optional('repairMoNumber', l.repairMoNumber),
    ...optional('settlement', l.settlement as ReturnSettlement | null),
  };
}

export async function returnSnapshot(db: OperationsDb | OperationsTx, returnNumber: string): Promise<ReturnSnapshot> {
  const r = await db.customerReturn.findUnique({
    where: { number: returnNumber },
    include: { lines: { orderBy: { lineNo: 'asc' } }, order: { select: { number: true } }, customer: { select: { code: true } } },
  });
  if (!r) throw notFound(`Return ${returnNumber}`);
  const orderLines = new Map(
    (await db.salesOrderLine.findMany({ where: { id: { in: r.lines.map((l) => l.orderLineId) } } })).map((l) => [l.id, l]),
  );
  const products = new Map((await db.product.findMany({ where: { id: { in: r.lines.map((l) => l.productId) } } })).map((p) => [p.id, p]));
  const lines = r.lines.map((l) => lineInfo(l, orderLines.get(l.orderLineId)!.lineNo, products.get(l.productId)!.sku));
  const verdict = await returnWindow(
    db,
    r.lines.map((l) => ({
      orderLineId: l.orderLineId,
      orderLineNo: orderLines.get(l.orderLineId)!.lineNo,
      sku: products.get(l.productId)!.sku,
      category: products.get(l.productId)!.category,
    })),
    r.createdAt,
  );
  return {
    number: r.number,
    orderNumber: r.order.number,
    customerCode: r.customer.code,
    status: r.status as ReturnStatus,
    reason: r.reason,
    // As decided when the return was requested; a later delivery of the same line does not move it.
    outsideWindow: r.outsideWindow,
    approverRole: verdict.approverRole,
    ...(r.outsideWindow ? { windowNote: verdict.note ?? 'outside the return window when it was requested' } : {}),
    ...optional('rmaNumber', r.rmaNumber),
    ...optional('receiveBy', r.receiveBy?.toISOString() ?? null),
    lines,
  };
}
