// A real order's Temporal shape, read from its history: the activities (in batches scheduled by one
// workflow task), timers and updates of each stage, so the bare process can be given the same one.
import type { Client } from '@temporalio/client';
import type { BareShape, Stage } from './bare/workflow';

export interface ShapeCount {
  shape: BareShape;
  activities: number;
  timers: number;
  updates: number;
  localActivities: number;
  events: number;
}

export async function orderShape(client: Client, workflowId: string): Promise<ShapeCount> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const stages: Stage[] = [];
  let stage: Stage = { batches: [], timers: 0, localActivities: 0 };
  let lastTask: string | undefined;
  let updates = 0;
  let localActivities = 0;
  const next = () => {
    stages.push(stage);
    stage = { batches: [], timers: 0, localActivities: 0 };
    lastTask = undefined;
  };
  for (const e of events) {
    if (e.activityTaskScheduledEventAttributes) {
      const task = String(e.activityTaskScheduledEventAttributes.workflowTaskCompletedEventId);
      if (task === lastTask) stage.batches[stage.batches.length - 1]++;
      else stage.batches.push(1);
      lastTask = task;
    } else if (e.timerStartedEventAttributes) stage.timers++;
    else if (e.markerRecordedEventAttributes?.markerName === 'core_local_activity') {
      stage.localActivities++;
      localActivities++;
    } else if (e.workflowExecutionUpdateAcceptedEventAttributes) {
      updates++;
      next();
    } else if (e.workflowExecutionUpdateCompletedEventAttributes) next();
  }
  next();
  if (stages.length !== 5) throw new Error(`expected 5 stages (2 updates) in ${workflowId}'s history, found ${stages.length}`);
  const [start, deliveryUpdate, afterDelivery, paymentUpdate, afterPayment] = stages;
  const all = stages.flatMap((s) => s.batches);
  return {
    shape: { start, deliveryUpdate, afterDelivery, paymentUpdate, afterPayment },
    activities: all.reduce((a, b) => a + b, 0),
    timers: stages.reduce((a, s) => a + s.timers, 0),
    updates,
    localActivities,
    events: events.length,
  };
}
