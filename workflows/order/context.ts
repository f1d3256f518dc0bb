// State and helpers shared by the steps of one order-to-delivery process.
import { workflowInfo } from '@temporalio/workflow';
import { ops } from '../shared/activities';
import { HumanTasks } from '../shared/human-tasks';
import type { OrderProcessState, OrderStatus } from './messages';
import type { OrderPolicy, OrderProcessInput, OrderSnapshot, ShipmentInfo } from './types';
import { publish } from '../shared/visibility';

/** Thrown inside the process when the business ends the order (credit refused, no decision in time). */
export class OrderCancelled extends Error {
  constructor(
    readonly reason: string,
    readonly by = 'process',
  ) {
    super(reason);
  }
}

export class OrderContext {
  readonly workflowId = workflowInfo().workflowId;
  readonly tasks = new HumanTasks('order-to-delivery');
  /** Undo steps, pushed before the step they undo runs (so a step in flight is undone too). */
  readonly compensations: { name: string; run: () => Promise<unknown> }[] = [];
  readonly deliveryWatchers: Promise<void>[] = [];
  order!: OrderSnapshot;
  restocks = 0;
  shippingStarted = false;
  state: OrderProcessState;

  constructor(readonly input: OrderProcessInput) {
    this.state = {
      orderNumber: input.orderNumber,
      status: 'received',
      cancellable: true,
      shipments: [],
      remindersSent: 0,
      openTasks: [],
      events: [],
    };
  }

  get orderNumber(): string {
    return this.input.orderNumber;
  }
  get policy(): OrderPolicy {
    return this.input.policy;
  }

  note(step: string, note?: string) {
    this.state.events.push({ at: new Date().toISOString(), step, ...(note ? { note } : {}) });
  }

  async setStatus(status: OrderStatus, note?: string, cancelReason?: string) {
    if (this.state.status === status) return;
    this.state.status = status;
    publish({ status });
    this.note(status, note);
    await ops.setOrderStatus({ number: this.orderNumber, status, cancelReason });
  }

  putShipment(s: ShipmentInfo) {
    const i = this.state.shipments.findIndex((x) => x.number === s.number);
    if (i >= 0) this.state.shipments[i] = s;
    else this.state.shipments.push(s);
  }

  /** Why a cancellation would be refused now, or undefined if it would be accepted. */
  cancelRefusal(): string | undefined {
    const s = this.state.status;
    if (s === 'cancelled' || s === 'closed' || s === 'paid' || s === 'written_off') return `Order ${this.orderNumber} is already ${s}`;
    if (this.shippingStarted)
      return `Order ${this.orderNumber} has been handed to the carrier and can no longer be cancelled; arrange a return instead`;
    if ((this.state.invoice?.paidCents ?? 0) > 0) return `Order ${this.orderNumber} has payments recorded; refund them before cancelling`;
    return undefined;
  }

  snapshot(): OrderProcessState {
    const refusal = this.cancelRefusal();
    return { ...this.state, cancellable: !refusal, notCancellableReason: refusal, openTasks: this.tasks.openTaskIds };
  }
}
