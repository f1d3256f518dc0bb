// Two edits of the order process, bundled only by the replay test: the same timer added before the
// first step, once plainly and once behind patched(). Histories recorded before the edit replay
// only on the second.
import { patched, sleep } from '@temporalio/workflow';
import { orderToDelivery as current } from '../../../workflows/order-to-delivery';

type Args = Parameters<typeof current>;

export async function orderToDelivery(...args: Args): ReturnType<typeof current> {
  await sleep('1 minute');
  return current(...args);
}

export async function orderToDeliveryPatched(...args: Args): ReturnType<typeof current> {
  if (patched('replay-probe-timer')) await sleep('1 minute');
  return current(...args);
}
