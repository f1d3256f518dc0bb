// State and helpers shared by the steps of one customer-return process.
import { workflowInfo } from '@temporalio/workflow';
import { ops } from '../shared/activities';
import { HumanTasks } from '../shared/human-tasks';
import { Lock } from '../shared/lock';
import type { CancelReturnRequest, ReturnLineInfo, ReturnProcessInput, ReturnProcessState, ReturnSnapshot, ReturnStatus } from './types';
import { publish } from '../shared/visibility';

/** How a return can end; each gives back what the customer did not send (returnedQty) and closes the record. */
export type ReturnEnding = 'done' | 'rejected' | 'cancelled' | 'expired';

export const now = () => new Date().toISOString();
export const units = (lines: { quantity: number; sku: string }[]) => lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ');

export class ReturnContext {
  readonly workflowId = workflowInfo().workflowId;
  readonly tasks = new HumanTasks('customer-return');
  /** Receipts and the cancellation take turns: a cancel must see every receipt that went before it. */
  readonly lock = new Lock();
  /** Receipt references applied so far: the same one again is answered by the activity (duplicate or refused). */
  readonly references = new Set<string>();
  ret!: ReturnSnapshot;
  /** Set as the RMA is being written: the record may say authorized before the step has answered. */
  authorizing = false;
  /** Set once the RMA exists: goods are received from then on. */
  authorized = false;
  /** Set when the wait for goods ends: later receipts are refused (except a repeated reference). */
  receivingClosed = false;
  /** Receipts accepted and waiting for, or taking, their turn: the wait for goods ends only once they are through. */
  receiptsInFlight = 0;
  cancelRequest?: CancelReturnRequest;
  /** Set as the record is being closed, and how; set `closed` once it is. */
  ending?: ReturnEnding;
  closed = false;
  readonly state: ReturnProcessState;

  constructor(readonly input: ReturnProcessInput) {
    this.state = { number: input.returnNumber, status: 'requested', lines: [], repairOrders: [], events: [], openTasks: [] };
  }

  get number(): string {
    return this.input.returnNumber;
  }

  get lines(): ReturnLineInfo[] {
    return this.state.lines;
  }

  /** Lines of which anything arrived: only these are inspected, disposed of and settled. */
  get received(): ReturnLineInfo[] {
    return this.lines.filter((l) => l.receivedQty > 0);
  }

  get anyReceived(): boolean {
    return this.received.length > 0;
  }

  get allArrived(): boolean {
    return this.lines.every((l) => l.receivedQty >= l.quantity);
  }

  line(lineNo: number): ReturnLineInfo {
    return this.lines.find((l) => l.lineNo === lineNo)!;
  }

  /** The idempotency key of one step of this process. */
  key(step: string): string {
    return `${this.workflowId}:${step}`;
  }

  note(step: string, detail?: string): void {
    this.state.events.push({ at: now(), step, ...(detail ? { detail } : {}) });
  }

  async setStatus(status: ReturnStatus, note?: string): Promise<void> {
    if (this.state.status === status) return;
    this.state.status = status;
    publish({ status });
    this.state.statusNote = note;
    this.note(status, note);
    await ops.setReturnStatus({ returnNumber: this.number, status, ...(note ? { note } : {}), at: now() });
  }

  /** Ends the return: what did not arrive is released for a later return, open tasks are withdrawn, the record closed. */
  async close(ending: ReturnEnding, reason: string): Promise<void> {
    this.ending = ending;
    await this.tasks.withdraw(`return ${this.number} ${ending}: ${reason}`);
    await ops.releaseReturn({ returnNumber: this.number, key: this.key(`release:${ending}`), status: ending, reason, at: now() });
    this.state.status = ending;
    publish({ status: ending });
    this.state.statusNote = reason;
    this.note(ending, reason);
    this.closed = true;
  }

  /** Why a cancellation would be refused now, or undefined if it would be accepted. */
  cancelRefusal(): string | undefined {
    if (this.closed) return `Return ${this.number} is already ${this.state.status}`;
    if (this.cancelRequest) return `Return ${this.number} is already being cancelled`;
    if (this.ending) return `Return ${this.number} is being closed as ${this.ending}`;
    if (this.anyReceived) return `Goods of return ${this.number} have been received; it can no longer be cancelled`;
    if (this.receivingClosed) return `Return ${this.number} is closing: nothing arrived by ${this.state.receiveBy}`;
    return undefined;
  }

  snapshot(): ReturnProcessState {
    return { ...this.state, lines: this.lines.map((l) => ({ ...l })), openTasks: this.tasks.openTaskIds };
  }
}
