// Lines the warehouse cannot serve from stock because the product is made for each order (or is
// manufactured and short) get a child manufacturing order; the order waits for their goods, which
// are handed over to the warehouse, and then reserves and ships as usual.
import { startChild } from '@temporalio/workflow';
import { moWorkflowId, type ManufacturingOrderState } from '../manufacturing/messages';
import type { ManufacturingOrderInput } from '../manufacturing/types';
import { ops, production } from '../shared/activities';
import type { OrderContext } from './context';

export async function makeToOrder(ctx: OrderContext): Promise<void> {
  const needs = await ops.manufacturingNeeds({ orderNumber: ctx.orderNumber });
  if (needs.length === 0) return;
  const children = [];
  for (const need of needs) {
    const moNumber = await production.createManufacturingOrder({
      key: `order:${ctx.orderNumber}:line:${need.lineNo}`,
      sku: need.sku,
      quantity: need.quantity,
      parentType: 'order',
      parentRef: ctx.orderNumber,
      requestedBy: `order ${ctx.orderNumber}`,
    });
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
    ctx.note('manufacturing', `${moNumber} makes ${need.quantity} × ${need.sku} for line ${need.lineNo}`);
  }
  await ctx.setStatus('manufacturing', `waiting for ${needs.length} manufacturing order(s)`);
  // A manufacturing order that ends without goods leaves its line to the backorder rules that follow.
  for (const outcome of await Promise.all(children.map((c) => c.result()))) {
    if (outcome.status !== 'done') ctx.note('manufacturing_failed', `${outcome.moNumber} ended ${outcome.status}: ${outcome.reason ?? ''}`);
  }
}
