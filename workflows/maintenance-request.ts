// Corrective maintenance of a work center that broke down: it is out of service from the start; a
// technician diagnoses, takes spare parts and reports labour, then repairs. Repaired → parts used up,
// the cost to the ledger, the work center back in service and every waiting manufacturing order told.
// Failed → a supervisor decides: try again, or declare it out of service (waiters told, parts released).
import { allHandlersFinished, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import { ops, production } from './shared/activities';
import { HumanTasks } from './shared/human-tasks';
import { RepairLog } from './maintenance/repair-log';
import type { MaintenanceRequestInput } from './maintenance/repair-messages';
import { maintenanceStateQuery, type MaintenanceState, type MaintenanceStatus, type WorkCenterBack } from './maintenance/messages';
import { Waiters } from './maintenance/waiters';
import { publish, publishIdentity } from './shared/visibility';

export async function maintenanceRequest(input: MaintenanceRequestInput): Promise<MaintenanceState> {
  const { workflowId } = workflowInfo();
  const waiters = new Waiters();
  const tasks = new HumanTasks('maintenance-request');
  // Every handler is registered before the first step: a report sent the moment the request was
  // created may reach the process in its very first task.
  const state: MaintenanceState = {
    number: input.number,
    kind: 'corrective',
    workCenterCode: '',
    status: 'open',
    step: 'diagnosing',
    waiting: [],
    openTasks: [],
    events: [],
  };
  const note = (step: string, text?: string) => state.events.push({ at: new Date().toISOString(), step, ...(text ? { note: text } : {}) });
  const setStatus = async (status: MaintenanceStatus, step: string) => {
    if (state.status !== status) note(status, step);
    state.status = status;
    publish({ status });
    state.step = step;
    await production.setMaintenanceStatus({ number: input.number, status, note: step });
  };
  setHandler(maintenanceStateQuery, () => ({ ...state, waiting: waiters.list.map((w) => w.workflowId), openTasks: tasks.openTaskIds }));
  const log = new RepairLog(input.number, note);
  const req = await production.loadMaintenanceRequest({ number: input.number });
  const wc = req.workCenterCode;
  Object.assign(state, { kind: req.kind, workCenterCode: wc, status: req.status });
  publishIdentity({ kind: 'maintenance', document: input.number, status: req.status });
  const task = async (kind: string, role: string, decisions: string[], title: string, description: string, round = 1) => {
    const id = await tasks.ask({
      id: `${workflowId}:${kind}:${round}`,
      documentRef: input.number,
      kind,
      role,
      decisions,
      title,
      description,
    });
    return (await tasks.decision(id))!;
  };

  note('opened', `${wc} is down`);
  const diagnosis = await task(
    'diagnose',
    'technician',
    ['diagnosed'],
    `Diagnose ${wc}`,
    `${wc} is down. Find the cause; the comment is the diagnosis.`,
  );
  await production.recordDiagnosis({ number: input.number, diagnosis: diagnosis.comment ?? '', technician: diagnosis.decidedBy });
  await setStatus('in_progress', `repairing ${wc}`);

  let back: WorkCenterBack['outcome'] | undefined;
  for (let round = 1; !back; round++) {
    const repair = await task(
      'repair',
      'technician',
      ['repaired', 'repair-failed'],
      `Repair ${wc}`,
      `Report spare parts and labour on ${input.number}, then say whether the repair worked.`,
      round,
    );
    if (repair.decision === 'repaired') {
      const costs = await log.close(() =>
        production.completeRepair({ number: input.number, key: `${workflowId}:repaired`, at: new Date().toISOString() }),
      );
      await ops.postMaintenanceCost({
        key: `${workflowId}:ledger`,
        requestNumber: input.number,
        partsCents: costs.partsCents,
        labourCents: costs.labourCents,
      });
      state.status = 'done';
      publish({ status: 'done' });
      note('repaired', `${wc} back in service (by ${repair.decidedBy}); parts ${costs.partsCents} + labour ${costs.labourCents} cents`);
      back = 'in_service';
      continue;
    }
    await setStatus('escalated', `repair of ${wc} failed: ${repair.comment ?? 'no reason given'}`);
    const escalation = await task(
      'repair-escalation',
      'supervisor',
      ['repair-again', 'out-of-service'],
      `Repair of ${wc} failed`,
      `${repair.decidedBy}: ${repair.comment ?? 'the repair did not work'}. Try again, or declare ${wc} out of service.`,
      round,
    );
    if (escalation.decision === 'repair-again') {
      await setStatus('in_progress', `repairing ${wc} again`);
      continue;
    }
    await log.close(() =>
      production.closeOutOfService({
        number: input.number,
        key: `${workflowId}:out-of-service`,
        note: escalation.comment ?? 'out of service',
      }),
    );
    state.status = 'failed';
    publish({ status: 'failed' });
    note('out_of_service', `${wc} declared out of service (by ${escalation.decidedBy})`);
    back = 'out_of_service';
  }
  state.step = back === 'in_service' ? 'back in service' : 'out of service';
  await waiters.notifyAll({ requestNumber: input.number, workCenterCode: wc, outcome: back });
  await condition(allHandlersFinished);
  return { ...state, waiting: waiters.list.map((w) => w.workflowId), openTasks: [] };
}
