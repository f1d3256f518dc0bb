// One process as the business sees it: its published facts, its open tasks and when it should be done.
import { WorkflowNotFoundError } from '@temporalio/client';
import type { OperationsDb } from '../../db/clients';
import { notFound } from '../errors';
import { estimateCompletion, etaOf } from './eta';
import { searchProcesses, summaryOf, type ProcessFilter, type VisibilityContext } from './process-search';

async function describe(ctx: VisibilityContext, workflowId: string) {
  try {
    return await ctx.temporal.workflow.getHandle(workflowId).describe();
  } catch (e) {
    if (e instanceof WorkflowNotFoundError || (e as Error).name === 'WorkflowNotFoundError') throw notFound(`Process ${workflowId}`);
    throw e;
  }
}

export async function processSummary(ctx: VisibilityContext, workflowId: string, now = new Date()) {
  const d = await describe(ctx, workflowId);
  return summaryOf(ctx, d.raw.workflowExecutionInfo ?? {}, now);
}

export async function processEta(ctx: VisibilityContext, workflowId: string, now = new Date()) {
  const s = await processSummary(ctx, workflowId, now);
  return etaOf(ctx.temporal, workflowId, s.running, s.kind, now.getTime());
}

export async function processDetail(ctx: VisibilityContext & { db: OperationsDb }, workflowId: string, now = new Date()) {
  const summary = await processSummary(ctx, workflowId, now);
  const [eta, tasks] = await Promise.all([
    etaOf(ctx.temporal, workflowId, summary.running, summary.kind, now.getTime()),
    ctx.db.task.findMany({
      where: { workflowId, status: 'open' },
      orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }],
    }),
  ]);
  const openTasks = tasks.map((t) => ({
    id: t.id,
    kind: t.kind,
    title: t.title,
    role: t.role,
    dueAt: t.dueAt?.toISOString() ?? null,
    overdue: !!t.dueAt && t.dueAt.getTime() < now.getTime(),
  }));
  return { ...summary, eta, openTasks };
}

/**
 * A page of the search with each running process's ETA, from when it entered its status (published
 * with the status) and its kind's measured runs, read once per kind for the whole page.
 */
export async function listProcesses(
  ctx: VisibilityContext,
  filter: ProcessFilter,
  page: { pageSize: number; pageToken?: string },
  now = new Date(),
) {
  const found = await searchProcesses(ctx, filter, page, now);
  const items = await Promise.all(
    found.items.map(async (p) => ({
      ...p,
      eta: p.running
        ? p.statusSince
          ? await estimateCompletion(ctx.temporal, p.kind, p.status, Date.parse(p.statusSince), now.getTime())
          : { expectedAt: null, basedOnRuns: 0 as const, reason: 'the process has not published when it entered its status' }
        : null,
    })),
  );
  return { ...found, items };
}
