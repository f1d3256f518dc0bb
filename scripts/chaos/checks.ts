// After the run: nothing written twice (grouped by business keys in the operations store and in
// the processes' own histories), and the store's invariants hold.
import type { OperationsDb, ProductionDb } from '../../db/clients';
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
  // below; a return's two parcels of one line are two moves of one reference, so returns are left out.
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
        kind,
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
