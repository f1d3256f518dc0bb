// The order process reduced to its Temporal shape: the same activities (doing nothing), timers,
// updates and waits as a real order's history, and no business logic. The benchmark compares the
// product with this to see what the product adds on top of Temporal itself.
import { condition, defineQuery, defineUpdate, proxyActivities, proxyLocalActivities, setHandler, sleep } from '@temporalio/workflow';
import type { createBareActivities } from './activities';

/** One stage of the process: batches of activities scheduled together (run in parallel), run one after the other. */
export interface Stage {
  batches: number[];
  /** Timers started in the stage (each a 1 ms sleep raced with the stage, like a deadline that never fires first). */
  timers: number;
  /** Local activities (patch markers are not counted: they are no work). */
  localActivities: number;
}

/** Counted from a real order's history (see bench/shape.ts). */
export interface BareShape {
  start: Stage;
  deliveryUpdate: Stage;
  afterDelivery: Stage;
  paymentUpdate: Stage;
  afterPayment: Stage;
}

export const BARE_TASK_QUEUE = 'bench-bare';

export const bareStatusQuery = defineQuery<string>('status');
export const bareDeliveryUpdate = defineUpdate<string>('confirmDelivery');
export const barePaymentUpdate = defineUpdate<string, [number]>('recordPayment');

const { step } = proxyActivities<ReturnType<typeof createBareActivities>>({ startToCloseTimeout: '1 minute' });
const local = proxyLocalActivities<ReturnType<typeof createBareActivities>>({ startToCloseTimeout: '1 minute' });

async function run(stage: Stage, payload: string): Promise<void> {
  // Timers run beside the stage's activities: long deadlines that are started and then left (cancelled at the end).
  for (let t = 0; t < stage.timers; t++) void sleep('30 days').catch(() => undefined);
  for (let l = 0; l < stage.localActivities; l++) await local.step(payload);
  for (const n of stage.batches) await Promise.all(Array.from({ length: n }, () => step(payload)));
}

export async function bareOrder(shape: BareShape, payload: string): Promise<string> {
  let status = 'created';
  let delivered = false;
  let paid = false;
  setHandler(bareStatusQuery, () => status);
  setHandler(bareDeliveryUpdate, async () => {
    await run(shape.deliveryUpdate, payload);
    delivered = true;
    return status;
  });
  setHandler(barePaymentUpdate, async () => {
    await run(shape.paymentUpdate, payload);
    paid = true;
    return status;
  });
  await run(shape.start, payload);
  status = 'awaiting_delivery';
  await condition(() => delivered);
  await run(shape.afterDelivery, payload);
  status = 'awaiting_payment';
  await condition(() => paid);
  await run(shape.afterPayment, payload);
  status = 'paid';
  return status;
}
