// Maintenance requests as people use them: report a breakdown (which starts its process), read and
// list requests, report spare parts and labour to the running process, and the maintenance figures
// shown with a work center.
import type { Client } from '@temporalio/client';
import type { OperationsDb, ProductionDb } from '../../db/clients';
import { illegal, invalid, notFound } from '../errors';
import { earlierResult, type KeyedRequest } from '../idempotency-key';
import { fromCents } from '../money';
import { pageOf, type PageQuery } from '../paging';
import { createProductionDocument, rememberKeyedResult } from '../processes/create-with-process';
import { liveState, type ViewOptions } from '../processes/live-state';
import { ownedHandle, ownerOf, startOwnedProcess } from '../processes/process-identity';
import { maintenanceStateQuery, maintenanceWorkflowId } from '../../workflows/maintenance/messages';
import {
  addMaintenancePartUpdate,
  reportMaintenanceLabourUpdate,
  type MaintenanceRequestInput,
} from '../../workflows/maintenance/repair-messages';
import { TASK_QUEUES } from '../../workflows/shared/task-queues';
import { HOLDING_MAINTENANCE, OPEN_MAINTENANCE, removeMaintenanceRequest, writeCorrectiveRequest } from './maintenance-requests';
import { reliability } from './reliability';

type Stores = { operations: OperationsDb; production: ProductionDb };
const iso = (d: Date | null) => d?.toISOString();
const DAY_MS = 86_400_000;

async function record(db: ProductionDb, number: string) {
  const req = await db.maintenanceRequest.findUnique({
    where: { number },
    include: { workCenter: true, parts: { orderBy: { id: 'asc' } } },
  });
  if (!req) throw notFound(`Maintenance request ${number}`);
  return req;
}

const processOf = (temporal: Client, req: { number: string; id: number; createdAt: Date }) =>
  ownedHandle(temporal, ownerOf(maintenanceWorkflowId(req.number), req));

export async function createMaintenanceRequest(opts: {
  stores: Stores;
  temporal: Client;
  input: { workCenter: string; reason: string };
  userName: string;
  keyed?: KeyedRequest;
}): Promise<{ number: string; created: boolean }> {
  const { stores, temporal, input, keyed } = opts;
  const start = async (number: string) => {
    const req = await stores.production.maintenanceRequest.findUniqueOrThrow({ where: { number } });
    await startOwnedProcess(temporal, ownerOf(maintenanceWorkflowId(number), req), 'maintenanceRequest', {
      taskQueue: TASK_QUEUES.orchestration,
      args: [{ number } satisfies MaintenanceRequestInput],
    });
  };
  return createProductionDocument(stores.operations, keyed, {
    kind: 'maintenance_request',
    start,
    remove: (number) => removeMaintenanceRequest(stores.production, number),
    write: async () => {
      const wc = await stores.production.workCenter.findUnique({ where: { code: input.workCenter } });
      if (!wc) throw invalid('workCenter', `no work center with code ${input.workCenter}`);
      return writeCorrectiveRequest(stores.production, {
        workCenterId: wc.id,
        reason: input.reason,
        raisedBy: opts.userName,
        at: new Date(),
      });
    },
  });
}

export async function getMaintenanceRequestView(stores: Stores, temporal: Client, number: string, opts: ViewOptions = {}) {
  const req = await record(stores.production, number);
  const tasks = await stores.operations.task.findMany({ where: { documentRef: number, status: 'open' } });
  return {
    number: req.number,
    kind: req.kind,
    status: req.status,
    statusNote: req.statusNote ?? undefined,
    workCenter: req.workCenter.code,
    workCenterStatus: req.workCenter.status,
    reason: req.reason,
    raisedBy: req.raisedBy,
    raisedFor: req.moNumber ? { moNumber: req.moNumber, sequence: req.workOrderSequence ?? undefined } : undefined,
    diagnosis: req.diagnosis ?? undefined,
    technician: req.technician ?? undefined,
    downtime: {
      from: iso(req.downFrom),
      until: iso(req.downUntil),
      minutes: req.downFrom && req.downUntil ? Math.round((req.downUntil.getTime() - req.downFrom.getTime()) / 60_000) : undefined,
    },
    planned: req.plannedStart ? { start: iso(req.plannedStart), end: iso(req.plannedEnd) } : undefined,
    labourMinutes: req.labourMinutes,
    parts: req.parts.map((p) => ({ sku: p.sku, quantity: p.quantity, unitCost: fromCents(p.unitCostCents), status: p.status })),
    costs: {
      parts: fromCents(req.partsCostCents),
      labour: fromCents(req.labourCostCents),
      total: fromCents(req.partsCostCents + req.labourCostCents),
    },
    openTasks: tasks.map((t) => ({ id: t.id, kind: t.kind, title: t.title, role: t.role, dueAt: t.dueAt })),
    createdAt: req.createdAt.toISOString(),
    process: await liveState(async () => (await processOf(temporal, req)).query(maintenanceStateQuery), opts),
  };
}

export async function listMaintenanceRequests(db: ProductionDb, q: PageQuery & { workCenter?: string; status?: string; kind?: string }) {
  const where = {
    ...(q.workCenter ? { workCenter: { code: q.workCenter } } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
  };
  return pageOf(
    q,
    () => db.maintenanceRequest.count({ where }),
    (window) =>
      db.maintenanceRequest.findMany({ where, include: { workCenter: { select: { code: true } } }, orderBy: { id: 'desc' }, ...window }),
    (r) => ({
      number: r.number,
      kind: r.kind,
      status: r.status,
      workCenter: r.workCenter.code,
      reason: r.reason,
      downFrom: iso(r.downFrom),
      downUntil: iso(r.downUntil),
      createdAt: r.createdAt.toISOString(),
    }),
  );
}

async function openRecord(db: ProductionDb, number: string) {
  const req = await record(db, number);
  if (!OPEN_MAINTENANCE.includes(req.status)) throw illegal(`Maintenance request ${number} is ${req.status}`);
  return req;
}

/**
 * A report (parts, labour) sent at most once per Idempotency-Key: a repeat with the same body is answered
 * without reporting again, one with another body is refused. The key is also the update's id, so two
 * copies sent at once reach the process as one.
 */
async function reportOnce(
  db: OperationsDb,
  keyed: KeyedRequest | undefined,
  number: string,
  send: (updateId?: string) => Promise<unknown>,
) {
  if (await earlierResult(db, keyed)) return;
  await send(keyed ? `${keyed.key}:${keyed.hash}` : undefined);
  await rememberKeyedResult(db, keyed, number);
}

export async function addMaintenancePart(
  stores: Stores,
  temporal: Client,
  number: string,
  part: { sku: string; quantity: number },
  by: string,
  keyed?: KeyedRequest,
) {
  const req = await openRecord(stores.production, number);
  if (!(await stores.operations.product.findUnique({ where: { sku: part.sku } }))) throw invalid('sku', `no product with SKU ${part.sku}`);
  const handle = await processOf(temporal, req);
  await reportOnce(stores.operations, keyed, number, (updateId) =>
    handle.executeUpdate(addMaintenancePartUpdate, { args: [{ ...part, requestedBy: by }], ...(updateId ? { updateId } : {}) }),
  );
}

export async function reportMaintenanceLabour(
  stores: Stores,
  temporal: Client,
  number: string,
  minutes: number,
  by: string,
  keyed?: KeyedRequest,
) {
  const req = await openRecord(stores.production, number);
  const handle = await processOf(temporal, req);
  await reportOnce(stores.operations, keyed, number, (updateId) =>
    handle.executeUpdate(reportMaintenanceLabourUpdate, { args: [{ minutes, reportedBy: by }], ...(updateId ? { updateId } : {}) }),
  );
}

/** Reliability over a period: by default from the first recorded breakdown of the work center to now. */
export async function workCenterReliability(db: ProductionDb, workCenterId: number, period: { from?: Date; to?: Date }, now = new Date()) {
  const records = await db.maintenanceRequest.findMany({
    where: { workCenterId, kind: 'corrective', downFrom: { not: null } },
    select: { downFrom: true, downUntil: true },
    orderBy: { downFrom: 'asc' },
  });
  const downtimes = records.map((r) => ({ downFrom: r.downFrom!, downUntil: r.downUntil }));
  const from = period.from ?? downtimes[0]?.downFrom ?? now;
  return reliability(downtimes, from, period.to ?? now);
}

/** What a work center's status shows of its maintenance: the open request and its reliability figures. */
export async function workCenterMaintenance(db: ProductionDb, wc: { id: number; status: string }, now = new Date()) {
  const open = await db.maintenanceRequest.findFirst({
    where: { workCenterId: wc.id, status: { in: HOLDING_MAINTENANCE } },
    orderBy: { id: 'asc' },
  });
  const overall = await workCenterReliability(db, wc.id, {}, now);
  const lastMonth = await workCenterReliability(db, wc.id, { from: new Date(now.getTime() - 30 * DAY_MS) }, now);
  return {
    status: wc.status,
    openRequest: open ? { number: open.number, kind: open.kind, status: open.status, since: iso(open.downFrom ?? open.createdAt) } : null,
    downtimeMinutes: lastMonth.downtimeMinutes,
    mtbfHours: overall.mtbfHours,
    mttrHours: overall.mttrHours,
    failures: overall.failures,
  };
}
