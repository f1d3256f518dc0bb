// Double-entry postings. Called inside the transaction that changes the business document, so an
// invoice never exists without its journal entry and vice versa.
import type { OperationsTx } from '../../db/clients';

export const ACCOUNTS = {
  cash: '1000',
  receivables: '1100',
  inventory: '1300',
  rawMaterials: '1310',
  workInProgress: '1320',
  finishedGoods: '1330',
  payables: '2000',
  taxPayable: '2100',
  revenue: '4000',
  purchaseDiscounts: '4900',
  costOfGoodsSold: '5000',
  appliedProductionCost: '5100',
  badDebt: '6900',
  productionLosses: '6950',
  maintenance: '6960',
  returnsWrittenOff: '6970',
} as const;

export interface JournalLineInput {
  account: string;
  debitCents?: number;
  creditCents?: number;
  partnerRef?: string;
}

export async function postJournal(
  tx: OperationsTx,
  entry: { key: string; memo: string; sourceType: string; sourceRef: string; postedAt: Date; lines: JournalLineInput[] },
): Promise<number> {
  const lines = entry.lines.filter((l) => (l.debitCents ?? 0) !== 0 || (l.creditCents ?? 0) !== 0);
  const debits = lines.reduce((s, l) => s + (l.debitCents ?? 0), 0);
  const credits = lines.reduce((s, l) => s + (l.creditCents ?? 0), 0);
  // A programming error, never user input: refuse to write an unbalanced entry at all.
  if (debits !== credits) throw new Error(`journal entry ${entry.key} does not balance: debits ${debits} ≠ credits ${credits}`);
  const created = await tx.journalEntry.create({
    data: {
      key: entry.key,
      memo: entry.memo,
      sourceType: entry.sourceType,
      sourceRef: entry.sourceRef,
      postedAt: entry.postedAt,
      lines: {
        create: lines.map((l) => ({
          accountCode: l.account,
          debitCents: l.debitCents ?? 0,
          creditCents: l.creditCents ?? 0,
          partnerRef: l.partnerRef,
        })),
      },
    },
  });
  return created.id;
}

/** The mirror image of an entry: every debit becomes a credit. Used to void a document. */
export async function reverseJournal(tx: OperationsTx, entryId: number, key: string, memo: string, postedAt: Date): Promise<number> {
  const original = await tx.journalEntry.findUniqueOrThrow({ where: { id: entryId }, include: { lines: true } });
  return postJournal(tx, {
    key,
    memo,
    postedAt,
    sourceType: original.sourceType,
    sourceRef: original.sourceRef,
    lines: original.lines.map((l) => ({
      account: l.accountCode,
      debitCents: l.creditCents,
      creditCents: l.debitCents,
      partnerRef: l.partnerRef ?? undefined,
    })),
  });
}

export async function audit(tx: OperationsTx, actor: string, action: string, entityType: string, entityRef: string, data: object = {}) {
  await tx.auditLog.create({ data: { actor, action, entityType, entityRef, data: JSON.stringify(data) } });
}
