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
        const task = await tx.task.findUnique({ where: { id: input.id } });
        if (!task) throw notFound(`Task ${input.id}`);
        if (task.status !== 'open' || task.escalationLevel >= input.level) return;
        await tx.task.update({ where: { id: input.id }, data: { role: input.role, escalationLevel: input.level, dueAt: input.dueAt ? new Date(input.dueAt) : null } });
        await audit(tx, 'process', 'task.escalated', 'Task', input.id, { role: input.role, level: input.level });
      });
    },

    async completeTask(input: { id: string; decision: string; decidedBy: string; comment?: string; at: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const task = await tx.task.findUnique({ where: { id: input.id } });
        if (!task) throw notFound(`Task ${input.id}`);
        if (task.status !== 'open') return;
        await tx.task.update({
          where: { id: input.id },
          data: { status: 'completed', decision: input.decision, decidedBy: input.decidedBy, decidedAt: new Date(input.at), comment: input.comment ?? null },
        });
        await audit(tx, input.decidedBy, 'task.decided', 'Task', input.id, { decision: input.decision, comment: input.comment });
      });
    },

    /** Closes whatever the process still has open (it moved on or ended without these decisions). */
    async cancelOpenTasks(input: { workflowId: string; ids?: string[]; reason: string }): Promise<number> {
      return db.$transaction(async (tx) => {
        const where = { workflowId: input.workflowId, status: 'open', ...(input.ids ? { id: { in: input.ids } } : {}) };
        const open = await tx.task.findMany({ where });
        await tx.task.updateMany({ where, data: { status: 'cancelled', comment: input.reason } });
        for (const t of open) await audit(tx, 'process', 'task.cancelled', 'Task', t.id, { reason: input.reason });
        return open.length;
      });
    },
  };
}
