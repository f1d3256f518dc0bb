// The carrier collects the goods from the customer. Retries with backoff are automatic; when they
// run out an operator decides: try the carrier again, or let the customer drop the goods off.
import { ActivityFailure, isCancellation } from '@temporalio/workflow';
import { partners } from '../shared/activities';
import type { ReturnContext } from './context';

export async function arrangePickup(ctx: ReturnContext): Promise<void> {
  // Goods that arrive meanwhile (dropped off) make the question moot; so does the end of the receipt window.
  const moot = () => ctx.anyReceived;
  for (let attempt = 1; ; attempt++) {
    try {
      const { trackingNumber } = await partners.bookReturnPickup({ returnNumber: ctx.number });
      ctx.state.pickupTracking = trackingNumber;
      ctx.note('pickup_booked', `tracking ${trackingNumber}`);
      return;
    } catch (e) {
      // A cancelled return stops asking the carrier; it is no outage.
      if (!(e instanceof ActivityFailure) || isCancellation(e)) throw e;
      const why = e.cause?.message ?? e.message;
      ctx.note('pickup_unavailable', why);
      const id = await ctx.tasks.ask({
        id: ctx.key(`pickup:${attempt}`),
        documentRef: ctx.number,
        kind: 'pickup-unavailable',
        role: 'operator',
        decisions: ['retry', 'customer-drops-off'],
        title: `Carrier pickup failed for return ${ctx.number}`,
        description: `The carrier did not accept the pickup after repeated attempts (${why}). Check the carrier, then choose retry, or ask the customer to drop the goods off.`,
      });
      const until = Date.parse(ctx.state.receiveBy!) - Date.now();
      const decision = await ctx.tasks.decision(id, Math.max(1, until), moot);
      if (!decision) {
        await ctx.tasks.withdraw(ctx.anyReceived ? 'goods arrived' : 'the receipt window closed', [id]);
        return;
      }
      if (decision.decision === 'customer-drops-off') {
        ctx.note('drop_off', `the customer brings the goods (by ${decision.decidedBy})`);
        return;
      }
    }
  }
}
