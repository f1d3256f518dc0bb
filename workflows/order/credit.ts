import { ops } from '../shared/activities';
import { OrderCancelled, type OrderContext } from './context';

const money = (cents: number) => (cents / 100).toFixed(2);

/**
 * Over the limit → an approver decides by the deadline; no decision → the task escalates to the
 * managers; still none → the order is cancelled. A rejection cancels it at once.
 */
export async function creditCheck(ctx: OrderContext): Promise<void> {
  await ctx.setStatus('credit_check');
  const credit = await ops.checkCredit(ctx.orderNumber);
  if (credit.withinLimit) {
    ctx.note('credit_approved', 'within credit limit');
    return;
  }
  ctx.state.creditHold = { overByCents: credit.overByCents };
  await ctx.setStatus('credit_hold', `over the credit limit by ${money(credit.overByCents)}`);
  const id = await ctx.tasks.ask({
    id: `${ctx.workflowId}:credit-hold`,
    documentRef: ctx.orderNumber,
    kind: 'credit-hold',
    title: `Credit hold: order ${ctx.orderNumber} (${ctx.order.customerCode})`,
    description:
      `Order total ${money(credit.orderTotalCents)} plus open receivables ${money(credit.openReceivablesCents)} ` +
      `exceed the credit limit ${money(credit.creditLimitCents)} by ${money(credit.overByCents)}. Approve to release the order or reject to cancel it.`,
    role: 'approver',
    decisions: ['approve', 'reject'],
    dueInMs: ctx.policy.creditApprovalMs,
  });
  let decision = await ctx.tasks.decision(id, ctx.policy.creditApprovalMs);
  if (!decision) {
    ctx.note('credit_hold_escalated', 'no decision by the deadline; escalated to managers');
    await ctx.tasks.escalate(id, 'manager', ctx.policy.creditEscalationMs);
    decision = await ctx.tasks.decision(id, ctx.policy.creditEscalationMs);
  }
  if (!decision) throw new OrderCancelled('credit hold was not decided in time');
  ctx.state.creditHold = { ...ctx.state.creditHold, decision: decision.decision, decidedBy: decision.decidedBy };
  if (decision.decision === 'reject') {
    throw new OrderCancelled(
      `credit hold rejected by ${decision.decidedBy}${decision.comment ? `: ${decision.comment}` : ''}`,
      decision.decidedBy,
    );
  }
  ctx.note('credit_approved', `approved by ${decision.decidedBy}`);
}
