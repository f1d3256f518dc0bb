// State and helpers shared by the steps of one manufacturing-order process.
import { CancellationScope, CancelledFailure, workflowInfo } from '@temporalio/workflow';
import { production } from '../shared/activities';
import { HumanTasks } from '../shared/human-tasks';
import type { ManufacturingOrderState } from './messages';
import type { ManufacturingOrderInput, MoSnapshot, MoStatus, WorkOrderInfo } from './types';
import { publish } from '../shared/visibility';

/** Thrown inside the process when the order is called off (by a person, a parent or a shop-floor decision). */
export class MoCancelled extends Error {
  constructor(
    readonly reason: string,
    readonly by = 'process',
  ) {
    super(reason);
  }
}

/**
 * Called before a step that runs to its end once begun (a transfer, a purchase, issuing materials):
 * if the order was cancelled meanwhile, the step is not begun at all.
 */
export function stopIfCancelled(): void {
  if (CancellationScope.current().consideredCancelled) throw new CancelledFailure('manufacturing order cancelled');
}

export class MoContext {
  readonly workflowId = workflowInfo().workflowId;
  readonly tasks = new HumanTasks('manufacturing-order');
  mo!: MoSnapshot;
  /** Distinct goods receipts announced for this order's purchases. */
  readonly receipts = new Set<string>();
  /** Units brought over from the operations warehouse, per SKU, with their unit cost: what a cancellation sends back. */
  readonly transferred = new Map<string, { quantity: number; unitCostCents: number }>();
  /** Child orders whose process was started (the others are closed by a cancellation, see unwind). */
  readonly startedChildren = new Set<string>();
  /** The next round of securing materials: rounds key their reservations, transfers and purchases. */
  materialRound = 0;
  /** Materials issued to production (valued at standard cost); set once consumed. */
  consumedCents?: number;
  readonly state: ManufacturingOrderState;

  constructor(readonly input: ManufacturingOrderInput) {
    this.state = {
      moNumber: input.moNumber,
      status: 'planned',
      step: 'planning',
      workOrders: [],
      childOrders: [],
      requisitions: [],
      openTasks: [],
      events: [],
    };
  }

  get number(): string {
    return this.input.moNumber;
  }

  note(step: string, text?: string): void {
    this.state.events.push({ at: new Date().toISOString(), step, ...(text ? { note: text } : {}) });
  }

  setWorkOrders(workOrders: WorkOrderInfo[]): void {
    this.mo.workOrders = workOrders;
    this.state.workOrders = workOrders;
  }

  /** Records the status on the order and in the history; `step` says what the process is doing now. */
  async setStatus(status: MoStatus, step: string, note?: string): Promise<void> {
    if (this.state.status !== status) this.note(status, note ?? step);
    this.state.status = status;
    publish({ status });
    this.state.step = step;
    await production.setManufacturingOrderStatus({ moNumber: this.number, status, note: note ?? step, at: new Date().toISOString() });
  }

  snapshot(): ManufacturingOrderState {
    return { ...this.state, openTasks: this.tasks.openTaskIds };
  }
}
