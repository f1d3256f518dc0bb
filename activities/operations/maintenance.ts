// The office side of maintenance: a repair's cost reaches the ledger as an expense. Spare parts leave
// raw materials in production (1310, where shop stock is carried); technician time is absorbed from
// applied production cost (5100), as machine and labour time of production orders is.
import type { OperationsDb } from '../../db/clients';
import { once } from '../../db/idempotency';
import { invalid } from '../../domain/errors';
import { ACCOUNTS, postJournal } from './ledger';

export function createMaintenanceCostActivities(db: OperationsDb) {
  return {
    /** One balanced entry per repair; nothing when it cost nothing. */
    async postMaintenanceCost(input: { key: string; requestNumber: string; partsCents: number; labourCents: number; memo?: string }) {
      if (input.partsCents < 0) throw invalid('partsCents', `must not be negative (got ${input.partsCents})`);
      if (input.labourCents < 0) throw invalid('labourCents', `must not be negative (got ${input.labourCents})`);
      const total = input.partsCents + input.labourCents;
      if (total === 0) return;
      await once(db, input.key, async (tx) =>
        postJournal(tx, {
          key: input.key,
          memo: input.memo ?? `Maintenance ${input.requestNumber}`,
          sourceType: 'MaintenanceRequest',
          sourceRef: input.requestNumber,
          postedAt: new Date(),
          lines: [
            { account: ACCOUNTS.maintenance, debitCents: total },
            { account: ACCOUNTS.rawMaterials, creditCents: input.partsCents },
            { account: ACCOUNTS.appliedProductionCost, creditCents: input.labourCents },
          ],
        }),
      );
    },
  };
}
