// Sending the PO through the supplier's gateway: retries with backoff are automatic; after the
// configured number of failures a buyer decides: retry, switch supplier, or cancel.
import { ActivityFailure, patched, proxyActivities } from '@temporalio/workflow';
import type { OperationsActivities } from '../../activities/operations';
import { ops } from '../shared/activities';
import { TASK_QUEUES } from '../shared/task-queues';
import type { PoContext } from './po-context';
import { switchSupplier } from './po-switch';
import { publish } from '../shared/visibility';

/** True when the supplier confirmed; false when the PO was cancelled instead. */
export async function sendToSupplier(ctx: PoContext): Promise<boolean> {
  const gateway = proxyActivities<OperationsActivities>({
    taskQueue: TASK_QUEUES.operations,
    startToCloseTimeout: '15s',
    retry: {
      initialInterval: ctx.policy.supplierRetryInitialMs,
      backoffCoefficient: 2,
      maximumInterval: '1m',
      maximumAttempts: ctx.policy.supplierAttemptsBeforeTask,
      nonRetryableErrorTypes: ['SupplierRefused'],
    },
  });
  for (let round = 1; ; round++) {
    if (ctx.cancelReason) return false;
    // The supplier's gateway, retried with backoff.
    publish({ status: 'sending', waitingOn: 'partner', waitingFor: ctx.state.po!.supplierCode });
    await ctx.setStatus('sending', `to ${ctx.state.po!.supplierCode}`);
    try {
      ctx.state.po = await gateway.sendPurchaseOrder({ poNumber: ctx.poNumber });
      await ctx.setStatus('confirmed', `promised for ${ctx.state.po.promisedDate?.slice(0, 10)}`);
      return true;
    } catch (e) {
      if (!(e instanceof ActivityFailure)) throw e;
      const why = e.cause?.message ?? e.message;
      ctx.note('supplier_unreachable', why);
      const alternative = await ops.alternativeSupplier({ poNumber: ctx.poNumber });
      const id = await ctx.tasks.ask({
        id: `${ctx.workflowId}:supplier-unreachable:${round}`,
        documentRef: ctx.poNumber,
        kind: 'supplier-unreachable',
        role: 'buyer',
        decisions: ['retry', ...(alternative ? ['switch-supplier'] : []), 'cancel'],
        title: `${ctx.poNumber} could not be sent to ${ctx.state.po!.supplierCode}`,
        description:
          `${ctx.policy.supplierAttemptsBeforeTask} attempts failed (${why}). Retry, ` +
          `${alternative ? `switch to ${alternative}, ` : ''}or cancel the purchase order.`,
      });
      const d = await ctx.tasks.decision(id, undefined, () => !!ctx.cancelReason);
      if (!d) return false;
      if (d.decision === 'cancel') {
        ctx.cancelReason = `cancelled by ${d.decidedBy}: supplier unreachable`;
        return false;
      }
      if (d.decision === 'switch-supplier') {
        // Histories recorded before a dearer switch needed approval replay the direct switch.
        if (patched('po-switch-needs-approval')) {
          if (!(await switchSupplier(ctx, alternative!, d.decidedBy))) return false;
        } else {
          ctx.state.po = await ops.switchSupplier({ poNumber: ctx.poNumber, supplierCode: alternative!, decidedBy: d.decidedBy });
          ctx.note('supplier_switched', `to ${alternative} by ${d.decidedBy}`);
        }
      }
    }
  }
}
