// A repairable line is repaired in the shop: its units move from RETURNS to the shop floor for a
// repair manufacturing order (the unit itself plus spare parts, a repair step on the bench), which
// runs as a child process like any manufacturing order and hands the repaired units to MAIN.
import { isCancellation, startChild } from '@temporalio/workflow';
import { moWorkflowId, type ManufacturingOrderState } from '../manufacturing/messages';
import type { ManufacturingOrderInput } from '../manufacturing/types';
import { ops, production } from '../shared/activities';
import { now, type ReturnContext } from './context';
import type { ReturnLineInfo } from './types';

/**
 * Whether the repair order finished its goods and, when it did not, how many units it sent back to
 * RETURNS unrepaired (it ended before it used them; otherwise it wrote them off itself). The count is
 * read from the books: a repair that failed outright answers no state to tell it.
 */
export async function repair(ctx: ReturnContext, line: ReturnLineInfo): Promise<{ repaired: boolean; backInReturns: number }> {
  const moNumber = await production.createManufacturingOrder({
    key: ctx.key(`repair:${line.lineNo}`),
    purpose: 'repair',
    sku: line.sku,
    quantity: line.receivedQty,
    parentType: 'return',
    parentRef: ctx.number,
    requestedBy: `return ${ctx.number}`,
  });
  line.repairMoNumber = moNumber;
  ctx.state.repairOrders.push(moNumber);
  await ops.recordReturnLine({ returnNumber: ctx.number, lineNo: line.lineNo, repairMoNumber: moNumber, at: now() });
  await moveToShop(ctx, line, moNumber);
  const input: ManufacturingOrderInput = {
    moNumber,
    policy: ctx.input.manufacturingPolicy,
    procurementPolicy: ctx.input.procurementPolicy,
  };
  // REQUEST_CANCEL: should this process ever be ended from outside, the repair unwinds its stock and costs.
  const child = await startChild<(i: ManufacturingOrderInput) => Promise<ManufacturingOrderState>>('manufacturingOrder', {
    workflowId: moWorkflowId(moNumber),
    args: [input],
    parentClosePolicy: 'REQUEST_CANCEL',
  });
  ctx.note('repair_started', `${moNumber} repairs ${line.receivedQty} × ${line.sku} (line ${line.lineNo})`);
  try {
    const outcome = await child.result();
    if (outcome.status === 'done') {
      ctx.note('repaired', `${moNumber}: ${line.receivedQty} × ${line.sku} repaired into MAIN`);
      return { repaired: true, backInReturns: 0 };
    }
    ctx.note('repair_failed', `${moNumber} ended ${outcome.status}${outcome.reason ? `: ${outcome.reason}` : ''}`);
  } catch (e) {
    if (isCancellation(e)) throw e;
    ctx.note('repair_failed', `${moNumber} failed: ${rootCause(e)}`);
  }
  return { repaired: false, backInReturns: await ops.unitsBackFromRepair({ moNumber, sku: line.sku }) };
}

/** The innermost reason of a failure (a child's failure wraps its step's, which wraps the step's own error). */
function rootCause(e: unknown): string {
  let err = e as Error;
  while (err.cause instanceof Error) err = err.cause;
  return err.message;
}

/** The units leave RETURNS for the shop, booked on both sides and in the ledger, keyed by the return's line. */
async function moveToShop(ctx: ReturnContext, line: ReturnLineInfo, moNumber: string): Promise<void> {
  const key = ctx.key(`repair:${line.lineNo}:transfer`);
  const { transferred, unitCostCents } = await ops.transferToProduction({
    key,
    moNumber,
    sku: line.sku,
    quantity: line.receivedQty,
    warehouse: 'RETURNS',
  });
  if (transferred === 0) return;
  await production.receiveTransfer({ key, moNumber, sku: line.sku, quantity: transferred });
  await ops.postProductionCost({
    key: `${key}:ledger`,
    moNumber,
    kind: 'transfer_in',
    amountCents: transferred * unitCostCents,
    memo: `${transferred} × ${line.sku} returned on ${ctx.number} to the shop for repair ${moNumber}`,
  });
  ctx.note('to_repair', `${transferred} × ${line.sku} from RETURNS to the shop`);
}
