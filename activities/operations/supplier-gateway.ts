// The supplier's order gateway (URL per supplier in the operations store). Slow answers and
// outages are retried by the workflow; only a refusal of the request itself is final.
import { ApplicationFailure } from '@temporalio/common';

/** Per call; the activity's start-to-close timeout is longer so one slow call can be abandoned and retried. */
export const SUPPLIER_CALL_TIMEOUT_MS = 5_000;

export async function callSupplier<T>(url: string, body: object): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(SUPPLIER_CALL_TIMEOUT_MS),
    });
  } catch (e) {
    throw new Error(`supplier gateway ${url} did not answer: ${(e as Error).message}`, { cause: e });
  }
  const answer = (await res.json().catch(() => ({}))) as T;
  if (res.ok) return answer;
  if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
    throw ApplicationFailure.nonRetryable(`supplier refused: ${res.status} ${JSON.stringify(answer)}`, 'SupplierRefused');
  }
  throw new Error(`supplier gateway ${url} answered ${res.status}; will retry`);
}
