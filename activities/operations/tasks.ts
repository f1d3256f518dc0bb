import type { OperationsDb } from '../../db/clients';
import { notFound } from '../../domain/errors';
import type { TaskSpec } from '../../workflows/shared/task-types';
import { audit } from './ledger';

export function createTaskActivities(db: OperationsDb) {
  return {
    /** Opens the task; re-opening an existing id (a retried step) changes nothing. */
    async openTask(spec: TaskSpec): Promise<void> {
      await db.$transaction(async (tx) => {
        if (await tx.task.findUnique({ where: { id: spec.id } })) return;
        await tx.task.create({
          data: { ...spec, decisions: JSON.stringify(spec.decisions), dueAt: spec.dueAt ? new Date(spec.dueAt) : null, status: 'open' },
        });
        await audit(tx, 'process', 'task.opened', 'Task', spec.id, { role: spec.role, documentRef: spec.documentRef });
      });
    },

    /** Hands the task to the next level with a new due time. */
    async escalateTask(input: { id: string; role: string; dueAt?: string; level: number }): Promise<void> {
      await db.$transaction(async (tx) => {
        // Conditional on the task's state, so a decision or withdrawal written meanwhile is never overwritten.
        const changed = await tx.task.updateMany({
          where: { id: input.id, status: 'open', escalationLevel: { lt: input.level } },
          data: { role: input.role, escalationLevel: input.level, dueAt: input.dueAt ? new Date(input.dueAt) : null },
        });
        if (changed.count === 0) {
          if (!(await tx.task.findUnique({ where: { id: input.id }, select: { id: true } }))) throw notFound(`Task ${input.id}`);
          return;
        }
        await audit(tx, 'process', 'task.escalated', 'Task', input.id, { role: input.role, level: input.level });
      });
    },

    async completeTask(input: {
      id: string;
      decision: string;
      decidedBy: string;
      comment?: string;
      photoRef?: string;
      at: string;
    }): Promise<void> {
      await db.$transaction(async (tx) => {
        const changed = await tx.task.updateMany({
          where: { id: input.id, status: 'open' },
          data: {
            status: 'completed',
            decision: input.decision,
            decidedBy: input.decidedBy,
            decidedAt: new Date(input.at),
            comment: input.comment ?? null,
          },
        });
        if (changed.count === 0) {
          if (!(await tx.task.findUnique({ where: { id: input.id }, select: { id: true } }))) throw notFound(`Task ${input.id}`);
          return; // already decided (a retried step) or withdrawn meanwhile
        }
        await audit(tx, input.decidedBy, 'task.decided', 'Task', input.id, {
          decision: input.decision,
          comment: input.comment,
          ...(input.photoRef ? { photoRef: input.photoRef } : {}),
        });
      });
    },

    /** Closes whatever the process still has open (it moved on or ended without these decisions). */
    async cancelOpenTasks(input: { workflowId: string; ids?: string[]; reason: string }): Promise<number> {
      return db.$transaction(async (tx) => {
        const where = { workflowId: input.workflowId, status: 'open', ...(input.ids ? { id: { in: input.ids } } : {}) };
        const open = await tx.task.findMany({ where });
        let cancelled = 0;
        // One conditional update per task: a task decided since it was read keeps its decision and gets no cancellation record.
        for (const t of open) {
          const data = { status: 'cancelled', comment: input.reason };
          const changed = await tx.task.updateMany({ where: { id: t.id, status: 'open' }, data });
          if (changed.count === 0) continue;
          await audit(tx, 'process', 'task.cancelled', 'Task', t.id, { reason: input.reason });
          cancelled++;
        }
        return cancelled;
      });
    },
  };
}
