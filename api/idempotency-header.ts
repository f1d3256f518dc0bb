import type { Request } from 'express';
import { z } from 'zod';
import { keyedRequest } from '../domain/idempotency-key';

const ZHeader = z.object({ 'idempotency-key': z.string().trim().min(1).max(200).optional() });

/** The request's Idempotency-Key (optional), scoped to the user and the kind of document. */
export const idempotencyOf = (req: Request, user: string, scope: string, body: unknown) =>
  keyedRequest(user, scope, ZHeader.parse(req.headers)['idempotency-key'], body);
