// The business facts every process publishes to Temporal's visibility store, so the Temporal Web UI
// and our own process search can filter by them. One list, read by the workflows (to set them), by
// the servers' registration (dev server flags, the cluster script) and by the search API (to query).
// Plain constants over @temporalio/common only: workflow code imports this file.
import { SearchAttributeType, defineSearchAttributeKey } from '@temporalio/common';

export const SA = {
  /** order | requisition | purchase-order | ticket | manufacturing-order | return | maintenance | quality-alert | preventive-maintenance */
  kind: defineSearchAttributeKey('BusinessKind', SearchAttributeType.KEYWORD),
  /** The document's number: SO-…, REQ-…, PO-…, TCK-…, MO-…, RET-…, MNT-… */
  document: defineSearchAttributeKey('DocumentNumber', SearchAttributeType.KEYWORD),
  customer: defineSearchAttributeKey('CustomerCode', SearchAttributeType.KEYWORD),
  supplier: defineSearchAttributeKey('SupplierCode', SearchAttributeType.KEYWORD),
  /** The record's business status, kept current with each status change. */
  status: defineSearchAttributeKey('BusinessStatus', SearchAttributeType.KEYWORD),
  /** When the process entered its current BusinessStatus: a list row's ETA without reading its history. */
  statusSince: defineSearchAttributeKey('StatusSince', SearchAttributeType.DATETIME),
  /** What the process waits on now: person | role | partner | machine | timer | nothing */
  waitingOn: defineSearchAttributeKey('WaitingOn', SearchAttributeType.KEYWORD),
  /** Whom or what exactly: a role name, a user, a partner code, a work center code, a timer's purpose. */
  waitingFor: defineSearchAttributeKey('WaitingFor', SearchAttributeType.KEYWORD),
  /** When the current wait is due (a task's due time, a receipt deadline); past it the process is overdue. */
  dueAt: defineSearchAttributeKey('WaitDueAt', SearchAttributeType.DATETIME),
  /** The document's amount in cents, where it has one. */
  amount: defineSearchAttributeKey('AmountCents', SearchAttributeType.INT),
} as const;

export const SEARCH_ATTRIBUTE_KEYS = Object.values(SA);

/** `Name=Type` pairs as the Temporal CLI's `--search-attribute` flag takes them. */
export const searchAttributeFlags = (): string[] =>
  SEARCH_ATTRIBUTE_KEYS.flatMap((k) => ['--search-attribute', `${k.name}=${cliType[k.type]}`]);

const cliType: Record<string, string> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.BOOL]: 'Bool',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
};
