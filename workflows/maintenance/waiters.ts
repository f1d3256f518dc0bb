// The manufacturing orders waiting for a work center, as a maintenance process collects them, and
// the one message each gets when the work center is back (or will not be).
import { getExternalWorkflowHandle, setHandler } from '@temporalio/workflow';
import { workCenterBackSignal, workOrderWaitingSignal, type WaitingWorkOrder, type WorkCenterBack } from './messages';

export class Waiters {
  private readonly waiting = new Map<string, WaitingWorkOrder>();
  private told?: WorkCenterBack;

  /** Registers the workOrderWaiting handler; call once, early in the maintenance workflow. */
  constructor() {
    setHandler(workOrderWaitingSignal, (w) => {
      // One entry per process: an order that asks again (after a retry or a re-plan) is told once.
      this.waiting.set(w.workflowId, w);
      // A waiter that arrives after the others were told is told at once.
      if (this.told) void this.tell(w, this.told);
    });
  }

  get list(): WaitingWorkOrder[] {
    return [...this.waiting.values()];
  }

  /** Tells every waiter (and any that comes later in this run) that the work center is back or out of service. */
  async notifyAll(back: WorkCenterBack): Promise<void> {
    this.told = back;
    await Promise.all(this.list.map((w) => this.tell(w, back)));
  }

  private async tell(w: WaitingWorkOrder, back: WorkCenterBack): Promise<void> {
    try {
      await getExternalWorkflowHandle(w.workflowId).signal(workCenterBackSignal, back);
    } catch {
      // The order ended meanwhile (cancelled): nobody to tell.
    }
  }
}
