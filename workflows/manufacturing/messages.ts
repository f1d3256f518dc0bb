// Messages of the manufacturing-order process, shared by the workflow, the API and the activities that wake it.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { MoStatus, WorkOrderInfo } from './types';

export interface ManufacturingOrderState {
  moNumber: string;
  status: MoStatus;
  /** The step the process is on, in words (e.g. "running Build on ASM"). */
  step: string;
  workOrders: WorkOrderInfo[];
  childOrders: string[];
  requisitions: string[];
  openTasks: string[];
  reason?: string;
  /** What a cancellation could not undo (consumed or scrapped), valued at cost. */
  lossCents?: number;
  /** A repair called off before its materials were issued: the unrepaired units sent back to the returns warehouse. */
  unitsBackToReturns?: number;
  events: { at: string; step: string; note?: string }[];
}

export const moWorkflowId = (number: string) => `mo-${number}`;

export const manufacturingOrderStateQuery = defineQuery<ManufacturingOrderState>('manufacturingOrderState');
export const cancelManufacturingOrderUpdate = defineUpdate<ManufacturingOrderState, [{ reason: string; requestedBy: string }]>(
  'cancelManufacturingOrder',
);
/** From a goods receipt of a purchase raised for this order's shortages: materials may now be transferred. */
export const materialsReceivedSignal = defineSignal<[{ receiptReference: string }]>('materialsReceived');
