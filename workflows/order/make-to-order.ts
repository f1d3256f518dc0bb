// Lines the warehouse cannot serve from stock because the product is made for each order (or is
// manufactured and short) get a child manufacturing order; the order waits for their goods, which
// are handed over to the warehouse, and then reserves and ships as usual.
import { isCancellation, startChild } from '@temporalio/workflow';
import { moWorkflowId, type ManufacturingOrderState } from '../manufacturing/messages';
import type { ManufacturingOrderInput } from '../manufacturing/types';
import { ops, production } from '../shared/activities';
import type { OrderContext } from './context';

export async function makeToOrder(ctx: OrderContext): Promise<void> {
  const needs = await ops.manufacturingNeeds({ orderNumber: ctx.orderNumber });
  if (needs.length === 0) return;
  const children = [];
  const unstarted: string[] = [];
  // A manufacturing order written but not yet started when the order is cancelled is closed here;
  // started ones are cancelled with the order's process.
  ctx.compensations.push({
    name: 'close unstarted manufacturing orders',
    run: async () => {
      for (const moNumber of unstarted) {
        await production.cancelUnstartedOrder({ moNumber, reason: `order ${ctx.orderNumber} cancelled`, at: new Date().toISOString() });
      }
    },
  });
  for (const need of needs) {
    const moNumber = await production.createManufacturingOrder({
      key: `order:${ctx.orderNumber}:line:${need.lineNo}`,
      sku: need.sku,
      quantity: need.quantity,
      parentType: 'order',
      parentRef: ctx.orderNumber,
      requestedBy: `order ${ctx.orderNumber}`,
      dueDate: need.dueDate,
    });
    unstarted.push(moNumber);
    const input: ManufacturingOrderInput = {
      moNumber,
      policy: ctx.input.manufacturingPolicy!,
      procurementPolicy: ctx.input.procurementPolicy!,
    };
    children.push(
      await startChild<(i: ManufacturingOrderInput) => Promise<ManufacturingOrderState>>('manufacturingOrder', {
        workflowId: moWorkflowId(moNumber),
        args: [input],
      }),
    );
    unstarted.splice(unstarted.indexOf(moNumber), 1);
    ctx.note('manufacturing', `${moNumber} makes ${need.quantity} × ${need.sku} for line ${need.lineNo}`);
  }
  await ctx.setStatus('manufacturing', `waiting for ${needs.length} manufacturing order(s)`);
  // A manufacturing order that ends without goods (cancelled on the shop floor, or failed) leaves its
  // line to the backorder rules that follow; only the order's own cancellation stops the order.
  const outcomes = await Promise.allSettled(children.map((c) => c.result()));
  for (const [i, outcome] of outcomes.entries()) {
    if (outcome.status === 'rejected') {
      if (isCancellation(outcome.reason)) throw outcome.reason;
      ctx.note('manufacturing_failed', `${needs[i].sku}: ${(outcome.reason as Error).message}`);
    } else if (outcome.value.status !== 'done') {
      ctx.note('manufacturing_failed', `${outcome.value.moNumber} ended ${outcome.value.status}: ${outcome.value.reason ?? ''}`);
    }
  }
}
