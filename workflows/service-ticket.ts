import type { TicketPolicy } from './ticket/types';

export async function serviceTicket(_input: { ticketNumber: string; policy: TicketPolicy }): Promise<void> {
  throw new Error('service-ticket process not built yet');
}
