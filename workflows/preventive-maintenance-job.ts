// One preventive service (`maintenance-<number>`): waits for its window (a moved window re-arms the
// wait), takes the work center out of service, asks a technician to do the job, then gives the work
// center back and tells every manufacturing order that waited for it.
import { ApplicationFailure, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import { HumanTasks } from './shared/human-tasks';
import { Lock } from './shared/lock';
import { production } from './shared/activities';
import { REFUSAL, asRefusal, refuse } from './shared/messages';
import { maintenanceStateQuery, rescheduleMaintenanceUpdate, type MaintenanceState } from './maintenance/messages';
import type { PreventiveJobInput } from './maintenance/preventive-types';
import { Waiters } from './maintenance/waiters';
import { publish, publishIdentity } from './shared/visibility';

export async function preventiveMaintenanceJob(input: PreventiveJobInput): Promise<MaintenanceState> {
  const waiters = new Waiters();
  const tasks = new HumanTasks('preventiveMaintenanceJob');
  const state: MaintenanceState = {
    number: input.number,
    kind: 'preventive',
    workCenterCode: input.workCenterCode,
    status: 'scheduled',
    step: 'waiting for its window',
    waiting: [],
    openTasks: [],
    events: [],
  };
  const note = (step: string, text?: string) => state.events.push({ at: new Date().toISOString(), step, ...(text ? { note: text } : {}) });
  const snapshot = (): MaintenanceState => ({ ...state, waiting: waiters.list.map((w) => w.workflowId), openTasks: tasks.openTaskIds });
  setHandler(maintenanceStateQuery, snapshot);

  // The window as last read or moved; handlers are registered before the first step, so a move sent the
  // moment the service opened is not refused for want of a handler.
  let plannedStart = '';
  let moved = false;
  const lock = new Lock();
  setHandler(
    rescheduleMaintenanceUpdate,
    // One move at a time, and never while the job is starting: each sees the state the one before left.
    ({ plannedStart: to, requestedBy }) =>
      lock.run(async () => {
        if (state.status !== 'scheduled') throw refuse(`Maintenance request ${input.number} is ${state.status}; it can no longer move`);
        const { request, replanned } = await production
          .rescheduleMaintenance({ number: input.number, plannedStart: to, now: new Date().toISOString() })
          .catch(asRefusal);
        plannedStart = request.plannedStart;
        moved = true;
        note(
          'rescheduled',
          `to ${request.plannedStart}–${request.plannedEnd} by ${requestedBy}${replanned.length ? `; re-planned ${replanned.join(', ')}` : ''}`,
        );
        return snapshot();
      }),
    {
      validator: (req: { plannedStart: string; requestedBy: string }) => {
        if (!(Date.parse(req.plannedStart) >= Date.now()))
          throw ApplicationFailure.create({
            type: REFUSAL.invalid,
            message: 'plannedStart: must not be in the past',
            details: [{ field: 'plannedStart', message: 'must not be in the past' }],
          });
        if (state.status !== 'scheduled')
          throw refuse(`Maintenance request ${input.number} is ${state.status}; only a job not yet started can move`);
      },
    },
  );
  const loaded = (await production.loadMaintenanceRequest({ number: input.number })).plannedStart;
  // A move that came during the read is newer than what was read.
  if (!moved) plannedStart = loaded;
  note('scheduled', `window from ${plannedStart}`);
  // A preventive service is a maintenance request (maintenance-<number>) like a repair; it waits for its window.
  publishIdentity({ kind: 'maintenance', document: input.number, status: state.status });

  // The window may move (earlier or later) while the job waits: each move re-arms the wait.
  for (;;) {
    const left = Date.parse(plannedStart) - Date.now();
    if (left > 0) {
      publish({ waitingOn: 'timer', waitingFor: 'maintenance window', dueAt: plannedStart });
      moved = false;
      await condition(() => moved, left);
      continue;
    }
    const started = await lock.run(async () => {
      if (Date.parse(plannedStart) > Date.now()) return false; // moved later while this waited for the lock
      state.status = 'in_progress';
      publish({ status: 'in_progress' });
      state.step = 'being serviced';
      await production.startPreventiveMaintenance({ number: input.number, at: new Date().toISOString() });
      return true;
    });
    if (started) break;
  }
  note('started', `${input.workCenterCode} taken out of service`);
  const id = await tasks.ask({
    id: `${workflowInfo().workflowId}:service`,
    documentRef: input.number,
    kind: 'preventive-maintenance',
    role: 'technician',
    decisions: ['done'],
    title: `Service ${input.workCenterCode} (${input.number})`,
    description: `Preventive maintenance of ${input.workCenterCode} is due now. Choose done when the work center can take work again.`,
  });
  const done = (await tasks.decision(id))!;
  await production.finishPreventiveMaintenance({
    number: input.number,
    at: new Date().toISOString(),
    technician: done.decidedBy,
    ...(done.comment ? { note: done.comment } : {}),
  });
  state.status = 'done';
  publish({ status: 'done' });
  state.step = 'done';
  note('done', `${input.workCenterCode} back in service (${done.decidedBy})`);
  await waiters.notifyAll({ requestNumber: input.number, workCenterCode: input.workCenterCode, outcome: 'in_service' });
  return snapshot();
}
