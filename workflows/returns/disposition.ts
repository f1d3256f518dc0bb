// What becomes of the goods of each inspected line: resellable ones go back on the shelf (waking
// orders that wait for them), damaged ones are written off, repairable ones are repaired in the shop.
// A repair that ends without its goods leaves the line damaged: written off, and settled as such.
import { getExternalWorkflowHandle } from '@temporalio/workflow';
import { orderWorkflowId, stockReplenishedSignal } from '../order/messages';
import { ops } from '../shared/activities';
import { now, type ReturnContext } from './context';
import { repair } from './repair';
import type { ReturnLineInfo } from './types';

export async function dispose(ctx: ReturnContext): Promise<void> {
  const repairs = ctx.received.filter((l) => l.condition === 'repairable');
  if (repairs.length) await ctx.setStatus('repairing', `${repairs.length} line(s) in repair`);
  await Promise.all(ctx.received.map((l) => disposeLine(ctx, l)));
}

async function disposeLine(ctx: ReturnContext, line: ReturnLineInfo): Promise<void> {
  if (line.condition === 'resellable') return restock(ctx, line);
  if (line.condition === 'damaged') return scrap(ctx, line);
  const { repaired, backInReturns } = await repair(ctx, line);
  if (repaired) {
    line.disposition = 'repaired';
    await ops.recordReturnLine({ returnNumber: ctx.number, lineNo: line.lineNo, disposition: 'repaired', at: now() });
    return;
  }
  // For the customer the line now counts as damaged. Units the repair sent back to RETURNS unrepaired
  // are written off there; ones it had already used, it wrote off itself.
  ctx.note('treated_as_damaged', `line ${line.lineNo}: the repair ${line.repairMoNumber} did not succeed`);
  if (backInReturns === line.receivedQty) return scrap(ctx, line);
  if (backInReturns > 0) ctx.note('left_in_returns', `${backInReturns} × ${line.sku} came back from the repair; a person decides on them`);
  line.disposition = 'scrapped';
  await ops.recordReturnLine({ returnNumber: ctx.number, lineNo: line.lineNo, disposition: 'scrapped', at: now() });
}

async function restock(ctx: ReturnContext, line: ReturnLineInfo): Promise<void> {
  const { notifiedOrders } = await ops.restockReturnLine({
    returnNumber: ctx.number,
    lineNo: line.lineNo,
    key: ctx.key(`restock:${line.lineNo}`),
    at: now(),
  });
  line.disposition = 'restocked';
  ctx.note('restocked', `line ${line.lineNo}: ${line.receivedQty} × ${line.sku} back in MAIN`);
  // Units the customer wants repaired go back to them as they are, so they wake no backorder.
  if (line.outcome === 'repair') return;
  for (const orderNumber of notifiedOrders) {
    try {
      await getExternalWorkflowHandle(orderWorkflowId(orderNumber)).signal(stockReplenishedSignal, {
        receiptReference: `${ctx.number}:${line.lineNo}`,
      });
    } catch {
      // The order's process ended meanwhile: nobody waits any more.
    }
  }
}

async function scrap(ctx: ReturnContext, line: ReturnLineInfo): Promise<void> {
  const { writtenOffCents } = await ops.scrapReturnLine({
    returnNumber: ctx.number,
    lineNo: line.lineNo,
    key: ctx.key(`scrap:${line.lineNo}`),
    at: now(),
  });
  line.disposition = 'scrapped';
  ctx.note('scrapped', `line ${line.lineNo}: ${line.receivedQty} × ${line.sku} written off (${writtenOffCents} cents)`);
}
