// Supplier invoice → three-way match → (exception handling) → approval into payables →
// payment on the due date, or on the early-payment date when a discount is offered.
import { condition, sleep } from '@temporalio/workflow';
import { ops } from '../shared/activities';
import type { PoContext } from './po-context';
import type { MatchResult } from './types';

const HALF_DAY_MS = 12 * 3_600_000;
const money = (cents: number) => (cents / 100).toFixed(2);
const hasApproverRights = (roles: string[] = []) => roles.some((r) => ['approver', 'manager', 'admin'].includes(r));

export async function settle(ctx: PoContext): Promise<void> {
  let approvedBy = 'three-way match';
  for (let round = 1; ; round++) {
    // Count before any await, so an invoice registered meanwhile is not missed.
    const seen = ctx.invoices;
    await ctx.setStatus('awaiting_invoice');
    await condition(() => ctx.invoices > seen);
    const invoice = ctx.state.invoice!;
    let result = await match(ctx);
    while (!result.matched) {
      await ctx.setStatus('match_exception', `difference ${money(result.differenceCents)}`);
      const id = await ctx.tasks.ask({
        id: `${ctx.workflowId}:match-exception:${invoice.number}:${round}`,
        documentRef: ctx.poNumber,
        kind: 'match-exception',
        role: 'ap_clerk',
        decisions: ['accept-difference', 'request-credit-note', 'reject-invoice'],
        title: `Invoice ${invoice.supplierRef} does not match ${ctx.poNumber}`,
        description:
          `Expected ${money(result.expectedTotalCents)} (PO price × received), invoiced ${money(result.invoicedTotalCents)}. ` +
          result.lines
            .filter((l) => !l.withinTolerance)
            .map((l) => `Line ${l.lineNo}: ${l.reason} (${money(l.differenceCents)})`)
            .join('; '),
        guard: (d) =>
          d.decision === 'accept-difference' && !hasApproverRights(d.decidedByRoles)
            ? 'Accepting a price difference needs approver rights'
            : undefined,
      });
      const d = (await ctx.tasks.decision(id))!;
      if (d.decision === 'accept-difference') {
        approvedBy = d.decidedBy;
        ctx.note('difference_accepted', `by ${d.decidedBy}`);
        break;
      }
      if (d.decision === 'reject-invoice') {
        await ops.rejectSupplierInvoice({ invoiceNumber: invoice.number, rejectedBy: d.decidedBy, reason: d.comment ?? 'does not match' });
        ctx.note('invoice_rejected', `by ${d.decidedBy}`);
        ctx.state.invoice = undefined;
        break;
      }
      const credits = ctx.creditNotes;
      await ctx.setStatus('awaiting_credit_note');
      await condition(() => ctx.creditNotes > credits);
      result = await match(ctx);
    }
    if (ctx.state.invoice) break;
  }
  await pay(ctx, approvedBy);
}

async function match(ctx: PoContext): Promise<MatchResult> {
  const result = await ops.matchSupplierInvoice({
    invoiceNumber: ctx.state.invoice!.number,
    tolerancePct: ctx.policy.matchTolerancePct,
    toleranceCents: ctx.policy.matchToleranceCents,
  });
  ctx.state.match = result;
  ctx.note(result.matched ? 'matched' : 'match_exception', `difference ${money(result.differenceCents)}`);
  return result;
}

async function pay(ctx: PoContext, approvedBy: string) {
  const invoice = await ops.approveSupplierInvoice({ invoiceNumber: ctx.state.invoice!.number, approvedBy, at: new Date().toISOString() });
  ctx.state.invoice = invoice;
  // Pay on the morning of the last day the discount allows, or else of the due date.
  const discountDay = invoice.discountDueAt ? Date.parse(invoice.discountDueAt) - HALF_DAY_MS : undefined;
  const payOn = discountDay !== undefined && discountDay > Date.now() ? discountDay : Date.parse(invoice.dueAt) - HALF_DAY_MS;
  ctx.state.payment = { scheduledFor: new Date(Math.max(payOn, Date.now())).toISOString() };
  await ctx.setStatus('invoiced', `payment scheduled for ${ctx.state.payment.scheduledFor.slice(0, 10)}`);
  await sleep(Math.max(0, payOn - Date.now()));
  const paid = await ops.paySupplierInvoice({ invoiceNumber: invoice.number, at: new Date().toISOString() });
  ctx.state.payment = { ...ctx.state.payment, ...paid };
  await ctx.setStatus('paid', `${money(paid.paidCents)} paid, discount ${money(paid.discountCents)}`);
}
