// A return inside every line's window is authorized at once; one outside it waits for an approver
// (the role its category's policy names), escalated to a manager when nobody decides in time.
import { ops } from '../shared/activities';
import { now, units, type ReturnContext } from './context';
import { publish } from '../shared/visibility';

/** Returns the approver's name (undefined inside the window), or the rejection's reason when rejected. */
export async function approve(ctx: ReturnContext): Promise<{ approvedBy?: string } | { rejected: string }> {
  if (!ctx.ret.outsideWindow) return {};
  const why = ctx.ret.windowNote ?? 'delivered longer ago than its return window';
  await ctx.setStatus('pending_approval', why);
  const role = ctx.ret.approverRole;
  const id = await ctx.tasks.ask({
    id: ctx.key('approval'),
    documentRef: ctx.number,
    kind: 'return-approval',
    role,
    decisions: ['approve', 'reject'],
    title: `Approve return ${ctx.number} outside the return window`,
    description:
      `${ctx.ret.customerCode} wants to return ${units(ctx.lines)} of order ${ctx.ret.orderNumber} (${ctx.ret.reason}). ` +
      `${why}. Approve to authorize the return, or reject it.`,
    dueInMs: ctx.input.policy.approvalEscalationMs,
  });
  let decision = await ctx.tasks.decision(id, ctx.input.policy.approvalEscalationMs);
  if (!decision) {
    if (role !== 'manager') {
      await ctx.tasks.escalate(id, 'manager');
      ctx.note('approval_escalated', `no decision by ${role} in time; a manager decides`);
    }
    decision = (await ctx.tasks.decision(id))!;
  }
  if (decision.decision === 'reject')
    return { rejected: `rejected by ${decision.decidedBy}: ${decision.comment ?? 'outside the return window'}` };
  ctx.note('approved', `by ${decision.decidedBy}${decision.comment ? `: ${decision.comment}` : ''}`);
  return { approvedBy: decision.decidedBy };
}

/** The RMA number and the date by which the goods must arrive; from now on they are received. */
export async function authorize(ctx: ReturnContext, approvedBy?: string): Promise<void> {
  ctx.authorizing = true;
  const rma = await ops.authorizeReturn({
    returnNumber: ctx.number,
    ...(approvedBy ? { approvedBy } : {}),
    receiveWaitMs: ctx.input.policy.receiveWaitMs,
    at: now(),
  });
  Object.assign(ctx.state, { rmaNumber: rma.rmaNumber, receiveBy: rma.receiveBy });
  ctx.authorized = true;
  // The customer's goods, due by the receive-by date.
  publish({ status: 'authorized', waitingOn: 'partner', waitingFor: ctx.ret.customerCode, dueAt: rma.receiveBy });
  await ctx.setStatus('authorized', `${rma.rmaNumber}, goods expected by ${rma.receiveBy.slice(0, 10)}`);
}
