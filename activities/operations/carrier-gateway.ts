// The carrier's booking endpoint is an outside party: slow answers and outages are expected and
// retried by the workflow's retry policy; only a refusal of the request itself is final.
import { ApplicationFailure } from '@temporalio/common';

export interface CarrierBooking {
  trackingNumber: string;
}

/** Per-call timeout; the activity's own start-to-close timeout is longer so one slow call can be abandoned and retried. */
export const CARRIER_CALL_TIMEOUT_MS = 5_000;

export async function bookWithCarrier(
  apiUrl: string,
  request: { shipmentNumber: string; parcels: number; destination: string },
): Promise<CarrierBooking> {
  let res: Response;
  try {
    res = await fetch(`${apiUrl}/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': request.shipmentNumber },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(CARRIER_CALL_TIMEOUT_MS),
    });
  } catch (e) {
    throw new Error(`carrier at ${apiUrl} did not answer: ${(e as Error).message}`, { cause: e });
  }
  const body = (await res.json().catch(() => ({}))) as { trackingNumber?: unknown };
  if (res.ok && typeof body.trackingNumber === 'string') return { trackingNumber: body.trackingNumber };
  if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
    throw ApplicationFailure.nonRetryable(
      `carrier refused shipment ${request.shipmentNumber}: ${res.status} ${JSON.stringify(body)}`,
      'CarrierRefused',
    );
  }
  throw new Error(`carrier at ${apiUrl} answered ${res.status}; will retry`);
}
