// The shared human-task inbox. Tasks are written by processes; a decision goes to the owning
// process (which may refuse it) and the process records who decided.
import type { Client } from '@temporalio/client';
import type { ApiUser } from '../../config';
import type { OperationsDb } from '../../db/clients';
import { AppError, AppErrorCode, illegal, notFound } from '../errors';
import { pageOf, type PageQuery } from '../paging';
import { decideTaskUpdate } from '../../workflows/shared/messages';

const canSee = (user: ApiUser, role: string) => user.roles.includes('admin') || user.roles.includes(role as never);

function view(t: {
  id: string;
  workflowId: string;
  processType: string;
  documentRef: string;
  kind: string;
  title: string;
  description: string;
  role: string;
  status: string;
  decisions: string;
  dueAt: Date | null;
  escalationLevel: number;
  decision: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  comment: string | null;
  createdAt: Date;
}) {
  return {
    ...t,
    decisions: JSON.parse(t.decisions) as string[],
    overdue: t.status === 'open' && !!t.dueAt && t.dueAt.getTime() < Date.now(),
  };
}

export async function listTasks(db: OperationsDb, user: ApiUser, q: PageQuery & { role?: string; status: string; document?: string }) {
  if (q.role && !canSee(user, q.role)) {
    throw new AppError(AppErrorCode.FORBIDDEN, { message: `You do not have the role ${q.role}; your roles are ${user.roles.join(', ')}` });
  }
  const roles = q.role ? [q.role] : user.roles.includes('admin') ? undefined : user.roles;
  const where = { status: q.status, ...(roles ? { role: { in: roles } } : {}), ...(q.document ? { documentRef: q.document } : {}) };
  return pageOf(
    q,
    () => db.task.count({ where }),
    // Nearest due date first; tasks without a deadline after those with one.
    (window) => db.task.findMany({ where, orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }], ...window }),
    view,
  );
}

export async function getTask(db: OperationsDb, id: string) {
  const task = await db.task.findUnique({ where: { id } });
  if (!task) throw notFound(`Task ${id}`);
  return view(task);
}

export async function decideTask(
  db: OperationsDb,
  temporal: Client,
  user: ApiUser,
  id: string,
  input: { decision: string; comment?: string; photoRef?: string },
) {
  const task = await getTask(db, id);
  if (!canSee(user, task.role)) {
    throw new AppError(AppErrorCode.FORBIDDEN, {
      message: `Task ${id} is for the role ${task.role}; your roles are ${user.roles.join(', ')}`,
    });
  }
  if (task.status !== 'open')
    throw illegal(`Task ${id} is already ${task.status}${task.decidedBy ? ` (${task.decision} by ${task.decidedBy})` : ''}`);
  if (!task.decisions.includes(input.decision)) {
    throw new AppError(AppErrorCode.INVALID_INPUT, {
      message: `decision must be one of: ${task.decisions.join(', ')}`,
      details: [{ field: 'decision', message: `must be one of: ${task.decisions.join(', ')}` }],
    });
  }
  await temporal.workflow.getHandle(task.workflowId).executeUpdate(decideTaskUpdate, {
    args: [
      {
        taskId: id,
        decision: input.decision,
        decidedBy: user.name,
        decidedByRoles: user.roles,
        comment: input.comment,
        ...(input.photoRef ? { photoRef: input.photoRef } : {}),
      },
    ],
  });
  return getTask(db, id);
}
