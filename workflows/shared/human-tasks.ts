// Human steps of any process: open a task in the shared inbox, wait for a decision with a
// deadline, escalate, and close tasks the process no longer needs.
import { ApplicationFailure, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import { ops } from './activities';
import { REFUSAL, decideTaskUpdate, refuse } from './messages';
import type { TaskDecision, TaskSpec } from './task-types';
import { publish } from './visibility';

/** A process rule on who may decide: returns the reason to refuse (403), or undefined to allow. */
export type DecisionGuard = (d: TaskDecision) => string | undefined;

type NewTask = Omit<TaskSpec, 'workflowId' | 'processType' | 'dueAt'> & { dueInMs?: number; guard?: DecisionGuard };

/** Undecided tasks handed to the next run of a process that continues as new (guards are code: the process sets them again). */
export type CarriedTasks = { spec: TaskSpec; level: number }[];

export class HumanTasks {
  private readonly open = new Map<string, { spec: TaskSpec; decision?: TaskDecision; level: number; guard?: DecisionGuard }>();

  constructor(private readonly processType: string) {
    setHandler(
      decideTaskUpdate,
      async (d) => {
        const task = this.open.get(d.taskId)!;
        task.decision = d;
        await ops.completeTask({
          id: d.taskId,
          decision: d.decision,
          decidedBy: d.decidedBy,
          comment: d.comment,
          ...(d.photoRef ? { photoRef: d.photoRef } : {}),
          at: new Date().toISOString(),
        });
        return { taskId: d.taskId, decision: d.decision };
      },
      {
        validator: (d) => {
          const task = this.open.get(d.taskId);
          if (!task || task.decision) throw refuse(`Task ${d.taskId} is not waiting for a decision`);
          if (!task.spec.decisions.includes(d.decision)) {
            throw ApplicationFailure.create({
              type: REFUSAL.invalid,
              message: `decision must be one of: ${task.spec.decisions.join(', ')}`,
              details: [{ field: 'decision' }],
            });
          }
          const refusal = task.guard?.(d);
          if (refusal) throw refuse(refusal, REFUSAL.forbidden);
        },
      },
    );
  }

  /** The undecided tasks, for a continue-as-new. */
  carry(): CarriedTasks {
    return [...this.open.values()].filter((t) => !t.decision).map(({ spec, level }) => ({ spec, level }));
  }

  /** Takes over the undecided tasks of the run before (already open in the inbox: nothing is opened again). */
  restore(tasks: CarriedTasks): void {
    for (const { spec, level } of tasks) this.open.set(spec.id, { spec, level });
  }

  get openTaskIds(): string[] {
    return [...this.open.entries()].filter(([, t]) => !t.decision).map(([id]) => id);
  }

  async ask({ dueInMs, guard, ...task }: NewTask): Promise<string> {
    const dueAt = dueInMs ? new Date(Date.now() + dueInMs).toISOString() : undefined;
    const spec: TaskSpec = { ...task, processType: this.processType, workflowId: workflowInfo().workflowId, dueAt };
    this.open.set(spec.id, { spec, level: 0, guard });
    await ops.openTask(spec);
    publish({ waitingOn: 'role', waitingFor: spec.role, dueAt });
    return spec.id;
  }

  /** The decision, or undefined if none came within `timeoutMs` (or `stop()` became true first). */
  async decision(taskId: string, timeoutMs?: number, stop: () => boolean = () => false): Promise<TaskDecision | undefined> {
    const task = this.open.get(taskId)!;
    const done = () => task.decision !== undefined || stop();
    if (timeoutMs === undefined) await condition(done);
    else await condition(done, timeoutMs);
    if (task.decision) this.waitOver();
    return task.decision;
  }

  async escalate(taskId: string, role: string, dueInMs?: number): Promise<void> {
    const task = this.open.get(taskId)!;
    task.level += 1;
    const dueAt = dueInMs ? new Date(Date.now() + dueInMs).toISOString() : undefined;
    await ops.escalateTask({ id: taskId, role, dueAt, level: task.level });
    publish({ waitingOn: 'role', waitingFor: role, dueAt });
  }

  // The process works on its own again unless another of its tasks is still waiting for someone.
  private waitOver() {
    const next = [...this.open.values()].find((t) => !t.decision);
    publish(next ? { waitingOn: 'role', waitingFor: next.spec.role, dueAt: next.spec.dueAt } : { waitingOn: 'nothing' });
  }

  /** Withdraws undecided tasks that are no longer needed (the given ones, or all). */
  async withdraw(reason: string, only?: string[]): Promise<void> {
    const ids = this.openTaskIds.filter((id) => !only || only.includes(id));
    if (ids.length === 0) return;
    for (const id of ids) this.open.delete(id);
    await ops.cancelOpenTasks({ workflowId: workflowInfo().workflowId, ids, reason });
    this.waitOver();
  }
}
