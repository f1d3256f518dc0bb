import type { OperationsDb } from '../../db/clients';

export function createTicketActivities(_db: OperationsDb) {
  return {};
}
