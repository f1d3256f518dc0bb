// A return is called off (by the operator or the customer) only before anything arrived: once goods
// are in the warehouse they are inspected and settled. It takes its turn after receipts in flight.
import { type CancellationScope, condition, setHandler } from '@temporalio/workflow';
import { refuse } from '../shared/messages';
import type { ReturnContext } from './context';
import { cancelReturnUpdate } from './messages';
import type { CancelReturnRequest } from './types';

export function acceptCancellation(ctx: ReturnContext, work: CancellationScope): void {
  setHandler(
    cancelReturnUpdate,
    (req) =>
      ctx.lock.run(async () => {
        // A receipt that went before may have made the return uncancellable.
        const refusal = ctx.cancelRefusal();
        if (refusal) throw refuse(refusal);
        ctx.cancelRequest = req;
        work.cancel();
        // Answer once the quantities are released and the record closed, so the caller sees the return as it now is.
        await condition(() => ctx.closed);
        return ctx.snapshot();
      }),
    {
      validator: (_req: CancelReturnRequest) => {
        const refusal = ctx.cancelRefusal();
        if (refusal) throw refuse(refusal);
      },
    },
  );
}
