// State shared by the steps of one purchase order's process.
import { workflowInfo } from '@temporalio/workflow';
import { ops } from '../shared/activities';
import { HumanTasks } from '../shared/human-tasks';
import { Lock } from '../shared/lock';
import type { PurchaseOrderState } from './messages';
import type { PurchaseOrderInput } from './types';
import { publish } from '../shared/visibility';

export class PoContext {
  readonly workflowId = workflowInfo().workflowId;
  readonly tasks = new HumanTasks('procure-to-pay');
  /** Receipts, invoices, credit notes and inspection decisions take turns, so each sees the PO the one before left. */
  readonly lock = new Lock();
  readonly state: PurchaseOrderState;
  cancelReason?: string;
  closedShort?: { by: string; reason: string };
  receipts = 0;
  invoices = 0;
  creditNotes = 0;
  /** Set for runs that hold goods of inspected products in quality until an inspector decides. */
  inspecting = false;
  readonly inspections = new Map<string, Promise<void>>();
  inspectionsDecided = 0;

  constructor(readonly input: PurchaseOrderInput) {
    this.state = { poNumber: input.poNumber, status: 'draft', openTasks: [], events: [] };
  }

  get poNumber() {
    return this.input.poNumber;
  }
  get policy() {
    return this.input.policy;
  }
  get anythingReceived() {
    return (this.state.po?.lines ?? []).some((l) => l.receivedQty > 0);
  }
  get fullyReceived() {
    return (this.state.po?.lines ?? []).every((l) => l.receivedQty >= l.quantity);
  }

  /** Every held quantity has been passed or returned. */
  get inspectionsSettled() {
    return (
      this.inspectionsDecided === this.inspections.size && !(this.state.po?.inspections ?? []).some((i) => !this.inspections.has(i.key))
    );
  }

  note(step: string, note?: string) {
    this.state.events.push({ at: new Date().toISOString(), step, ...(note ? { note } : {}) });
  }

  async setStatus(status: string, note?: string) {
    if (this.state.status === status) return;
    this.state.status = status;
    publish({ status });
    this.note(status, note);
    // Process-only states (waiting for the invoice, an exception) live in the process, not on the PO row.
    if (['sending', 'confirmed', 'closed_short', 'cancelled', 'invoiced', 'paid'].includes(status)) {
      await ops.setPurchaseOrderStatus({ number: this.poNumber, status });
    }
  }

  snapshot(): PurchaseOrderState {
    return { ...this.state, openTasks: this.tasks.openTaskIds };
  }
}
