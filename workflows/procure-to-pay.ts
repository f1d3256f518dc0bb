// Procure-to-pay for one requisition: approval chain by amount (with reminders, escalation and
// segregation of duties) → supplier selection → one child process per purchase order.
import {
  allHandlersFinished,
  condition,
  patched,
  setHandler,
  startChild,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import { approvalChain, approvalRefusal, escalationRole } from '../domain/procurement/approval-policy';
import { ops } from './shared/activities';
import { HumanTasks } from './shared/human-tasks';
import { refuse } from './shared/messages';
import {
  cancelPurchaseOrderSignal,
  cancelRequisitionSignal,
  cancelRequisitionUpdate,
  purchaseOrderWorkflowId,
  requisitionStateQuery,
  type RequisitionState,
} from './procurement/messages';
import type { RequisitionInput } from './procurement/types';
import { purchaseOrder } from './purchase-order';
import { publish, publishIdentity } from './shared/visibility';

export async function procureToPay(input: RequisitionInput): Promise<RequisitionState> {
  // Histories recorded before a cancel answered early (and stopped unstarted purchase orders) replay the old way.
  const cancelEarly = patched('requisition-cancel-answers-early');
  const workflowId = workflowInfo().workflowId;
  const tasks = new HumanTasks('procure-to-pay');
  const state: RequisitionState = {
    requisitionNumber: input.requisitionNumber,
    status: 'submitted',
    approvals: [],
    purchaseOrders: [],
    openTasks: [],
    events: [],
  };
  const children: ChildWorkflowHandle<typeof purchaseOrder>[] = [];
  let cancel: { reason: string; requestedBy: string } | undefined;
  let finished = false;
  // Read through a function: a handler may set it while the main flow awaits, which narrowing cannot see.
  const cancelled = () => cancel;
  const note = (step: string, text?: string) => state.events.push({ at: new Date().toISOString(), step, ...(text ? { note: text } : {}) });
  const setStatus = async (status: string, reason?: string) => {
    if (state.status !== status) note(status, reason);
    state.status = status;
    publish({ status });
    await ops.setRequisitionStatus({ number: input.requisitionNumber, status, reason });
  };
  const forwardCancel = (child: ChildWorkflowHandle<typeof purchaseOrder>) =>
    child.signal(cancelPurchaseOrderSignal, { reason: `requisition cancelled: ${cancel!.reason}` });

  // Answered once recorded and forwarded: purchase orders settle on their own time (a supplier may
  // be slow to confirm the cancellation), and none starts after this (see the ordering loop).
  const cancelNow = async (req: { reason: string; requestedBy: string }) => {
    cancel = req;
    await Promise.all(children.map(forwardCancel));
    state.reason = req.reason;
    await setStatus('cancelled', req.reason);
  };
  const final = () => ['rejected', 'cancelled', 'completed'].includes(state.status);

  setHandler(requisitionStateQuery, () => ({ ...state, openTasks: tasks.openTaskIds }));
  // The process that raised this requisition (a manufacturing order) calls it off; a late call changes nothing.
  setHandler(cancelRequisitionSignal, async (req) => {
    if (!cancel && !final()) await cancelNow(req);
  });
  setHandler(
    cancelRequisitionUpdate,
    async (req) => {
      cancel = req;
      if (!cancelEarly) {
        for (const child of children) await forwardCancel(child);
        await condition(() => finished);
        return { ...state, openTasks: tasks.openTaskIds };
      }
      await cancelNow(req);
      return { ...state, openTasks: tasks.openTaskIds };
    },
    {
      validator: (_req: { reason: string; requestedBy: string }) => {
        if (cancel || final()) {
          throw refuse(`Requisition ${input.requisitionNumber} is ${cancel ? 'already being cancelled' : state.status}`);
        }
      },
    },
  );

  const requisition = await ops.loadRequisition(input.requisitionNumber);
  publishIdentity({ kind: 'requisition', document: input.requisitionNumber, amountCents: requisition.totalCents, status: state.status });
  const outcome = await (async (): Promise<{ status: string; reason?: string }> => {
    await setStatus('pending_approval');
    const chain = approvalChain(requisition.totalCents, input.policy);
    if (chain.length === 0) note('auto_approved', 'within the automatic approval limit');
    const approvers: string[] = [];
    for (const level of chain) {
      const id = await tasks.ask({
        id: `${workflowId}:approval:${level.level}`,
        documentRef: input.requisitionNumber,
        kind: 'requisition-approval',
        role: level.role,
        decisions: ['approve', 'reject'],
        title: `Approve requisition ${input.requisitionNumber} (${(requisition.totalCents / 100).toFixed(2)}) as ${level.label}`,
        description: `Requested by ${requisition.requester}: ${requisition.lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ')}.`,
        dueInMs: input.policy.approvalReminderMs,
        guard: (d) => approvalRefusal(d.decidedBy, requisition.requester, approvers),
      });
      const stop = () => !!cancel;
      let d = await tasks.decision(id, input.policy.approvalReminderMs, stop);
      if (!d && !cancel) {
        await ops.remindApprover({ number: input.requisitionNumber, taskId: id, level: level.level });
        note('approval_reminder', `level ${level.level}`);
        d = await tasks.decision(id, input.policy.approvalEscalationMs, stop);
      }
      if (!d && !cancel) {
        await tasks.escalate(id, escalationRole(level.role));
        note('approval_escalated', `level ${level.level} to ${escalationRole(level.role)}`);
        d = await tasks.decision(id, undefined, stop);
      }
      if (!d) return { status: 'cancelled', reason: cancel!.reason };
      await ops.recordApproval({
        number: input.requisitionNumber,
        level: level.level,
        role: level.role,
        decision: d.decision,
        decidedBy: d.decidedBy,
        comment: d.comment,
        at: new Date().toISOString(),
      });
      state.approvals.push({ level: level.level, role: level.role, decision: d.decision, decidedBy: d.decidedBy });
      if (d.decision === 'reject') return { status: 'rejected', reason: `rejected by ${d.decidedBy}${d.comment ? `: ${d.comment}` : ''}` };
      approvers.push(d.decidedBy);
    }
    if (cancel) return { status: 'cancelled', reason: cancel.reason };
    await setStatus('approved');
    const plans = await ops.planPurchaseOrders({ requisitionNumber: input.requisitionNumber });
    state.purchaseOrders = plans.map((p) => p.number);
    if (!(cancelEarly && cancelled())) await setStatus('ordering', plans.map((p) => `${p.number} → ${p.supplierCode}`).join(', '));
    for (const p of plans) {
      const req = cancelled();
      if (cancelEarly && req) {
        // Cancelled while planning: this PO was never sent, so it is only closed in the books.
        await ops.cancelPurchaseOrder({ poNumber: p.number, reason: `requisition cancelled: ${req.reason}` });
        continue;
      }
      const child = await startChild(purchaseOrder, {
        workflowId: purchaseOrderWorkflowId(p.number),
        args: [{ poNumber: p.number, requisitionNumber: input.requisitionNumber, policy: input.policy }],
      });
      children.push(child);
      // A cancel that arrived while this child was starting did not see it.
      if (cancelEarly && cancelled()) await forwardCancel(child);
    }
    const results = await Promise.all(children.map((c) => c.result()));
    const c = cancelled();
    if (results.every((r) => r.status === 'cancelled')) {
      return { status: 'cancelled', reason: c?.reason ?? results.map((r) => `${r.poNumber}: ${r.reason ?? 'cancelled'}`).join('; ') };
    }
    return { status: 'completed', ...(c ? { reason: `cancel (${c.reason}) came after goods were received` } : {}) };
  })();

  await tasks.withdraw(`requisition ${outcome.status}`);
  if (outcome.reason) state.reason = outcome.reason;
  await setStatus(outcome.status, outcome.reason);
  finished = true;
  await condition(allHandlersFinished);
  return { ...state, openTasks: tasks.openTaskIds };
}
