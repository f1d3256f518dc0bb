// The carrier's booking endpoints are an outside party: slow answers and outages are expected and
// retried by the workflow's retry policy; only a refusal of the request itself is final.
import { ApplicationFailure } from '@temporalio/common';

export interface CarrierBooking {
  trackingNumber: string;
}

/** Per-call timeout; the activity's own start-to-close timeout is longer so one slow call can be abandoned and retried. */
export const CARRIER_CALL_TIMEOUT_MS = 5_000;

/** One booking call; the idempotency key makes a repeat after a lost answer return the first booking. */
async function book(apiUrl: string, path: string, what: string, idempotencyKey: string, body: object): Promise<CarrierBooking> {
  let res: Response;
  try {
    res = await fetch(`${apiUrl}/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(CARRIER_CALL_TIMEOUT_MS),
    });
  } catch (e) {
    throw new Error(`carrier at ${apiUrl} did not answer: ${(e as Error).message}`, { cause: e });
  }
  const answer = (await res.json().catch(() => ({}))) as { trackingNumber?: unknown };
  if (res.ok && typeof answer.trackingNumber === 'string') return { trackingNumber: answer.trackingNumber };
  if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
    throw ApplicationFailure.nonRetryable(`carrier refused ${what}: ${res.status} ${JSON.stringify(answer)}`, 'CarrierRefused');
  }
  throw new Error(`carrier at ${apiUrl} answered ${res.status}; will retry`);
}

export async function bookWithCarrier(
  apiUrl: string,
  request: { shipmentNumber: string; parcels: number; destination: string },
): Promise<CarrierBooking> {
  return book(apiUrl, 'bookings', `shipment ${request.shipmentNumber}`, request.shipmentNumber, request);
}

/** A collection of returned goods from the customer, keyed by the return's RMA number. */
export async function bookPickupWithCarrier(
  apiUrl: string,
  request: { rmaNumber: string; parcels: number; pickupFrom: string },
): Promise<CarrierBooking> {
  return book(apiUrl, 'pickups', `pickup ${request.rmaNumber}`, request.rmaNumber, request);
}
