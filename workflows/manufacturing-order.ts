// Make-to-order: plan the work orders into work-center capacity → secure materials (child orders
// for sub-assemblies, transfers from the warehouse, purchases) → run each work order on its machine
// → finished goods, costs to the ledger, hand-over. Cancellation undoes what it can and books the rest as a loss.
import { ActivityFailure, CancellationScope, allHandlersFinished, condition, isCancellation, setHandler } from '@temporalio/workflow';
import { production } from './shared/activities';
import { refuse } from './shared/messages';
import { issueMaterials, finish, unwind } from './manufacturing/completion';
import { MoCancelled, MoContext } from './manufacturing/context';
import { runWorkOrders } from './manufacturing/machining';
import { secureMaterials } from './manufacturing/materials';
import {
  cancelManufacturingOrderUpdate,
  manufacturingOrderStateQuery,
  materialsReceivedSignal,
  type ManufacturingOrderState,
} from './manufacturing/messages';
import type { ManufacturingOrderInput } from './manufacturing/types';
import { publishIdentity } from './shared/visibility';

const FINAL = ['done', 'cancelled', 'failed'];

export async function manufacturingOrder(input: ManufacturingOrderInput): Promise<ManufacturingOrderState> {
  const ctx = new MoContext(input);
  const work = new CancellationScope();
  let cancelRequest: { reason: string; requestedBy: string } | undefined;
  let unwound = false;
  let finishing = false;

  setHandler(manufacturingOrderStateQuery, () => ctx.snapshot());
  setHandler(materialsReceivedSignal, ({ receiptReference }) => void ctx.receipts.add(receiptReference));
  setHandler(
    cancelManufacturingOrderUpdate,
    async (req) => {
      cancelRequest = req;
      work.cancel();
      // Answer once the undo steps are written, so the caller sees the order as it now is.
      await condition(() => unwound);
      return ctx.snapshot();
    },
    {
      validator: (_req: { reason: string; requestedBy: string }) => {
        if (cancelRequest) throw refuse(`Manufacturing order ${input.moNumber} is already being cancelled`);
        if (FINAL.includes(ctx.state.status)) throw refuse(`Manufacturing order ${input.moNumber} is ${ctx.state.status}`);
        if (finishing) throw refuse(`Manufacturing order ${input.moNumber} is finishing; its goods are made`);
      },
    },
  );

  ctx.mo = await production.loadManufacturingOrder({ moNumber: input.moNumber });
  publishIdentity({ kind: 'manufacturing-order', document: input.moNumber, status: ctx.state.status });
  try {
    await work.run(async () => {
      ctx.setWorkOrders(await production.planManufacturingOrder({ moNumber: ctx.number, from: new Date().toISOString() }));
      ctx.note('planned', ctx.mo.workOrders.map((w) => `${w.name} on ${w.workCenter.code} ${w.plannedStart ?? ''}`).join('; '));
      await secureMaterials(ctx);
      // Materials that came late push the operations out; the plan follows.
      if (ctx.state.events.some((e) => e.step === 'waiting_materials')) {
        ctx.setWorkOrders(await production.planManufacturingOrder({ moNumber: ctx.number, from: new Date().toISOString() }));
        ctx.note('replanned', 'after the materials arrived');
      }
      await issueMaterials(ctx);
      await runWorkOrders(ctx);
    });
    finishing = true;
    await finish(ctx);
    await ctx.setStatus('done', 'finished');
  } catch (e) {
    // Once cancelled, whatever ended the work is the cancellation's doing: a step that was running
    // when it came may end timed out rather than cancelled (its worker died meanwhile).
    const cancelled =
      e instanceof MoCancelled
        ? e
        : isCancellation(e) || work.consideredCancelled
          ? new MoCancelled(
              cancelRequest?.reason ?? 'the order it was made for was cancelled',
              cancelRequest?.requestedBy ?? 'parent process',
            )
          : undefined;
    await CancellationScope.nonCancellable(async () => {
      const reason = cancelled?.reason ?? `failed: ${failureReason(e)}`;
      await unwind(ctx, reason);
      await ctx.tasks.withdraw(`manufacturing order ${cancelled ? 'cancelled' : 'failed'}: ${reason}`);
      ctx.state.reason = reason;
      await ctx.setStatus(cancelled ? 'cancelled' : 'failed', cancelled ? `${reason} (by ${cancelled.by})` : reason);
      unwound = true;
    });
    if (!cancelled) throw e;
  }
  await condition(allHandlersFinished);
  return ctx.snapshot();
}

// "Activity task failed" says nothing: name the step and what went wrong in it.
const failureReason = (e: unknown) =>
  e instanceof ActivityFailure ? `${e.activityType} failed: ${e.cause?.message ?? e.message}` : (e as Error).message;
