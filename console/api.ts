// Every call to the API goes through here, with the key the user logged in with.
const KEY = 'console.apiKey';

export const session = {
  key: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

export interface FieldIssue {
  field: string;
  message: string;
}

/** A refusal of the API: its status, code, message and (for a 400) the fields it named. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldIssue[] = [],
  ) {
    super(message);
  }
}

/** Fired when the API no longer accepts the key (the app then shows the login again). */
export const LOGGED_OUT = 'console:logged-out';

export async function api<T = any>(
  method: 'GET' | 'POST',
  path: string,
  opts: { body?: unknown; query?: Record<string, string | undefined>; idempotencyKey?: string } = {},
): Promise<T> {
  const qs = new URLSearchParams(Object.entries(opts.query ?? {}).filter((e): e is [string, string] => !!e[1])).toString();
  const headers: Record<string, string> = { 'X-API-Key': session.key() ?? '' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(`../api${path}${qs ? `?${qs}` : ''}`, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The API could not be reached; check that it is running and try again');
  }
  const text = await res.text();
  const data = text ? safeJson(text) : undefined;
  if (res.ok) return data as T;
  const error = (data as { error?: { code: string; message: string; details?: FieldIssue[] } })?.error;
  if (res.status === 401) {
    session.clear();
    window.dispatchEvent(new Event(LOGGED_OUT));
  }
  throw new ApiError(res.status, error?.code ?? 'HTTP', error?.message ?? `${res.status} ${res.statusText}`, error?.details ?? []);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { error: { code: 'HTTP', message: text.slice(0, 200) } };
  }
}

export const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
