// Quality checks after a work order's operation: the product's quality points for that operation (or, after
// the last one, those for the finished goods) are checked — measurements automatically against their
// tolerance, inspections by a person of role quality. A failure sends the work order round again (rework)
// or scraps the goods: what was issued and worked on is written off, materials are secured and issued again
// and every operation runs again. Too many rounds and a production task asks whether to go on.
import { CancellationScope, ChildWorkflowCancellationType, startChild } from '@temporalio/workflow';
import { ops, production } from '../shared/activities';
import { qualityAlertWorkflowId, type QualityAlertInput } from '../quality/messages';
import { issueMaterials } from './completion';
import { MoCancelled, type MoContext } from './context';
import { secureMaterials } from './materials';
import type { MachineJobResult, QualityCheckResult, QualityPointInfo } from './types';

/** What the operations loop does next: the following work order, this one again, or all of them again. */
export type AfterCheck = 'next' | 'again' | 'restart';

/** Orders started before the limit was configurable get the shipped default. */
const DEFAULT_MAX_REWORKS = 3;

export class QualityGate {
  /** Run number of each work order's output (1 first; reworks and scraps count up), part of each check's key. */
  private readonly runs = new Map<number, number>();
  /** Reworks and scraps since a person last said to go on. */
  private rounds = 0;
  private scraps = 0;

  private constructor(
    private readonly ctx: MoContext,
    private readonly points: QualityPointInfo[],
  ) {}

  static async load(ctx: MoContext): Promise<QualityGate> {
    return new QualityGate(ctx, await production.qualityPlan({ moNumber: ctx.number }));
  }

  run(sequence: number): number {
    return this.runs.get(sequence) ?? 1;
  }

  /** Checks the output of the work order that just finished; `last` adds the points for the finished goods. */
  async afterOperation(sequence: number, result: MachineJobResult, last: boolean): Promise<AfterCheck> {
    const points = this.points.filter((p) => p.operationSequence === sequence || (last && p.operationSequence === null));
    if (points.length === 0) return 'next';
    const attempt = this.run(sequence);
    const wo = this.ctx.mo.workOrders.find((w) => w.sequence === sequence)!;
    const failures: QualityCheckResult[] = [];
    // Measurements cost nothing and come first; a person is asked only about output that measured well.
    for (const p of points.filter((x) => x.kind === 'measure')) {
      const ref = { moNumber: this.ctx.number, sequence, attempt, pointId: p.id };
      const check = await production.recordMeasurementCheck({ ...ref, ...(result.measurements ? { measured: result.measurements } : {}) });
      this.ctx.note(`quality_${check.status}`, `${wo.name}: ${p.characteristic} ${check.reason ?? 'within tolerance'}`);
      if (check.status === 'failed') failures.push(check);
    }
    for (const p of failures.length ? [] : points.filter((x) => x.kind === 'inspection')) {
      const check = await this.inspect(p, sequence, attempt, wo.name, wo.workCenter.code);
      if (check.status === 'failed') {
        failures.push(check);
        break;
      }
    }
    for (const alert of failures.flatMap((f) => (f.alert ? [f.alert] : []))) await this.raiseAlert(alert);
    if (failures.length === 0) return 'next';
    const outcome = failures.some((f) => f.outcome === 'scrap') ? 'scrap' : 'rework';
    await this.mayGoOn(wo.name, sequence, attempt, outcome);
    if (outcome === 'rework') {
      this.runs.set(sequence, attempt + 1);
      await production.reworkWorkOrder({ moNumber: this.ctx.number, sequence });
      this.ctx.setWorkOrders(await production.planManufacturingOrder({ moNumber: this.ctx.number, from: new Date().toISOString() }));
      this.ctx.note('rework', `${wo.name} runs again on ${wo.workCenter.code}`);
      return 'again';
    }
    for (const w of this.ctx.mo.workOrders) this.runs.set(w.sequence, this.run(w.sequence) + 1);
    await this.scrap(`${wo.name} failed its quality check: ${failures.map((f) => f.reason ?? 'failed').join('; ')}`);
    return 'restart';
  }

  /** An inspection is a task for role quality; the decision (with its comment and photo) is the check's result. */
  private async inspect(p: QualityPointInfo, sequence: number, attempt: number, name: string, workCenter: string) {
    const ref = { moNumber: this.ctx.number, sequence, attempt, pointId: p.id };
    await production.openInspectionCheck(ref);
    this.ctx.state.step = `inspecting ${name}`;
    const id = await this.ctx.tasks.ask({
      id: `${this.ctx.workflowId}:inspection:${sequence}:${attempt}:${p.id}`,
      documentRef: this.ctx.number,
      kind: 'quality-inspection',
      role: 'quality',
      decisions: ['pass', 'rework', 'scrap'],
      title: `Inspect ${this.ctx.number} after ${name} on ${workCenter}`,
      description:
        `${p.instructions || 'Inspect the output of the operation.'} Pass it, send it back to ${name} (rework), ` +
        'or scrap it (the goods are made again from new materials); say why in the comment and add a photo reference if you have one.',
    });
    const d = (await this.ctx.tasks.decision(id))!;
    const check = await production.recordInspectionResult({
      ...ref,
      decision: d.decision as 'pass' | 'rework' | 'scrap',
      ...(d.comment ? { reason: d.comment } : {}),
      ...(d.photoRef ? { photoRef: d.photoRef } : {}),
      checkedBy: d.decidedBy,
      at: new Date().toISOString(),
    });
    this.ctx.note(`quality_${check.status}`, `${name}: inspected by ${d.decidedBy}${d.comment ? ` (${d.comment})` : ''}`);
    return check;
  }

  /** The alert's own process owns the managers' task, so this order goes on and may end before it is acknowledged. */
  private async raiseAlert(alert: NonNullable<QualityCheckResult['alert']>) {
    const input: QualityAlertInput = { ...alert, raisedBy: this.ctx.number };
    await startChild('qualityAlert', {
      workflowId: qualityAlertWorkflowId(alert.number),
      args: [input],
      parentClosePolicy: 'ABANDON',
      cancellationType: ChildWorkflowCancellationType.ABANDON,
    });
    this.ctx.note('quality_alert', `${alert.number}: ${alert.reason}`);
  }

  /** Past the limit of rounds a production task decides: go on (the count starts again) or call the order off. */
  private async mayGoOn(name: string, sequence: number, attempt: number, outcome: 'rework' | 'scrap') {
    this.rounds++;
    const limit = this.ctx.input.policy.qualityMaxReworks ?? DEFAULT_MAX_REWORKS;
    if (this.rounds <= limit) return;
    const id = await this.ctx.tasks.ask({
      id: `${this.ctx.workflowId}:quality-rounds:${sequence}:${attempt}`,
      documentRef: this.ctx.number,
      kind: 'quality-rounds',
      role: 'production',
      decisions: ['retry', 'cancel'],
      title: `${this.ctx.number} keeps failing quality checks`,
      description: `${name} failed again (${this.rounds - 1} reworks and scraps so far; next: ${outcome}). Retry to go on, or cancel the manufacturing order.`,
    });
    const d = (await this.ctx.tasks.decision(id))!;
    if (d.decision === 'cancel') throw new MoCancelled(`quality: ${d.comment ?? 'the goods keep failing their checks'}`, d.decidedBy);
    this.rounds = 0;
  }

  /**
   * The goods are lost: what was issued to work in progress and the machine time spent on it go to production
   * losses (as a cancellation's would); then the materials are secured (bought if the shop is short) and issued
   * again, and the plan starts over.
   */
  private async scrap(reason: string) {
    const n = ++this.scraps;
    const key = `${this.ctx.workflowId}:scrap:${n}`;
    await CancellationScope.nonCancellable(async () => {
      const { machineCents, labourCents } = await production.workOrderCosts({ moNumber: this.ctx.number });
      const conversion = machineCents + labourCents;
      await ops.postProductionCost({
        key: `${key}:ledger:conversion`,
        moNumber: this.ctx.number,
        kind: 'conversion',
        amountCents: conversion,
      });
      const loss = (this.ctx.consumedCents ?? 0) + conversion;
      await ops.postProductionCost({ key: `${key}:ledger:loss`, moNumber: this.ctx.number, kind: 'loss', amountCents: loss, memo: reason });
      await production.recordMoCosts({ key: `${key}:costs`, moNumber: this.ctx.number, machineCents, labourCents, lossCents: loss });
      await production.scrapWork({ moNumber: this.ctx.number, key });
      this.ctx.consumedCents = undefined;
      this.ctx.state.lossCents = (this.ctx.state.lossCents ?? 0) + loss;
      this.ctx.note('scrapped', `${reason}; ${loss} cents written off`);
    });
    await secureMaterials(this.ctx);
    this.ctx.setWorkOrders(await production.planManufacturingOrder({ moNumber: this.ctx.number, from: new Date().toISOString() }));
    this.ctx.note('replanned', 'to make the scrapped goods again');
    await issueMaterials(this.ctx, n);
  }
}
