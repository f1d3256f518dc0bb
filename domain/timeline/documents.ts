// The documents a timeline can be asked for: how each is numbered, which process runs it and where
// its record is read in the API. Workflow ids are business keys, so a workflow id names its document.
import { moWorkflowId } from '../../workflows/manufacturing/messages';
import { orderWorkflowId } from '../../workflows/order/messages';
import { purchaseOrderWorkflowId, requisitionWorkflowId } from '../../workflows/procurement/messages';
import { returnWorkflowId } from '../../workflows/returns/messages';
import { ticketWorkflowId } from '../../workflows/ticket/messages';

export const DOCUMENT_TYPES = ['order', 'requisition', 'purchase-order', 'ticket', 'manufacturing-order', 'return'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export interface DocumentRef {
  type: DocumentType;
  number: string;
}

interface DocumentKind {
  /** Its number, e.g. SO-00001. */
  pattern: RegExp;
  example: string;
  /** What people call it, for messages. */
  label: string;
  workflowId: (number: string) => string;
  /** The API collection its record is read from. */
  apiPath: string;
}

export const DOCUMENT_KINDS: Record<DocumentType, DocumentKind> = {
  order: { pattern: /^SO-\d{5,}$/, example: 'SO-00001', label: 'Order', workflowId: orderWorkflowId, apiPath: '/api/orders' },
  requisition: {
    pattern: /^REQ-\d{5,}$/,
    example: 'REQ-00001',
    label: 'Requisition',
    workflowId: requisitionWorkflowId,
    apiPath: '/api/requisitions',
  },
  'purchase-order': {
    pattern: /^PO-\d{5,}$/,
    example: 'PO-00001',
    label: 'Purchase order',
    workflowId: purchaseOrderWorkflowId,
    apiPath: '/api/purchase-orders',
  },
  ticket: { pattern: /^TCK-\d{5,}$/, example: 'TCK-00001', label: 'Ticket', workflowId: ticketWorkflowId, apiPath: '/api/tickets' },
  'manufacturing-order': {
    pattern: /^MO-\d{5,}$/,
    example: 'MO-00001',
    label: 'Manufacturing order',
    workflowId: moWorkflowId,
    apiPath: '/api/manufacturing-orders',
  },
  return: { pattern: /^RET-\d{5,}$/, example: 'RET-00001', label: 'Return', workflowId: returnWorkflowId, apiPath: '/api/returns' },
};

export const workflowIdOf = (doc: DocumentRef) => DOCUMENT_KINDS[doc.type].workflowId(doc.number);
export const documentPath = (doc: DocumentRef) => `${DOCUMENT_KINDS[doc.type].apiPath}/${doc.number}`;
export const documentLabel = (doc: DocumentRef) => `${DOCUMENT_KINDS[doc.type].label} ${doc.number}`;

/** The document a workflow id names (order-SO-00001 → order SO-00001), if it is one a timeline knows. */
export function documentOfWorkflowId(workflowId: string): DocumentRef | undefined {
  for (const type of DOCUMENT_TYPES) {
    const number = workflowId.slice(DOCUMENT_KINDS[type].workflowId('').length);
    if (DOCUMENT_KINDS[type].workflowId(number) === workflowId && DOCUMENT_KINDS[type].pattern.test(number)) return { type, number };
  }
  return undefined;
}

/** The document type a number belongs to (SO-… is an order), from its prefix. */
export function documentOfNumber(number: string): DocumentRef | undefined {
  const type = DOCUMENT_TYPES.find((t) => DOCUMENT_KINDS[t].pattern.test(number));
  return type ? { type, number } : undefined;
}
