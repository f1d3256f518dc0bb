/**
 * The one error type of the application. Domain code throws it with a code; the API maps codes to
 * HTTP statuses in exactly one place (api/errors.ts) and activities turn it into a non-retryable
 * Temporal failure whose type is the code.
 */
export enum AppErrorCode {
  /** The request is malformed; `details` lists each bad field. → 400 */
  INVALID_INPUT = 'INVALID_INPUT',
  /** No or unknown API key. → 401 */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** The user lacks the role, or the rule forbids this user (e.g. deciding their own request). → 403 */
  FORBIDDEN = 'FORBIDDEN',
  /** The resource does not exist. → 404 */
  NOT_FOUND = 'NOT_FOUND',
  /** The business state does not allow this now (e.g. cancelling a shipped order). → 409 */
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
  /** An Idempotency-Key was reused with a different request body. → 422 */
  IDEMPOTENCY_MISMATCH = 'IDEMPOTENCY_MISMATCH',
  /** A dependency (Temporal, a database) is unavailable; retrying later may succeed. → 503 */
  UNAVAILABLE = 'UNAVAILABLE',
}

export interface FieldIssue {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details?: FieldIssue[];
  constructor(code: AppErrorCode, opts: { message: string; details?: FieldIssue[] }) {
    super(opts.message);
    this.name = 'AppError';
    this.code = code;
    this.details = opts.details;
  }
}

export const notFound = (what: string) => new AppError(AppErrorCode.NOT_FOUND, { message: `${what} was not found` });
export const illegal = (message: string) => new AppError(AppErrorCode.ILLEGAL_TRANSITION, { message });
export const invalid = (field: string, message: string) =>
  new AppError(AppErrorCode.INVALID_INPUT, { message: `${field}: ${message}`, details: [{ field, message }] });
