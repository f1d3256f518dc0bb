// A requisition enters here, from a requester through the API or from another process (a
// make-to-order shortage, a reorder point): validate, write it with its audit row, start its process.
import type { Client } from '@temporalio/client';
import type { OperationsDb, OperationsTx } from '../../db/clients';
import { nextNumber } from '../../db/sequence';
import { AppError, AppErrorCode, type FieldIssue } from '../errors';
import { rememberResult, type KeyedRequest } from '../idempotency-key';
import { createWithProcess } from '../processes/create-with-process';
import { ownerOf, startOwnedProcess } from '../processes/process-identity';
import { requisitionWorkflowId } from '../../workflows/procurement/messages';
import type { ProcurementPolicy } from '../../workflows/procurement/types';
import { TASK_QUEUES } from '../../workflows/shared/task-queues';

export interface NewRequisition {
  costCenter: string;
  justification: string;
  lines: { sku: string; quantity: number; neededBy: string }[];
  source?: 'manual' | 'make_to_order' | 'reorder_point';
  sourceRef?: string;
}

/**
 * Validates and writes a requisition with its audit row inside the caller's transaction; the one
 * code path for requesters (through the API) and for processes (e.g. reorder points).
 */
export async function recordRequisition(
  tx: OperationsTx,
  input: NewRequisition,
  requester: string,
): Promise<{ number: string; totalCents: number }> {
  const products = await tx.product.findMany({ where: { sku: { in: input.lines.map((l) => l.sku) } }, include: { prices: true } });
  const issues: FieldIssue[] = [];
  input.lines.forEach((l, i) => {
    const p = products.find((x) => x.sku === l.sku);
    if (!p) issues.push({ field: `lines.${i}.sku`, message: `no product with SKU ${l.sku}` });
    else if (p.prices.length === 0)
      issues.push({ field: `lines.${i}.sku`, message: `no supplier offers ${l.sku}; add it to a supplier price list first` });
  });
  if (issues.length)
    throw new AppError(AppErrorCode.INVALID_INPUT, {
      message: `Invalid requisition: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
      details: issues,
    });

  const lines = input.lines.map((l, i) => {
    const p = products.find((x) => x.sku === l.sku)!;
    // Estimate at the price the buyer will most likely pay: the preferred offer, else the cheapest.
    const offer = p.prices.find((o) => o.preferred) ?? [...p.prices].sort((a, b) => a.priceCents - b.priceCents)[0];
    return {
      lineNo: i + 1,
      productId: p.id,
      quantity: Math.max(l.quantity, offer.minOrderQty),
      neededBy: new Date(l.neededBy),
      estimatedUnitCents: offer.priceCents,
    };
  });
  const totalCents = lines.reduce((s, l) => s + l.quantity * l.estimatedUnitCents, 0);
  const number = await nextNumber(tx, 'requisition', 'REQ');
  await tx.requisition.create({
    data: {
      number,
      requester,
      costCenter: input.costCenter,
      justification: input.justification,
      source: input.source ?? 'manual',
      sourceRef: input.sourceRef,
      status: 'submitted',
      totalCents,
      lines: { create: lines },
    },
  });
  await tx.auditLog.create({
    data: { actor: requester, action: 'requisition.submitted', entityType: 'Requisition', entityRef: number, data: JSON.stringify(input) },
  });
  return { number, totalCents };
}

/** Starts the process once, and only as this requisition's own (see processes/process-identity). */
async function startRequisitionProcess(db: OperationsDb, temporal: Client, number: string, policy: ProcurementPolicy): Promise<void> {
  const requisition = await db.requisition.findUniqueOrThrow({ where: { number }, select: { id: true, createdAt: true } });
  await startOwnedProcess(temporal, ownerOf(requisitionWorkflowId(number), requisition), 'procureToPay', {
    taskQueue: TASK_QUEUES.orchestration,
    args: [{ requisitionNumber: number, policy }],
  });
}

export async function createRequisition(opts: {
  db: OperationsDb;
  temporal: Client;
  policy: ProcurementPolicy;
  input: NewRequisition;
  requester: string;
  keyed?: KeyedRequest;
}): Promise<{ number: string; created: boolean }> {
  const { db } = opts;
  return createWithProcess(db, opts.keyed, {
    kind: 'requisition',
    record: () =>
      db.$transaction(async (tx) => {
        const r = await recordRequisition(tx, opts.input, opts.requester);
        await rememberResult(tx, opts.keyed, r.number);
        return r.number;
      }),
    start: (number) => startRequisitionProcess(db, opts.temporal, number, opts.policy),
    remove: async (number) => {
      await db.$transaction([
        db.idempotencyRecord.deleteMany({ where: { resourceRef: number } }),
        db.requisitionLine.deleteMany({ where: { requisition: { number } } }),
        db.requisition.delete({ where: { number } }),
        db.auditLog.deleteMany({ where: { entityRef: number } }),
      ]);
    },
  });
}
