// After the run: nothing written twice (grouped by business keys in the operations store and in
// the processes' own histories), the store's invariants hold, and every customer return ended clean.
import type { OperationsDb, ProductionDb } from '../../db/clients';
import { RETURNS_WAREHOUSE } from '../../db/reference-data';
import type { Api } from './client';
import type { Kind, Run } from './run';

export interface Finding {
  kind: Kind | 'store';
  what: string;
}

const groupCount = <T>(rows: T[], key: (r: T) => string) => {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return [...m].filter(([, n]) => n > 1);
};

/** Effects written more than once: stock moves, reservations, invoices, payments, journal entries. */
export async function findDuplicates(db: OperationsDb): Promise<Finding[]> {
  const out: Finding[] = [];
  const moves = await db.stockMove.findMany();
  // One move per shipped line, per part used on a ticket, per receipt line; purchase receipts are summed
  // below, a return's parcels in returnsOutcome (two parcels of one line are two moves of one reference).
  const single = moves.filter((m) => m.reason !== 'purchase_receipt' && m.reason !== 'customer_return');
  for (const [k, n] of groupCount(single, (m) => `${m.reason}:${m.reference}:${m.warehouseId}:${m.productId}`)) {
    out.push({ kind: k.startsWith('field_service') ? 'ticket' : 'order', what: `stock move ${k} written ${n} times` });
  }
  const pos = await db.purchaseOrder.findMany({ include: { lines: true, receipts: true } });
  for (const po of pos) {
    const booked = moves.filter((m) => m.reason === 'purchase_receipt' && m.reference === po.number).reduce((s, m) => s + m.quantity, 0);
    const received = po.receipts.flatMap((r) => JSON.parse(r.lines) as { quantity: number }[]).reduce((s, l) => s + l.quantity, 0);
    const onLines = po.lines.reduce((s, l) => s + l.receivedQty, 0);
    if (booked !== received || onLines !== received) {
      out.push({ kind: 'requisition', what: `${po.number}: receipts ${received}, stock moves ${booked}, received on lines ${onLines}` });
    }
  }
  const lines = await db.salesOrderLine.findMany({ include: { order: true } });
  const reservations = await db.reservation.findMany({ where: { status: { not: 'released' } } });
  for (const l of lines) {
    const held = reservations.filter((r) => r.orderLineId === l.id).reduce((s, r) => s + r.quantity, 0);
    if (held > l.quantity)
      out.push({ kind: 'order', what: `${l.order.number} line ${l.lineNo}: ${held} reserved for ${l.quantity} ordered` });
  }
  const invoices = await db.invoice.findMany({ include: { payments: true, lines: true, order: true } });
  const refunds = await db.customerRefund.findMany();
  for (const [orderId, n] of groupCount(
    invoices.filter((i) => i.orderId && i.kind === 'invoice' && i.status !== 'void'),
    (i) => String(i.orderId),
  )) {
    out.push({ kind: 'order', what: `order ${invoices.find((i) => String(i.orderId) === orderId)?.order?.number}: ${n} invoices` });
  }
  for (const i of invoices.filter((x) => x.kind === 'invoice')) {
    const kind: Kind = i.orderId ? 'order' : 'ticket';
    // A return's refund pays back what its credit note left overpaid and comes off the paid amount.
    const paid =
      i.payments.reduce((s, p) => s + p.amountCents, 0) -
      refunds.filter((r) => r.invoiceId === i.id).reduce((s, r) => s + r.amountCents, 0);
    if (paid !== i.paidCents)
      out.push({ kind, what: `${i.number}: payments less refunds add up to ${paid / 100}, invoice says ${i.paidCents / 100} paid` });
    if (i.paidCents + i.creditedCents > i.totalCents) {
      out.push({
        kind: i.creditedCents > 0 ? 'return' : kind,
        what: `${i.number}: paid ${i.paidCents / 100} + credited ${i.creditedCents / 100} over the total ${i.totalCents / 100}`,
      });
    }
    // The run pays each invoice under references of its own; two racing full payments must not both land.
    const racing = i.payments.filter((p) => /-R[12]$/.test(p.reference));
    if (racing.length > 1) {
      out.push({ kind, what: `${i.number}: both racing full payments were applied (${racing.map((p) => p.reference).join(', ')})` });
    }
  }
  const entries = await db.journalEntry.findMany();
  for (const [k, n] of groupCount(entries, (e) => `${e.sourceType}:${e.sourceRef}:${e.memo}`)) {
    out.push({ kind: 'store', what: `journal entry "${k}" posted ${n} times` });
  }
  // A payment's journal entry is keyed per invoice and bank reference, like the payment itself.
  const payments = await db.payment.findMany({ include: { invoice: { select: { number: true } } } });
  const keys = new Set(entries.map((e) => e.key));
  for (const p of payments) {
    if (!keys.has(`payment:${p.invoice.number}:${p.reference}`))
      out.push({ kind: 'store', what: `payment ${p.reference} on ${p.invoice.number} has no journal entry` });
  }
  const supplierInvoices = await db.supplierInvoice.findMany({ include: { payments: true } });
  const standing = supplierInvoices.filter((s) => s.kind === 'invoice' && s.status !== 'rejected');
  for (const [po, n] of groupCount(standing, (s) => String(s.purchaseOrderId))) {
    out.push({ kind: 'requisition', what: `purchase order #${po}: ${n} supplier invoices` });
  }
  for (const s of supplierInvoices) {
    if (s.payments.length > 1) out.push({ kind: 'requisition', what: `supplier invoice ${s.number} paid ${s.payments.length} times` });
  }
  return out;
}

/** The processes' own records: each payment reference and delivery note noted once. */
export async function findHistoryDuplicates(api: Api, runs: Run[]): Promise<Finding[]> {
  const out: Finding[] = [];
  const noted = (events: { step: string; note?: string }[] | undefined, step: string, pattern: RegExp) =>
    groupCount(
      (events ?? []).filter((e) => e.step === step),
      (e) => e.note?.match(pattern)?.[1] ?? String(e.note),
    );
  for (const run of runs.filter((r) => r.number)) {
    if (run.kind === 'order') {
      const v = (await api.get(`/orders/${run.number}`, 'operator')).body;
      for (const [ref, n] of noted(v?.process?.events, 'payment', /\(([^)]+)\)/)) {
        out.push({ kind: 'order', what: `${run.number}: payment ${ref} in the process history ${n} times` });
      }
    } else if (run.kind === 'requisition') {
      const v = (await api.get(`/requisitions/${run.number}`, 'requester')).body;
      for (const p of v?.purchaseOrders ?? []) {
        const po = (await api.get(`/purchase-orders/${p.number}`, 'buyer')).body;
        for (const [step, what] of [
          ['goods_received', 'receipt'],
          ['invoice_registered', 'invoice'],
        ]) {
          for (const [ref, n] of noted(po?.process?.events, step, /^(\S+)/)) {
            out.push({ kind: 'requisition', what: `${p.number}: ${what} ${ref} in the process history ${n} times` });
          }
        }
      }
    }
  }
  return out;
}

/** tests/support/invariants.ts (written for Jest's expect) plus cash = payments received − payments made − refunds. */
export async function findViolations(db: OperationsDb): Promise<string[]> {
  const out: string[] = [];
  const { expect } = await import('expect');
  (globalThis as { expect?: unknown }).expect = expect;
  const { assertInvariants } = await import('../../tests/support/invariants');
  try {
    await assertInvariants(db);
  } catch (e) {
    out.push((e as Error).message.split('\n').slice(0, 12).join('\n'));
  }
  const cash = await db.journalLine.aggregate({ where: { accountCode: '1000' }, _sum: { debitCents: true, creditCents: true } });
  const received = await db.payment.aggregate({ _sum: { amountCents: true } });
  const paidOut = await db.supplierPayment.aggregate({ _sum: { amountCents: true } });
  const refunded = await db.customerRefund.aggregate({ _sum: { amountCents: true } });
  const balance = (cash._sum.debitCents ?? 0) - (cash._sum.creditCents ?? 0);
  const expected = (received._sum.amountCents ?? 0) - (paidOut._sum.amountCents ?? 0) - (refunded._sum.amountCents ?? 0);
  if (balance !== expected) out.push(`cash account ${balance / 100} ≠ payments received − payments made − refunds ${expected / 100}`);
  return out;
}

/** tests/support/production-invariants.ts: shop stock equals its moves, reservations add up, crossings booked on both sides, no slot double-booked. */
export async function findProductionViolations(ops: OperationsDb, prod: ProductionDb): Promise<string[]> {
  const out: string[] = [];
  const { expect } = await import('expect');
  (globalThis as { expect?: unknown }).expect = expect;
  const { assertNoDoubleBooking, assertProductionInvariants } = await import('../../tests/support/production-invariants');
  for (const check of [() => assertProductionInvariants(ops, prod), () => assertNoDoubleBooking(prod)]) {
    try {
      await check();
    } catch (e) {
      out.push((e as Error).message.split('\n').slice(0, 12).join('\n'));
    }
  }
  return out;
}

/** What the shop floor went through (maintenance, quality), and a repair left unfinished as a violation. */
export async function shopFloorOutcome(prod: ProductionDb): Promise<{ note: string; violations: string[] }> {
  const requests = await prod.maintenanceRequest.findMany({ include: { workCenter: { select: { code: true } } } });
  const checks = await prod.qualityCheck.groupBy({ by: ['status'], _count: true });
  const count = (status: string) => checks.find((c) => c.status === status)?._count ?? 0;
  const repairs = requests.map((r) => `${r.number} on ${r.workCenter.code} ${r.status}`).join(', ') || 'none';
  return {
    note: `shop floor: maintenance requests ${repairs}; quality checks ${count('failed')} failed (reworked), ${count('passed')} passed`,
    violations: requests
      .filter((r) => r.kind === 'corrective' && r.status !== 'done')
      .map((r) => `maintenance request ${r.number} on ${r.workCenter.code} is ${r.status}: the repair was never finished`),
  };
}

const FINAL_RETURN_STATUSES = ['done', 'cancelled', 'expired', 'rejected'];

/**
 * Returns: every one ended, none left goods in RETURNS once closed, each parcel and settlement written
 * once, credited invoices within their totals, and no order line returned beyond what was delivered
 * (returnedQty holds exactly what open returns ask for and closed ones received).
 */
export async function returnsOutcome(db: OperationsDb): Promise<{ note: string; duplicates: Finding[]; violations: string[] }> {
  const violations: string[] = [];
  const duplicates: Finding[] = [];
  const returns = await db.customerReturn.findMany({ include: { lines: true, receipts: true, refunds: true }, orderBy: { id: 'asc' } });
  const store = await db.warehouse.findUniqueOrThrow({ where: { code: RETURNS_WAREHOUSE } });
  const moves = await db.stockMove.findMany({ where: { warehouseId: store.id } });
  const skus = new Map((await db.product.findMany({ select: { id: true, sku: true } })).map((p) => [p.id, p.sku]));
  const claimed = new Map<number, number>();
  for (const r of returns) {
    const closed = FINAL_RETURN_STATUSES.includes(r.status);
    if (!closed) violations.push(`return ${r.number} was left ${r.status}`);
    const own = moves.filter((m) => m.reference === r.number);
    const left = new Map<number, number>();
    for (const m of own) left.set(m.productId, (left.get(m.productId) ?? 0) + m.quantity);
    for (const [productId, n] of left)
      if (closed && n !== 0) violations.push(`return ${r.number} is ${r.status} with ${n} × ${skus.get(productId)} left in RETURNS`);
    const parcels = r.receipts.flatMap((x) => JSON.parse(x.lines) as { quantity: number }[]).reduce((s, l) => s + l.quantity, 0);
    const booked = own.filter((m) => m.reason === 'customer_return').reduce((s, m) => s + m.quantity, 0);
    const onLines = r.lines.reduce((s, l) => s + l.receivedQty, 0);
    if (parcels !== booked || onLines !== parcels)
      duplicates.push({
        kind: 'return',
        what: `${r.number}: parcels ${parcels}, stock moves into RETURNS ${booked}, received on lines ${onLines}`,
      });
    if (r.refunds.length > 1) duplicates.push({ kind: 'return', what: `${r.number}: ${r.refunds.length} refunds paid` });
    // Open returns hold what they ask for; closed ones keep what arrived and gave the rest back.
    for (const l of r.lines) claimed.set(l.orderLineId, (claimed.get(l.orderLineId) ?? 0) + (closed ? l.receivedQty : l.quantity));
  }
  // Returned quantities never exceed what was delivered, and match what the returns hold.
  const orderLines = await db.salesOrderLine.findMany({
    where: { OR: [{ returnedQty: { not: 0 } }, { id: { in: [...claimed.keys()] } }] },
    include: { order: { select: { number: true } } },
  });
  for (const l of orderLines) {
    const where = `${l.order.number} line ${l.lineNo}`;
    if (l.returnedQty > l.deliveredQty) violations.push(`${where}: ${l.returnedQty} returned of ${l.deliveredQty} delivered`);
    const held = claimed.get(l.id) ?? 0;
    if (l.returnedQty !== held) violations.push(`${where}: ${l.returnedQty} returned, its returns hold ${held}`);
  }
  // One credit note per return, and the credit notes against an invoice add up to what it says is credited.
  const notes = await db.invoice.findMany({ where: { kind: 'credit_note' } });
  for (const [key, n] of groupCount(notes, (i) => i.key))
    duplicates.push({ kind: 'return', what: `credit note ${key} written ${n} times` });
  for (const i of await db.invoice.findMany({ where: { kind: 'invoice', creditedCents: { gt: 0 } } })) {
    const credited = notes.filter((n) => n.creditsInvoiceId === i.id && n.status !== 'void').reduce((s, n) => s + n.totalCents, 0);
    if (credited !== i.creditedCents)
      violations.push(`${i.number}: credit notes add up to ${credited / 100}, the invoice says ${i.creditedCents / 100} credited`);
  }
  const levels = await db.stockLevel.findMany({ where: { warehouseId: store.id } });
  for (const level of levels) {
    const n = moves.filter((m) => m.productId === level.productId).reduce((s, m) => s + m.quantity, 0);
    if (n !== level.onHand) violations.push(`RETURNS holds ${level.onHand} × ${skus.get(level.productId)}, its moves add up to ${n}`);
  }
  const ended = (s: string) => returns.filter((r) => r.status === s).length;
  const open = returns.length - FINAL_RETURN_STATUSES.reduce((s, x) => s + ended(x), 0);
  const refunded = returns.reduce((s, r) => s + r.refunds.length, 0);
  return {
    note:
      `returns: ${returns.length} requested, ${FINAL_RETURN_STATUSES.map((s) => `${ended(s)} ${s}`).join(', ')}, ${open} open; ` +
      `${returns.filter((r) => r.creditNoteNumber).length} credited, ${refunded} refunds paid, ` +
      `${returns.filter((r) => r.replacementOrderNumber).length} replacement orders`,
    duplicates,
    violations,
  };
}
