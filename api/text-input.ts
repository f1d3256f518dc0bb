// PostgreSQL text cannot hold the NUL character, and no business text needs one: a NUL anywhere
// in the path, query or body is refused as bad input naming the field, before any handler reads
// it (otherwise a search filter or a comment with a NUL fails deep inside the database as a 500).
import type { RequestHandler } from 'express';
import { AppError, AppErrorCode } from '../domain/errors';
import type { FieldIssue } from '../domain/errors';

function nulFields(value: unknown, at: string[], out: string[]): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push(at.join('.') || '(body)');
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) out.push([...at, k].join('.'));
      nulFields(v, [...at, k], out);
    }
  }
  return out;
}

export const refuseNulCharacters: RequestHandler = (req, _res, next) => {
  const fields = [...nulFields(req.params, [], []), ...nulFields(req.query, [], []), ...nulFields(req.body, [], [])];
  if (fields.length === 0) return next();
  const details: FieldIssue[] = fields.map((field) => ({ field, message: 'must not contain the NUL character (\\u0000)' }));
  next(
    new AppError(AppErrorCode.INVALID_INPUT, {
      message: `Invalid request: ${fields.join(', ')} must not contain the NUL character`,
      details,
    }),
  );
};
