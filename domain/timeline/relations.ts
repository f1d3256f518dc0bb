// How documents relate, seen from one of them. A timeline walks these links away from its document:
// down to what it started or caused, up to what started or caused it, never sideways to siblings.
import type { DocumentRef, DocumentType } from './documents';

export type Relation = 'self' | 'parent' | 'child' | 'caused-by' | 'follow-up' | 'supplied-by';
export const RELATIONS: readonly Relation[] = ['self', 'parent', 'child', 'caused-by', 'follow-up', 'supplied-by'];

/** A document related to another, as that other sees it. */
export interface Link {
  doc: DocumentRef;
  relation: Exclude<Relation, 'self'>;
}

const DOWN: ReadonlySet<Relation> = new Set(['child', 'follow-up']);
const UP: ReadonlySet<Relation> = new Set(['parent', 'caused-by']);

/**
 * The relation to the timeline's document of a document reached from `from` (itself related by
 * `from`) over a link: none when the link turns back or sideways (a parent's other children), or
 * leads on from a document only shown for what it supplied.
 */
export function relationOver(from: Relation, link: Link['relation']): Relation | undefined {
  if (from === 'self') return link;
  if (DOWN.has(from) && DOWN.has(link)) return from === 'follow-up' || link === 'follow-up' ? 'follow-up' : 'child';
  if (UP.has(from) && UP.has(link)) return from === 'caused-by' || link === 'caused-by' ? 'caused-by' : 'parent';
  return undefined;
}

// A process a process starts as its child is part of it, except work that goes on whatever happens to
// its starter (started with ABANDON): stock bought again after an order shipped, a replacement sent
// for a return or a ticket.
const FOLLOW_UPS: readonly [DocumentType, DocumentType][] = [
  ['order', 'requisition'],
  ['return', 'order'],
  ['ticket', 'order'],
];

/** The relation of a child process to the process that started it. */
export const childRelation = (parent: DocumentType, child: DocumentType): Link['relation'] =>
  FOLLOW_UPS.some(([p, c]) => p === parent && c === child) ? 'follow-up' : 'child';

/** The relation of the process that started a process to that process. */
export const parentRelation = (parent: DocumentType, child: DocumentType): Link['relation'] =>
  childRelation(parent, child) === 'follow-up' ? 'caused-by' : 'parent';
