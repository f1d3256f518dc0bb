// Quality inspects each line that arrived: resellable, damaged, or (only for products with a repair
// bill of materials) repairable. The inspector's comment and photo stay on the line.
import { ops } from '../shared/activities';
import { now, type ReturnContext } from './context';
import type { ReturnCondition, ReturnLineInfo } from './types';

export async function inspect(ctx: ReturnContext): Promise<void> {
  const lines = ctx.received;
  await ctx.setStatus('inspecting', `${lines.length} line(s) to inspect`);
  await Promise.all(lines.map((l) => inspectLine(ctx, l)));
}

async function inspectLine(ctx: ReturnContext, line: ReturnLineInfo): Promise<void> {
  const decisions: ReturnCondition[] = ['resellable', 'damaged', ...(line.repairable ? (['repairable'] as const) : [])];
  const id = await ctx.tasks.ask({
    id: ctx.key(`inspect:${line.lineNo}`),
    documentRef: ctx.number,
    kind: 'return-inspection',
    role: 'quality',
    decisions,
    title: `Inspect ${line.receivedQty} × ${line.sku} returned on ${ctx.number} (line ${line.lineNo})`,
    description:
      `The customer returned these for ${line.outcome} (${ctx.ret.reason}). Decide whether they can be sold again, are damaged` +
      `${line.repairable ? ', or can be repaired in the shop' : ''}; note what you found and attach a photo where it helps.`,
  });
  const decision = (await ctx.tasks.decision(id))!;
  const condition = decision.decision as ReturnCondition;
  await ops.recordReturnInspection({
    returnNumber: ctx.number,
    lineNo: line.lineNo,
    condition,
    by: decision.decidedBy,
    ...(decision.comment ? { note: decision.comment } : {}),
    ...(decision.photoRef ? { photoRef: decision.photoRef } : {}),
    at: now(),
  });
  line.condition = condition;
  ctx.note('inspected', `line ${line.lineNo}: ${condition} (by ${decision.decidedBy})${decision.comment ? `: ${decision.comment}` : ''}`);
}
