import { z } from 'zod';
import { DOCUMENT_KINDS, DOCUMENT_TYPES, type DocumentType } from '../../domain/timeline/documents';
import { RELATIONS } from '../../domain/timeline/relations';
import { ZTimestamp } from './view.schemas';

const DOCUMENT_NUMBER = /^[A-Z]+-\d{5,}$/;

// The number's shape depends on the type, which a path pattern cannot say: checked here, naming the number.
export const ZTimelineParams = z
  .object({
    documentType: z.enum(DOCUMENT_TYPES),
    number: z.string().regex(DOCUMENT_NUMBER, 'must be a document number such as SO-00001'),
  })
  .superRefine((p, ctx) => {
    const kind = DOCUMENT_KINDS[p.documentType as DocumentType];
    if (kind && DOCUMENT_NUMBER.test(p.number) && !kind.pattern.test(p.number))
      ctx.addIssue({ code: 'custom', path: ['number'], message: `must look like ${kind.example} for documentType ${p.documentType}` });
  });

// --- responses

const ZKind = z.enum(DOCUMENT_TYPES);

export const ZTimelineProcess = z.object({
  workflowId: z.string(),
  /** The business kind of the process, the same as its document's type. */
  kind: ZKind,
  document: z.string(),
  /** The document's status in its record (the business status). */
  status: z.string(),
  /** How the document is related to the one asked for: self, parent, child, caused-by, follow-up or supplied-by. */
  relation: z.enum(RELATIONS),
  /** The document through which it is related, when not directly (e.g. the requisition of a purchase order). */
  via: z.string().optional(),
  /** Temporal's execution status: RUNNING, COMPLETED, FAILED, TERMINATED, …; absent when it could not be read. */
  executionStatus: z.string().optional(),
  startedAt: ZTimestamp.optional(),
  closedAt: ZTimestamp.optional(),
  /** Why the process could not be read (removed from Temporal, not started, another record's): its entries are missing. */
  unavailable: z.string().optional(),
  temporalUiUrl: z.string(),
  /** The document's record in this API. */
  link: z.string(),
});

export const ZTimelineEntry = z.object({
  at: z.string(),
  workflowId: z.string(),
  /** The kind of the process (or, for an audit row, of the document) the entry belongs to. */
  kind: ZKind,
  document: z.string(),
  type: z.enum(['process', 'step', 'timer', 'signal', 'decision', 'audit']),
  step: z.string(),
  outcome: z.string().optional(),
  attempts: z.number().int().optional(),
  /** Who: the sender of a decision or signal, the actor of an audit row. */
  actor: z.string().optional(),
  detail: z.string().optional(),
  /** The run in the Temporal UI for process entries, the document's API path for audit entries. */
  link: z.string().optional(),
});

export const ZTimeline = z.object({
  document: z.object({ type: ZKind, number: z.string() }),
  processes: z.array(ZTimelineProcess),
  /** Oldest first. */
  entries: z.array(ZTimelineEntry),
});
