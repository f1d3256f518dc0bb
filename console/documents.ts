// The business documents the console opens, how each maps to its API record and its process.
export const DOCUMENT_TYPES = ['order', 'requisition', 'purchase-order', 'ticket', 'manufacturing-order', 'return'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

const INFO: Record<DocumentType, { label: string; endpoint: string; workflowPrefix: string; pattern: RegExp }> = {
  order: { label: 'Order', endpoint: '/orders', workflowPrefix: 'order', pattern: /^SO-\d{5,}$/ },
  requisition: { label: 'Requisition', endpoint: '/requisitions', workflowPrefix: 'requisition', pattern: /^REQ-\d{5,}$/ },
  'purchase-order': { label: 'Purchase order', endpoint: '/purchase-orders', workflowPrefix: 'purchase-order', pattern: /^PO-\d{5,}$/ },
  ticket: { label: 'Ticket', endpoint: '/tickets', workflowPrefix: 'ticket', pattern: /^TCK-\d{5,}$/ },
  'manufacturing-order': { label: 'Manufacturing order', endpoint: '/manufacturing-orders', workflowPrefix: 'mo', pattern: /^MO-\d{5,}$/ },
  return: { label: 'Return', endpoint: '/returns', workflowPrefix: 'return', pattern: /^RET-\d{5,}$/ },
};

export const isDocumentType = (t: string): t is DocumentType => (DOCUMENT_TYPES as readonly string[]).includes(t);
export const documentLabel = (t: DocumentType) => INFO[t].label;
export const recordPath = (t: DocumentType, number: string) => `${INFO[t].endpoint}/${encodeURIComponent(number)}`;
export const workflowIdOf = (t: DocumentType, number: string) => `${INFO[t].workflowPrefix}-${number}`;
export const numberLooksRight = (t: DocumentType, number: string) => INFO[t].pattern.test(number);

/** The document type of a number such as SO-00001 (undefined for numbers the console has no page for). */
export const typeOfNumber = (number: string): DocumentType | undefined => DOCUMENT_TYPES.find((t) => INFO[t].pattern.test(number));

/** The document page of a process kind (BusinessKind); kinds without one (maintenance, quality alerts) have none. */
export const typeOfKind = (kind: string): DocumentType | undefined => (isDocumentType(kind) ? kind : undefined);
