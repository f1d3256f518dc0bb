import type { OperationsDb } from '../../db/clients';
import { createTicketBillingActivities } from './tickets-billing';
import { createTicketCoreActivities } from './tickets-core';
import { createTicketReplacementActivities } from './tickets-replacement';
import { createTicketVisitActivities } from './tickets-visits';

/** Service-ticket activities: record and SLA clock, field visits with parts, billing, replacement orders. */
export function createTicketActivities(db: OperationsDb) {
  return {
    ...createTicketCoreActivities(db),
    ...createTicketVisitActivities(db),
    ...createTicketBillingActivities(db),
    ...createTicketReplacementActivities(db),
  };
}
