// Runs one work order as a job on its work center's machine controller and follows it to the end.
// Progress is the heartbeat: it is sent only when the machine moved on, so a frozen machine is caught by
// the heartbeat timeout while a slow one stays alive, and the retry resumes where the last heartbeat was.
import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { config } from '../../config';
import type { ProductionDb } from '../../db/clients';
import { illegal, notFound } from '../../domain/errors';
import type { MachineJobResult } from '../../workflows/manufacturing/types';
import { callMachine, type MachineJobStatus } from './machine-controller';

export interface MachineActivityOptions {
  /** How often a running job is polled (default: config MACHINE_POLL_MS). */
  machinePollMs?: number;
}

/** Progress reaches the work order row at most this often; heartbeats carry every advance. */
const PROGRESS_WRITE_MS = 1_000;

export interface MachineJobInput {
  workOrderId: number;
  jobId: string;
  controllerUrl: string | null;
  minutes: number;
}

export function createMachineActivities(db: ProductionDb, opts: MachineActivityOptions = {}) {
  const pollMs = opts.machinePollMs ?? config().MACHINE_POLL_MS;

  /** Marks the work order running for this attempt; tells whether it is already done (a retry after success). */
  async function markStarted(workOrderId: number): Promise<{ done?: { minutesActual: number } }> {
    const now = new Date();
    const { count } = await db.workOrder.updateMany({
      where: { id: workOrderId, status: { notIn: ['done', 'cancelled'] } },
      data: { status: 'running', attempts: { increment: 1 }, lastHeartbeatAt: now },
    });
    if (count === 0) {
      const wo = await db.workOrder.findUnique({ where: { id: workOrderId } });
      if (!wo) throw notFound(`Work order ${workOrderId}`);
      if (wo.status === 'cancelled') throw illegal(`Work order ${workOrderId} is cancelled; its machine job is not started`);
      return { done: { minutesActual: wo.minutesActual ?? wo.minutesPlanned } };
    }
    await db.workOrder.updateMany({ where: { id: workOrderId, startedAt: null }, data: { startedAt: now } });
    return {};
  }

  const writeProgress = (workOrderId: number, progress: number) =>
    db.workOrder.updateMany({
      where: { id: workOrderId, status: 'running' },
      data: { progress: Math.floor(progress), lastHeartbeatAt: new Date() },
    });

  return {
    async runMachineJob(input: MachineJobInput): Promise<MachineJobResult> {
      const ctx = Context.current();
      const base = input.controllerUrl?.replace(/\/+$/, '');
      if (!base) throw ApplicationFailure.nonRetryable(`work order ${input.workOrderId} has no machine controller`, 'NoMachineController');
      const heartbeat = ctx.info.heartbeatDetails as { progress?: unknown } | undefined;
      const resumeFrom = typeof heartbeat?.progress === 'number' ? Math.min(100, Math.max(0, heartbeat.progress)) : 0;

      const started = await markStarted(input.workOrderId);
      if (started.done) {
        // A retry after the job finished: its measurements are still at the machine, if it remembers the job.
        const job = (await callMachine('GET', `${base}/jobs/${encodeURIComponent(input.jobId)}`).catch(() => undefined)) as
          MachineJobStatus | undefined;
        return {
          minutesActual: started.done.minutesActual,
          resumedFrom: resumeFrom,
          ...(job?.measurements ? { measurements: job.measurements } : {}),
        };
      }

      const jobUrl = `${base}/jobs/${encodeURIComponent(input.jobId)}`;
      try {
        await callMachine('POST', `${base}/jobs`, { jobId: input.jobId, minutes: input.minutes, resumeFrom }, ctx.cancellationSignal);
        let seen = resumeFrom;
        let movedAt = Date.now();
        let writtenAt = Date.now();
        for (;;) {
          const job = (await callMachine('GET', jobUrl, undefined, ctx.cancellationSignal)) as MachineJobStatus;
          if (job.progress > seen) {
            ctx.heartbeat({ progress: job.progress });
            seen = job.progress;
            movedAt = Date.now();
          }
          if (job.state === 'done') return await finish(input, job);
          if (job.state === 'rejected') throw ApplicationFailure.nonRetryable(`machine refused job ${input.jobId}`, 'MachineRejected');
          if (job.state === 'broken' || job.state === 'aborted' || Date.now() - writtenAt >= PROGRESS_WRITE_MS) {
            await writeProgress(input.workOrderId, job.progress);
            writtenAt = Date.now();
          }
          if (job.state === 'broken') {
            throw ApplicationFailure.retryable(
              `machine broke down at ${job.progress.toFixed(1)} % of job ${input.jobId}`,
              'MachineBreakdown',
            );
          }
          if (job.state === 'aborted') throw new Error(`job ${input.jobId} was aborted at the machine; will start it again`);
          // Twice the heartbeat timeout without progress: the server gave up on this attempt long ago, and
          // nothing would ever tell it so (no heartbeat, no cancellation), so stop polling.
          const timeout = ctx.info.heartbeatTimeoutMs;
          if (timeout && Date.now() - movedAt > 2 * timeout)
            throw new Error(`job ${input.jobId} made no progress for ${Date.now() - movedAt} ms`);
          await ctx.sleep(pollMs);
        }
      } catch (e) {
        if (!ctx.cancellationSignal.aborted) throw e;
        // Only a cancellation asked for by the process stops the machine; after a timeout or a worker
        // shutdown the job goes on, and the next attempt finds it again under the same id.
        if (ctx.cancellationDetails?.cancelRequested) await callMachine('DELETE', jobUrl).catch(() => undefined);
        throw ctx.cancellationSignal.reason instanceof CancelledFailure ? ctx.cancellationSignal.reason : e;
      }
    },
  };

  async function finish(input: MachineJobInput, job: MachineJobStatus): Promise<MachineJobResult> {
    const minutesActual = job.minutesActual ?? input.minutes;
    // A reworked work order runs again: its actual minutes add up over the runs (a fresh one has none yet).
    // The guard on the minutes read makes the sum a conditional update, not a read-then-write.
    const before = await db.workOrder.findUnique({ where: { id: input.workOrderId }, select: { minutesActual: true } });
    const now = new Date();
    await db.workOrder.updateMany({
      where: { id: input.workOrderId, status: { notIn: ['done', 'cancelled'] }, minutesActual: before?.minutesActual ?? null },
      data: {
        status: 'done',
        finishedAt: now,
        minutesActual: (before?.minutesActual ?? 0) + minutesActual,
        progress: 100,
        lastHeartbeatAt: now,
      },
    });
    return { minutesActual, resumedFrom: job.starts.at(-1) ?? 0, ...(job.measurements ? { measurements: job.measurements } : {}) };
  }
}
