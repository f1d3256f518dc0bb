// The money and stock ends of a manufacturing order: materials issued to work in progress before
// the first operation; finished goods out of it at the end (handed to the warehouse unless a parent
// order consumes them in the shop); on cancellation, what can be undone is, and the rest is a loss.
import { CancellationScope } from '@temporalio/workflow';
import { ops, production } from '../shared/activities';
import { stopIfCancelled, type MoContext } from './context';
import { cancelPurchases } from './materials';
import type { SkuQuantity } from './types';

async function valued(lines: SkuQuantity[]): Promise<number> {
  if (lines.length === 0) return 0;
  const costs = await ops.standardCosts({ skus: lines.map((l) => l.sku) });
  return lines.reduce((sum, l) => sum + l.quantity * (costs[l.sku] ?? 0), 0);
}

/**
 * Reserved materials become work in progress, valued at standard cost (raw materials → WIP). Once the
 * shop stock is used up its cost is booked too, even if a cancellation comes between (which then
 * writes it off).
 */
export async function issueMaterials(ctx: MoContext, issue = 0): Promise<void> {
  // Materials issued again after scrapped goods (issue 1, 2, …) are new effects under new keys.
  const again = issue ? `:${issue}` : '';
  stopIfCancelled();
  await CancellationScope.nonCancellable(async () => {
    const consumed = await production.consumeMaterials({ moNumber: ctx.number, key: `${ctx.workflowId}:consume${again}` });
    const cents = await valued(consumed);
    await ops.postProductionCost({
      key: `${ctx.workflowId}:ledger:consumption${again}`,
      moNumber: ctx.number,
      kind: 'consumption',
      amountCents: cents,
    });
    await production.recordMoCosts({ key: `${ctx.workflowId}:costs:materials${again}`, moNumber: ctx.number, materialCents: cents });
    ctx.consumedCents = cents;
    ctx.note('materials_issued', consumed.map((l) => `${l.quantity} × ${l.sku}`).join(', '));
  });
}

/** Machine and labour time of the work orders that ran, into work in progress. */
async function absorbConversion(ctx: MoContext): Promise<number> {
  const { machineCents, labourCents } = await production.workOrderCosts({ moNumber: ctx.number });
  await ops.postProductionCost({
    key: `${ctx.workflowId}:ledger:conversion`,
    moNumber: ctx.number,
    kind: 'conversion',
    amountCents: machineCents + labourCents,
  });
  await production.recordMoCosts({ key: `${ctx.workflowId}:costs:conversion`, moNumber: ctx.number, machineCents, labourCents });
  return machineCents + labourCents;
}

export async function finish(ctx: MoContext): Promise<void> {
  const conversion = await absorbConversion(ctx);
  const total = (ctx.consumedCents ?? 0) + conversion;
  const output = await production.produceOutput({ moNumber: ctx.number, key: `${ctx.workflowId}:produce` });
  await ops.postProductionCost({
    key: `${ctx.workflowId}:ledger:completion`,
    moNumber: ctx.number,
    kind: 'completion',
    amountCents: total,
  });
  ctx.note('produced', `${output.quantity} × ${output.sku} at ${total} cents`);
  // A sub-assembly stays in the shop for its parent order; anything else goes to the warehouse.
  if (ctx.mo.parentType !== 'manufacturing_order') {
    const key = `${ctx.workflowId}:handover`;
    const handed = await production.handOverOutput({ moNumber: ctx.number, key });
    await ops.receiveFromProduction({ key, moNumber: ctx.number, lines: [handed], reason: 'handover' });
    await ops.postProductionCost({ key: `${key}:ledger`, moNumber: ctx.number, kind: 'handover', amountCents: total });
    ctx.note('handed_over', `${handed.quantity} × ${handed.sku} to the warehouse`);
  }
}

/**
 * Undoes what can be undone, in reverse: purchases not yet received are called off, capacity is freed,
 * reservations released and materials brought from the warehouse go back; what was already issued to
 * production (and the machine time spent on it) cannot come back and is written off as a loss.
 */
export async function unwind(ctx: MoContext, reason: string): Promise<void> {
  await cancelPurchases(ctx, reason);
  // Started children are cancelled with this process; one written but never started is closed here.
  for (const child of ctx.state.childOrders.filter((n) => !ctx.startedChildren.has(n))) {
    await production.cancelUnstartedOrder({ moNumber: child, reason: `${ctx.number} cancelled: ${reason}`, at: new Date().toISOString() });
  }
  await production.cancelOpenWorkOrders({ moNumber: ctx.number });
  const released = await production.releaseMaterials({ moNumber: ctx.number, key: `${ctx.workflowId}:release` });
  const returnable = released
    .map((l) => ({ sku: l.sku, quantity: Math.min(l.quantity, ctx.transferred.get(l.sku)?.quantity ?? 0) }))
    .filter((l) => l.quantity > 0);
  if (returnable.length) {
    const key = `${ctx.workflowId}:send-back`;
    const sent = await production.sendBackMaterials({ moNumber: ctx.number, key, lines: returnable });
    await ops.receiveFromProduction({ key, moNumber: ctx.number, lines: sent, reason: 'returned' });
    const cents = sent.reduce((s, l) => s + l.quantity * (ctx.transferred.get(l.sku)?.unitCostCents ?? 0), 0);
    await ops.postProductionCost({ key: `${key}:ledger`, moNumber: ctx.number, kind: 'transfer_back', amountCents: cents });
    ctx.note('returned', sent.map((l) => `${l.quantity} × ${l.sku}`).join(', '));
  }
  if (ctx.mo.purpose === 'repair') await sendBackUnrepaired(ctx, released);
  if (ctx.consumedCents !== undefined) {
    const loss = ctx.consumedCents + (await absorbConversion(ctx));
    await ops.postProductionCost({
      key: `${ctx.workflowId}:ledger:loss`,
      moNumber: ctx.number,
      kind: 'loss',
      amountCents: loss,
      memo: reason,
    });
    await production.recordMoCosts({ key: `${ctx.workflowId}:costs:loss`, moNumber: ctx.number, lossCents: loss });
    ctx.state.lossCents = (ctx.state.lossCents ?? 0) + loss;
    ctx.note('loss', `issued materials and machine time written off: ${loss} cents`);
  }
}

/**
 * A repair called off before its materials were issued: the returned units it held (beyond what it brought from
 * MAIN itself, which went back there) were sent to the shop by the return, so they go back to RETURNS unrepaired,
 * at the standard cost they came in at.
 */
async function sendBackUnrepaired(ctx: MoContext, released: SkuQuantity[]): Promise<void> {
  const sku = ctx.mo.productSku;
  const held = released.find((l) => l.sku === sku)?.quantity ?? 0;
  const units = held - Math.min(held, ctx.transferred.get(sku)?.quantity ?? 0);
  if (units <= 0) return;
  const key = `${ctx.workflowId}:send-back:returns`;
  const sent = await production.sendBackMaterials({ moNumber: ctx.number, key, lines: [{ sku, quantity: units }] });
  if (sent.length === 0) return;
  await ops.receiveFromProduction({ key, moNumber: ctx.number, lines: sent, reason: 'returned', warehouse: 'RETURNS' });
  const cents = await valued(sent);
  await ops.postProductionCost({ key: `${key}:ledger`, moNumber: ctx.number, kind: 'transfer_back', amountCents: cents });
  ctx.state.unitsBackToReturns = sent[0].quantity;
  ctx.note('returned', `${sent[0].quantity} × ${sku} unrepaired to RETURNS`);
}
