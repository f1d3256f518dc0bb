// Requisitions through the API: approvals (one or two levels) approved or rejected, cancellation
// while pending, then per purchase order: receipts (the same delivery note twice at once, or two
// partial ones), the supplier invoice (matching, or over price and accepted), payment on terms.
import { INSPECTED_ON_RECEIPT } from '../../db/demo-data';
import type { As } from './client';
import { COMPONENT_SKUS } from './manufacturing';
import { drive, newRun, ok, twice, type DriveContext, type Run } from './run';

export const REQUISITION_PLANS = [
  'small',
  'approve',
  'two-levels',
  'reject',
  'cancel',
  'duplicate-receipt',
  'partial-receipts',
  'price-difference',
] as const;
const AUTO_LIMIT = 1000; // APPROVAL_AUTO_LIMIT's default; the run starts the system with defaults
const TERMS_PAST_DAYS = 90; // invoice dated this far back: due already, so payment follows at once

export function planRequisition(index: number): Run {
  const plan = REQUISITION_PLANS[index % REQUISITION_PLANS.length];
  return newRun('requisition', index, plan, 'completed'); // refined once the total is known
}

// Components inspected on receipt would wait for an inspector, which this run does not play.
const BOUGHT = COMPONENT_SKUS.filter((s) => !INSPECTED_ON_RECEIPT.includes(s));
const sku = (n: number) => BOUGHT[n % BOUGHT.length];

export async function driveRequisition(ctx: DriveContext, run: Run): Promise<void> {
  const { api } = ctx;
  const i = run.index;
  const big = ['approve', 'reject', 'cancel'].includes(run.plan) ? 4000 : run.plan === 'two-levels' ? 40000 : 0;
  const neededBy = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const lines = big
    ? [{ sku: sku(i), quantity: big, neededBy }]
    : [{ sku: sku(i), quantity: 1 + (i % 4), neededBy }, ...(i % 3 === 0 ? [{ sku: sku(i + 17), quantity: 2, neededBy }] : [])];
  const body = { costCenter: `CC-${100 + (i % 5)}`, justification: `Chaos run requisition ${i} (${run.plan})`, lines };
  const pos = new Map<string, PoProgress>();
  await drive(ctx, run, async () => {
    if (!run.number) {
      const created = await api.post('/requisitions', body, 'requester', { 'idempotency-key': `chaos-requisition-${i}` });
      if (!ok(created.status)) {
        run.lastSeen = `create → ${created.status} ${JSON.stringify(created.body).slice(0, 200)}`;
        return undefined;
      }
      run.number = created.body.number;
      const needsApproval = created.body.total > AUTO_LIMIT;
      run.expected =
        needsApproval && run.plan === 'reject' ? 'rejected' : needsApproval && run.plan === 'cancel' ? 'cancelled' : 'completed';
      return undefined;
    }
    const v = (await api.get(`/requisitions/${run.number}`, 'requester')).body;
    run.lastSeen = v?.status;
    if (['completed', 'rejected', 'cancelled'].includes(v?.status)) {
      // Completed means every purchase order was paid; say so if one was not.
      if (v.status === 'completed') {
        const unpaid = (v.purchaseOrders ?? []).filter((p: { status: string }) => p.status !== 'paid' && p.status !== 'cancelled');
        if (unpaid.length)
          return `completed with ${unpaid.map((p: { number: string; status: string }) => `${p.number} ${p.status}`).join(', ')}`;
      }
      return v.status;
    }
    for (const t of v?.openTasks ?? []) {
      if (t.kind !== 'requisition-approval') continue;
      if (run.plan === 'cancel' && run.expected === 'cancelled') {
        await api.post(`/requisitions/${run.number}/cancel`, { reason: 'no longer needed' }, 'requester');
      } else {
        const decision = run.plan === 'reject' ? 'reject' : 'approve';
        const who: As = t.role === 'manager' ? 'manager' : 'approver';
        const [a, b] = await twice(run, () => api.decide(t.id, decision, who));
        if (ok(a.status) && ok(b.status)) run.anomalies.push(`task ${t.id} accepted the same decision twice`);
      }
    }
    for (const p of v?.purchaseOrders ?? []) {
      if (!pos.has(p.number)) pos.set(p.number, { receipts: 0, invoiced: false });
      if (p.status !== 'paid' && p.status !== 'cancelled') await stepPurchaseOrder(ctx, run, p.number, pos.get(p.number)!);
    }
    return undefined;
  });
}

interface PoProgress {
  receipts: number;
  invoiced: boolean;
  lastInvoice?: number;
}

async function stepPurchaseOrder(ctx: DriveContext, run: Run, number: string, progress: PoProgress) {
  const { api } = ctx;
  const po = (await api.get(`/purchase-orders/${number}`, 'buyer')).body;
  const status: string = po?.process?.status ?? po?.status;
  // What a stuck run reports: the order's state and why its process could not be asked, if so.
  run.lastSeen = `${run.lastSeen?.split(';')[0]}; ${number} ${status}${po?.process?.unavailable ? ` (${po.process.unavailable})` : ''}`;
  for (const t of po?.openTasks ?? []) {
    const decision: Record<string, [string, As]> = {
      'supplier-unreachable': ['retry', 'buyer'],
      'late-delivery': ['keep-waiting', 'buyer'],
      'match-exception': ['accept-difference', 'ap'],
    };
    const d = decision[t.kind];
    if (d) await api.decide(t.id, d[0], d[1], 'chaos run: agreed with the supplier');
  }
  const lines: { lineNo: number; quantity: number; received: number; unitPrice: number }[] = po?.lines ?? [];
  if (status === 'awaiting_goods' || status === 'confirmed') {
    const open = lines.filter((l) => l.received < l.quantity);
    if (!open.length) return;
    const path = `/purchase-orders/${number}/receipts`;
    if (run.plan === 'partial-receipts' && lines.every((l) => l.received === 0)) {
      // First delivery: half of each line (at least one piece); the second delivery brings the rest.
      const part = open.map((l) => ({ lineNo: l.lineNo, quantity: Math.max(1, Math.floor(l.quantity / 2)) }));
      await api.post(path, { reference: `DN-${number}-1`, lines: part }, 'operator');
      return;
    }
    const body = {
      reference: `DN-${number}-${run.plan === 'partial-receipts' ? 2 : 1}`,
      lines: open.map((l) => ({ lineNo: l.lineNo, quantity: l.quantity - l.received })),
    };
    if (run.plan === 'duplicate-receipt') {
      const [a, b] = await twice(run, () => api.post(path, body, 'operator'));
      if (a.status === 201 && b.status === 201) run.anomalies.push(`delivery note ${body.reference} was booked twice as new`);
    } else {
      await api.post(path, body, 'operator');
    }
    progress.receipts++;
  } else if (status === 'awaiting_invoice' && (!progress.lastInvoice || Date.now() - progress.lastInvoice > 10_000)) {
    // Re-sent unchanged (same supplier reference) until the process has it; the reference makes a repeat harmless.
    progress.lastInvoice = Date.now();
    const markup = run.plan === 'price-difference' ? 1.1 : 1;
    const invoiceDate = new Date(Date.now() - TERMS_PAST_DAYS * 86_400_000).toISOString().slice(0, 10);
    await api.post(
      `/purchase-orders/${number}/invoices`,
      {
        supplierRef: `SI-${number}`,
        invoiceDate,
        lines: lines.map((l) => ({ lineNo: l.lineNo, quantity: l.received, unitPrice: Math.round(l.unitPrice * markup * 100) / 100 })),
      },
      'ap',
    );
  }
}
