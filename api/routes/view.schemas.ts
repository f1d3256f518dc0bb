// Pieces the records' views share, for the response schemas of the OpenAPI document: what the API
// answers, as JSON (dates are ISO strings, amounts decimal currency units).
import { z } from 'zod';

export const ZTimestamp = z.iso.datetime();
export const ZDay = z.iso.date();
/** A decimal amount in currency units (the records keep integer cents). */
export const ZAmount = z.number();
export const ZCount = z.number().int();

/** A task still waiting for a person, as a record's view lists it. */
export const ZOpenTaskRef = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  role: z.string(),
  dueAt: ZTimestamp.nullable(),
});

/** The running process's own state (its query answer), or why it could not be read; its fields vary by process. */
export const ZLiveState = z.record(z.string(), z.unknown());
