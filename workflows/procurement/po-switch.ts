// Switching an unsent PO to another supplier after its own stayed unreachable. The other supplier's
// minimum order quantities and prices may cost more than was approved; then the approvers decide
// again, at the level the new amount requires under the same policy, before anything is changed.
import { approvalChain } from '../../domain/procurement/approval-policy';
import { ops } from '../shared/activities';
import type { PoContext } from './po-context';
import type { SupplierSwitchQuote } from './types';

const money = (cents: number) => (cents / 100).toFixed(2);

/** True when the PO now goes to `to`; false when the switch was not approved (the PO is to be cancelled, `ctx.cancelReason` says why). */
export async function switchSupplier(ctx: PoContext, to: string, buyer: string): Promise<boolean> {
  const quote = await ops.quoteSupplierSwitch({ poNumber: ctx.poNumber, supplierCode: to });
  const raised = quote.lines.filter((l) => l.newQuantity > l.quantity);
  const costsMore = quote.newTotalCents > quote.totalCents || raised.length > 0;
  // The requisition was approved for its total; the switch changes it by this PO's difference.
  const newAmount = quote.requisitionTotalCents - quote.totalCents + quote.newTotalCents;
  const chain = costsMore ? approvalChain(newAmount, ctx.policy) : [];
  const what =
    `${quote.from} unreachable; switched to ${to} by ${buyer}` +
    (costsMore ? ` (${money(quote.totalCents)} → ${money(quote.newTotalCents)}${describe(raised)})` : '');
  const approvers: string[] = [];
  for (const level of chain) {
    const id = await ctx.tasks.ask({
      id: `${ctx.workflowId}:switch-approval:${to}:${level.level}`,
      documentRef: ctx.poNumber,
      kind: 'switch-approval',
      role: level.role,
      decisions: ['approve', 'reject'],
      title: `Approve switching ${ctx.poNumber} to ${to} (${money(quote.newTotalCents)}) as ${level.label}`,
      description: `${what}. The requisition now comes to ${money(newAmount)}. Rejecting cancels the purchase order.`,
      guard: (d) => switchRefusal(d.decidedBy, quote, buyer, approvers),
    });
    const d = await ctx.tasks.decision(id, undefined, () => !!ctx.cancelReason);
    if (!d) return false;
    if (d.decision === 'reject') {
      ctx.cancelReason = `supplier switch to ${to} (${money(quote.newTotalCents)}) rejected by ${d.decidedBy}${d.comment ? `: ${d.comment}` : ''}`;
      return false;
    }
    approvers.push(d.decidedBy);
  }
  const reason = approvers.length ? `${what}; approved by ${approvers.join(', ')}` : what;
  ctx.state.po = await ops.switchSupplier({
    poNumber: ctx.poNumber,
    supplierCode: to,
    decidedBy: buyer,
    reason,
    approvedTotalCents: quote.newTotalCents,
  });
  ctx.state.reason = reason;
  ctx.note('supplier_switched', reason);
  return true;
}

const describe = (raised: SupplierSwitchQuote['lines']) =>
  raised.length ? `; minimum order raises ${raised.map((l) => `line ${l.lineNo} ${l.quantity} → ${l.newQuantity}`).join(', ')}` : '';

/** Segregation of duties as for the requisition, and the buyer who chose the switch does not approve it. */
function switchRefusal(decider: string, quote: SupplierSwitchQuote, buyer: string, approvers: string[]): string | undefined {
  if (decider === quote.requester) return `${decider} requested this and cannot approve it`;
  if (decider === buyer) return `${decider} chose the switch and cannot approve it`;
  if (approvers.includes(decider)) return `${decider} has already approved this switch at an earlier level`;
  return undefined;
}
