// A replacement sent to the customer from a ticket: a follow-up order for the ticket's customer,
// free of charge under warranty, at list price otherwise.
import type { OperationsDb } from '../../db/clients';
import { once } from '../../db/idempotency';
import { createFollowUpOrder } from './follow-up-order';
import { addTicketEvent, ticketByNumber } from './tickets-core';

export function createTicketReplacementActivities(db: OperationsDb) {
  return {
    async createReplacementOrder(input: {
      ticketNumber: string;
      key: string;
      at: string;
      lines: { sku: string; quantity: number }[];
      by: string;
    }): Promise<{ orderNumber: string; free: boolean }> {
      return once(db, input.key, async (tx) => {
        const t = await ticketByNumber(tx, input.ticketNumber);
        const orderNumber = await createFollowUpOrder(tx, {
          customerId: t.customerId,
          lines: input.lines,
          free: t.underWarranty,
          at: input.at,
          by: input.by,
          source: { ticket: t.number },
        });
        await addTicketEvent(tx, t.id, {
          key: input.key,
          at: input.at,
          kind: 'replacement_ordered',
          actor: input.by,
          data: { order: orderNumber, lines: input.lines, free: t.underWarranty },
        });
        return { orderNumber, free: t.underWarranty };
      });
    },
  };
}
