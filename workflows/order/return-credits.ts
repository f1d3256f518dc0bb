// A customer return credited the order's invoice (and refunded any overpayment): the process reads
// the invoice again, so an order waiting for payment sees that the credit settled it. The re-read
// takes its turn with payments, so neither overwrites the invoice with what it read before the other.
import { setHandler } from '@temporalio/workflow';
import { ops } from '../shared/activities';
import type { OrderContext } from './context';
import { returnCreditedSignal } from './messages';
import type { Turns } from './payments';

export function acceptReturnCredits(ctx: OrderContext, turns: Turns): void {
  // A credit note announced twice (a retried signal) is noted once.
  const credited = new Set<string>();
  setHandler(returnCreditedSignal, async ({ returnNumber, creditNote }) => {
    if (credited.has(creditNote)) return;
    credited.add(creditNote);
    await turns.run(async () => {
      const invoice = await ops.loadOrderInvoice({ orderNumber: ctx.orderNumber });
      if (invoice) ctx.state.invoice = invoice;
      ctx.note('return_credited', `${creditNote} from ${returnNumber}`);
    });
  });
}
