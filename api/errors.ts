// The one place errors become HTTP responses. Business refusals from a workflow (an update's
// validator or handler) arrive as Temporal failures typed with an AppErrorCode and map the same way.
import type { ErrorRequestHandler } from 'express';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ZodError } from 'zod';
import { AppError, AppErrorCode, type FieldIssue } from '../domain/errors';

const STATUS: Record<AppErrorCode, number> = {
  [AppErrorCode.INVALID_INPUT]: 400,
  [AppErrorCode.UNAUTHENTICATED]: 401,
  [AppErrorCode.FORBIDDEN]: 403,
  [AppErrorCode.NOT_FOUND]: 404,
  [AppErrorCode.ILLEGAL_TRANSITION]: 409,
  [AppErrorCode.IDEMPOTENCY_MISMATCH]: 422,
  [AppErrorCode.UNAVAILABLE]: 503,
};

export function zodIssues(e: ZodError): FieldIssue[] {
  return e.issues.map((i) => ({ field: i.path.length ? i.path.join('.') : '(body)', message: i.message }));
}

/** Turns anything thrown into an AppError; unknown errors stay unknown (500) and are logged. */
export function toAppError(e: unknown): AppError | undefined {
  if (e instanceof AppError) return e;
  if (e instanceof ZodError) {
    const details = zodIssues(e);
    return new AppError(AppErrorCode.INVALID_INPUT, {
      message: `Invalid request: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`,
      details,
    });
  }
  if (e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure) {
    const code = Object.values(AppErrorCode).includes(e.cause.type as AppErrorCode)
      ? (e.cause.type as AppErrorCode)
      : AppErrorCode.ILLEGAL_TRANSITION;
    // Field-level issues travel as the failure's details when the process refused bad input.
    const details = (e.cause.details ?? [])
      .flat()
      .filter((d): d is FieldIssue => typeof (d as FieldIssue)?.field === 'string' && typeof (d as FieldIssue)?.message === 'string');
    return new AppError(code, { message: e.cause.message, ...(details.length ? { details } : {}) });
  }
  if (e instanceof WorkflowNotFoundError) {
    return new AppError(AppErrorCode.ILLEGAL_TRANSITION, {
      message: `The process ${e.workflowId} has already ended; nothing more can be done on it`,
    });
  }
  if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new AppError(AppErrorCode.UNAVAILABLE, {
      message: 'The process did not answer in time (are the workers running?); retry the request',
    });
  }
  const grpc = e as { code?: number; message?: string };
  if (grpc?.code === 14 || /ECONNREFUSED|Connection refused|UNAVAILABLE/.test(grpc?.message ?? '')) {
    return new AppError(AppErrorCode.UNAVAILABLE, { message: 'The Temporal server is unreachable; retry once it is back' });
  }
  return undefined;
}

/** Codes only the HTTP layer produces (no domain code can cause them). */
export const HTTP_ONLY_CODES = ['METHOD_NOT_ALLOWED', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE', 'INTERNAL'] as const;

export const httpError = (code: (typeof HTTP_ONLY_CODES)[number] | AppErrorCode, message: string, details?: FieldIssue[]) => ({
  error: { code, message, ...(details ? { details } : {}) },
});

// Errors of express.json(), before any route runs; each is the client's fault and says so.
function bodyParserError(err: { type?: string; message?: string }): [number, object] | undefined {
  switch (err?.type) {
    case 'entity.parse.failed':
      return [400, httpError(AppErrorCode.INVALID_INPUT, 'Body is not valid JSON', [{ field: '(body)', message: err.message ?? '' }])];
    case 'entity.too.large':
      return [413, httpError('PAYLOAD_TOO_LARGE', 'Body is too large (limit 1 MB)')];
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return [415, httpError('UNSUPPORTED_MEDIA_TYPE', `${err.message}; send application/json in UTF-8`)];
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return [400, httpError(AppErrorCode.INVALID_INPUT, `Body could not be read: ${err.message}`)];
    default:
      return undefined;
  }
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const parsing = bodyParserError(err);
  if (parsing) {
    res.status(parsing[0]).json(parsing[1]);
    return;
  }
  const app = toAppError(err);
  if (!app) {
    // The request's own logger (pino-http) puts the request id on the line; the response line follows.
    req.log.error({ err }, 'unhandled error');
    res.status(500).json(httpError('INTERNAL', 'Unexpected error; it has been logged'));
    return;
  }
  res.status(STATUS[app.code]).json(httpError(app.code, app.message, app.details));
};
