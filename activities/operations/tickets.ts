import type { OperationsDb } from '../../db/clients';
import { createTicketBillingActivities } from './tickets-billing';
import { createTicketCoreActivities } from './tickets-core';
import { createTicketVisitActivities } from './tickets-visits';

/** Service-ticket activities: record and SLA clock, field visits with parts, billing. */
export function createTicketActivities(db: OperationsDb) {
  return {
    ...createTicketCoreActivities(db),
    ...createTicketVisitActivities(db),
    ...createTicketBillingActivities(db),
  };
}
