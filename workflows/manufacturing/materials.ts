// Materials for a manufacturing order: reserve shop stock; make what is manufactured in child
// orders; bring bought parts over from the warehouse, or buy them through procure-to-pay and wait
// for their receipt. Repeats until everything is reserved.
import {
  CancellationScope,
  ChildWorkflowCancellationType,
  condition,
  getExternalWorkflowHandle,
  startChild,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import { cancelRequisitionSignal, requisitionWorkflowId } from '../procurement/messages';
import { ops, production } from '../shared/activities';
import { MoCancelled, stopIfCancelled, type MoContext } from './context';
import { moWorkflowId, type ManufacturingOrderState } from './messages';
import type { ManufacturingOrderInput, MaterialNeed, SkuQuantity } from './types';

const list = (lines: SkuQuantity[]) => lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ');

export async function secureMaterials(ctx: MoContext): Promise<void> {
  // Rounds go on counting when materials are secured again (after scrapped goods), so every key stays new.
  for (let round = ctx.materialRound; ; round++) {
    ctx.materialRound = round + 1;
    const result = await production.reserveMaterials({ moNumber: ctx.number, key: `${ctx.workflowId}:reserve:${round}` });
    if (result.reserved.length) ctx.note('reserved', list(result.reserved));
    if (result.short.length === 0) return;
    await ctx.setStatus('waiting_materials', `short of ${list(result.short)}`);
    const made = result.short.filter((s) => s.manufactured);
    const bought = result.short.filter((s) => !s.manufactured);
    // Sub-assemblies and bought parts are sought at the same time; the next round reserves what arrived.
    await Promise.all([
      made.length ? makeComponents(ctx, made, round) : undefined,
      bought.length ? bringOrBuy(ctx, bought, round) : undefined,
    ]);
  }
}

/** Each manufactured component runs as a child manufacturing order; its output lands in shop stock. */
async function makeComponents(ctx: MoContext, needs: MaterialNeed[], round: number): Promise<void> {
  const children: ChildWorkflowHandle<(input: ManufacturingOrderInput) => Promise<ManufacturingOrderState>>[] = [];
  for (const need of needs) {
    const number = await production.createManufacturingOrder({
      key: `${ctx.number}:component:${need.sku}:${round}`,
      sku: need.sku,
      quantity: need.quantity,
      parentType: 'manufacturing_order',
      parentRef: ctx.number,
      requestedBy: ctx.number,
    });
    ctx.state.childOrders.push(number);
    ctx.note('child_order', `${number} makes ${need.quantity} × ${need.sku}`);
    // Started by name: this file is part of the workflow it starts.
    children.push(await startChild('manufacturingOrder', { workflowId: moWorkflowId(number), args: [{ ...ctx.input, moNumber: number }] }));
    ctx.startedChildren.add(number);
  }
  const outcomes = await Promise.all(children.map((c) => c.result()));
  // A component order that ended without its goods (called off on the shop floor) ends this one too.
  const failed = outcomes.find((o) => o.status !== 'done');
  if (failed) throw new MoCancelled(`component order ${failed.moNumber} ended ${failed.status}`);
}

async function bringOrBuy(ctx: MoContext, needs: MaterialNeed[], round: number): Promise<void> {
  const stillShort: SkuQuantity[] = [];
  for (const need of needs) {
    stopIfCancelled();
    const transferred = await CancellationScope.nonCancellable(() => transfer(ctx, need, round));
    if (transferred < need.quantity) stillShort.push({ sku: need.sku, quantity: need.quantity - transferred });
  }
  if (stillShort.length === 0) return;
  // Hold what was brought over while the rest is bought, so another order cannot take it meanwhile.
  if (stillShort.length < needs.length || stillShort.some((s, i) => s.quantity < needs[i].quantity)) {
    await production.reserveMaterials({ moNumber: ctx.number, key: `${ctx.workflowId}:reserve:${round}:transferred` });
  }
  await buy(ctx, stillShort, round);
}

/**
 * Units out of the warehouse and into the shop, with their ledger entry. Once begun it is finished
 * on both sides even if the order is cancelled meanwhile (the cancellation then sends them back).
 */
async function transfer(ctx: MoContext, need: MaterialNeed, round: number): Promise<number> {
  const key = `${ctx.workflowId}:transfer:${round}:${need.sku}`;
  const { transferred, unitCostCents } = await ops.transferToProduction({
    key,
    moNumber: ctx.number,
    sku: need.sku,
    quantity: need.quantity,
  });
  if (transferred === 0) return 0;
  await production.receiveTransfer({ key, moNumber: ctx.number, sku: need.sku, quantity: transferred });
  await ops.postProductionCost({
    key: `${key}:ledger`,
    moNumber: ctx.number,
    kind: 'transfer_in',
    amountCents: transferred * unitCostCents,
    memo: `${transferred} × ${need.sku} to production for ${ctx.number}`,
  });
  const before = ctx.transferred.get(need.sku);
  ctx.transferred.set(need.sku, { quantity: (before?.quantity ?? 0) + transferred, unitCostCents });
  ctx.note('transferred', `${transferred} × ${need.sku} from the warehouse`);
  return transferred;
}

/** A purchase for what neither the shop nor the warehouse has; waits for a goods receipt of it. */
async function buy(ctx: MoContext, lines: SkuQuantity[], round: number): Promise<void> {
  // A requisition once written gets its process even if a cancellation comes between, so the
  // cancellation can ask it to stop (see cancelPurchases) instead of leaving it without one.
  stopIfCancelled();
  const requisitionNumber = await CancellationScope.nonCancellable(async () => {
    const number = await ops.raiseMaterialRequisition({ key: `${ctx.workflowId}:requisition:${round}`, moNumber: ctx.number, lines });
    ctx.state.requisitions.push(number);
    ctx.note('purchase', `${number} raised for ${list(lines)}`);
    // A purchase outlives this order and is not cut off mid-step when the order is cancelled; one
    // already received goes on to be paid.
    await startChild('procureToPay', {
      workflowId: requisitionWorkflowId(number),
      args: [{ requisitionNumber: number, policy: ctx.input.procurementPolicy }],
      parentClosePolicy: 'ABANDON',
      cancellationType: ChildWorkflowCancellationType.ABANDON,
    });
    return number;
  });
  const seen = ctx.receipts.size;
  for (let asked = 1; !(await condition(() => ctx.receipts.size > seen, ctx.input.policy.materialWaitMs)); asked++) {
    const id = await ctx.tasks.ask({
      id: `${ctx.workflowId}:materials-late:${round}:${asked}`,
      documentRef: ctx.number,
      kind: 'materials-late',
      role: 'production',
      decisions: ['keep-waiting', 'cancel'],
      title: `Materials for ${ctx.number} have not arrived`,
      description: `${requisitionNumber} (${list(lines)}) has no goods receipt yet. Check the purchase, then keep waiting or cancel the manufacturing order.`,
    });
    const decision = await ctx.tasks.decision(id, undefined, () => ctx.receipts.size > seen);
    if (ctx.receipts.size > seen) return ctx.tasks.withdraw('materials received', [id]);
    if (decision?.decision === 'cancel')
      throw new MoCancelled(`materials did not arrive: ${decision.comment ?? 'cancelled on the shop floor'}`, decision.decidedBy);
  }
}

/** On cancellation: purchases not yet received are called off (one already received refuses on its own). */
export async function cancelPurchases(ctx: MoContext, reason: string): Promise<void> {
  for (const number of ctx.state.requisitions) {
    await getExternalWorkflowHandle(requisitionWorkflowId(number))
      .signal(cancelRequisitionSignal, { reason: `manufacturing order ${ctx.number} cancelled: ${reason}`, requestedBy: ctx.number })
      .catch(() => undefined);
  }
}
