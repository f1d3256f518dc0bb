import type { OperationsDb } from '../../db/clients';

export function createProcurementActivities(_db: OperationsDb) {
  return {};
}
