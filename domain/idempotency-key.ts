// The Idempotency-Key header on creating requests: the same key (per user and kind of document)
// with the same body answers with the document created first; with another body it is refused.
import { createHash } from 'node:crypto';
import type { OperationsDb, OperationsTx } from '../db/clients';
import { AppError, AppErrorCode } from './errors';

export interface KeyedRequest {
  key: string;
  header: string;
  hash: string;
}

export function keyedRequest(user: string, scope: string, header: string | undefined, body: unknown): KeyedRequest | undefined {
  if (!header) return undefined;
  return { key: `${user}:${scope}:${header}`, header, hash: createHash('sha256').update(JSON.stringify(body)).digest('hex') };
}

/** The document an earlier request with this key created, if any. */
export async function earlierResult(db: OperationsDb, req: KeyedRequest | undefined): Promise<string | undefined> {
  if (!req) return undefined;
  const seen = await db.idempotencyRecord.findUnique({ where: { key: req.key } });
  if (!seen) return undefined;
  if (seen.requestHash !== req.hash) {
    throw new AppError(AppErrorCode.IDEMPOTENCY_MISMATCH, {
      message: `Idempotency-Key "${req.header}" was already used for a different request (${seen.resourceRef}); use a new key for a new document`,
    });
  }
  return seen.resourceRef;
}

/** Written in the creating transaction, so the key and the document exist together or not at all. */
export async function rememberResult(tx: OperationsTx, req: KeyedRequest | undefined, resourceRef: string): Promise<void> {
  if (req) await tx.idempotencyRecord.create({ data: { key: req.key, requestHash: req.hash, resourceRef } });
}
