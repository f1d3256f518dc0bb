// Plain data that crosses between the manufacturing-order workflow, its activities and the API.
import type { ProcurementPolicy } from '../procurement/types';

/** Timings of one manufacturing order's process, fixed at its start from configuration. */
export interface ManufacturingPolicy {
  /** A machine job that reports no progress for this long is taken as stalled and retried from its last heartbeat. */
  machineHeartbeatTimeoutMs: number;
  /** The longest one machine job may run, however slowly it progresses. */
  machineJobTimeoutMs: number;
  /** Failed attempts (breakdowns, stalls) on one work center before the work order moves to the alternative. */
  machineAttempts: number;
  /** How long a shortage waits for purchased materials before a planner is asked. */
  materialWaitMs: number;
  /** Reworks and scraps after failed quality checks before a production task asks (absent in orders started before it existed: 3). */
  qualityMaxReworks?: number;
}

/** What asked for the order: an order line, a parent order's component, a planner, or a customer return (a repair). */
export type ParentType = 'order' | 'manufacturing_order' | 'planner' | 'return';
/** manufacture: made by the product's BoM; repair: a returned unit mended by the product's repair BoM (the unit is one of its components). */
export type MoPurpose = 'manufacture' | 'repair';
export type MoStatus = 'planned' | 'waiting_materials' | 'in_progress' | 'held' | 'done' | 'cancelled' | 'failed';
export type WorkOrderStatus = 'planned' | 'running' | 'done' | 'held' | 'cancelled';

export interface WorkCenterRef {
  id: number;
  code: string;
  controllerUrl: string | null;
}

export interface WorkOrderInfo {
  id: number;
  sequence: number;
  name: string;
  workCenter: WorkCenterRef;
  /** The routing's alternative work center for this step, if any. */
  alternative?: WorkCenterRef;
  slot: number;
  status: WorkOrderStatus;
  minutesPlanned: number;
  minutesActual?: number;
  plannedStart?: string;
  plannedEnd?: string;
}

export interface MoSnapshot {
  number: string;
  productSku: string;
  quantity: number;
  /** Absent in orders loaded before repairs existed: manufacture. */
  purpose?: MoPurpose;
  status: MoStatus;
  parentType: ParentType;
  parentRef?: string;
  workOrders: WorkOrderInfo[];
}

export interface SkuQuantity {
  sku: string;
  quantity: number;
}

/** One line of a manufacturing order's own BoM (one level), in the quantity this order needs. */
export interface MaterialNeed extends SkuQuantity {
  /** Has an active BoM: a shortage becomes a child manufacturing order rather than a transfer or purchase. */
  manufactured: boolean;
}

export interface ReservationResult {
  /** What this call reserved. */
  reserved: SkuQuantity[];
  /** What the order still lacks after this call. */
  short: MaterialNeed[];
}

export interface MachineJobResult {
  /** Run minutes the machine reported (slow machines report more than planned). */
  minutesActual: number;
  /** Progress (percent) the job started from on this attempt: above 0 when it resumed after a stall. */
  resumedFrom: number;
  /** What the machine measured on the part, for the quality checks (absent if it measures nothing). */
  measurements?: Record<string, number>;
}

/** A quality point as the process checks it after its operation (operationSequence null: after the last one). */
export interface QualityPointInfo {
  id: number;
  operationSequence: number | null;
  kind: 'measure' | 'inspection';
  characteristic?: string;
  minValue?: number;
  maxValue?: number;
  onFail: 'rework' | 'scrap';
  instructions: string;
}

export interface QualityCheckResult {
  checkId: number;
  status: 'passed' | 'failed';
  /** On a failure: the work order runs again (rework) or the goods are made again from new materials (scrap). */
  outcome?: 'rework' | 'scrap';
  reason?: string;
  /** A quality alert this failure raised on its work center. */
  alert?: { number: string; workCenterCode: string; failures: number; reason: string };
}

/** The ledger steps of a manufacturing order: raw materials → WIP → finished goods → inventory. */
export type ProductionPosting = 'transfer_in' | 'transfer_back' | 'consumption' | 'conversion' | 'completion' | 'handover' | 'loss';

export interface ManufacturingOrderInput {
  moNumber: string;
  policy: ManufacturingPolicy;
  /** Purchases for shortages run as procure-to-pay children under this policy. */
  procurementPolicy: ProcurementPolicy;
}
