// A replacement product for the customer: a sales order whose delivery runs as its own
// order-to-delivery process, started as a child that outlives the ticket.
import { setHandler, startChild } from '@temporalio/workflow';
import { asRefusal } from '../shared/messages';
import { orderWorkflowId } from '../order/messages';
import { ops } from '../shared/activities';
import { refuse, type TicketContext } from './context';
import { orderReplacementUpdate } from './messages';

export function handleReplacement(ctx: TicketContext) {
  setHandler(
    orderReplacementUpdate,
    async (r) => {
      let order: { orderNumber: string; free: boolean };
      try {
        order = await ops.createReplacementOrder({
          ticketNumber: ctx.ticketNumber,
          key: ctx.key('replacement'),
          at: new Date().toISOString(),
          lines: r.lines,
          by: r.by,
        });
      } catch (e) {
        return asRefusal(e);
      }
      // ABANDON: closing the ticket must not cancel a delivery already on its way.
      await startChild('orderToDelivery', {
        workflowId: orderWorkflowId(order.orderNumber),
        args: [{ orderNumber: order.orderNumber, policy: ctx.orderPolicy! }],
        parentClosePolicy: 'ABANDON',
      });
      ctx.state.replacementOrders.push(order.orderNumber);
      ctx.note('replacement_ordered', `${order.orderNumber}${order.free ? ' (warranty, free of charge)' : ''} by ${r.by}`);
      return order;
    },
    {
      validator: (_r) => {
        if (ctx.closed) throw refuse(`Ticket ${ctx.ticketNumber} is closed`);
        if (!ctx.orderPolicy)
          throw refuse(`Ticket ${ctx.ticketNumber} was started without an order policy; replacements cannot be ordered from it`);
      },
    },
  );
}
