// Driving a work center's corrective maintenance request through its tasks, as the shop floor does.
// Plain checks (no Jest expect), so scripts/record-histories.ts can use them too.
import type { ApiResponse, Harness } from '../support/harness';

function ok(res: ApiResponse, what: string): void {
  if (res.status !== 200) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** The (first) maintenance request opened for a work center, once it is there. */
export const requestOn = (h: Harness, workCenterId: number) =>
  h.eventually(
    () => h.stores.production.maintenanceRequest.findFirst({ where: { workCenterId } }),
    `a maintenance request on ${workCenterId}`,
  );

export async function diagnose(h: Harness, number: string, diagnosis = 'hydraulic seal worn'): Promise<void> {
  const task = await h.openTask(number, 'diagnose');
  if (task.role !== 'technician') throw new Error(`the diagnose task of ${number} is for ${task.role}`);
  ok(await h.decide(task.id, 'diagnosed', 'technician', diagnosis), 'diagnosed');
}

/** Diagnosed and repaired by a technician: the work center is back in service. */
export async function repairWorkCenter(h: Harness, workCenterId: number): Promise<string> {
  const { number } = await requestOn(h, workCenterId);
  await diagnose(h, number);
  const repair = await h.openTask(number, 'repair');
  ok(await h.decide(repair.id, 'repaired', 'technician'), 'repaired');
  return number;
}

/** The repair fails and a supervisor declares the work center out of service. */
export async function declareOutOfService(h: Harness, workCenterId: number, why = 'beyond repair'): Promise<string> {
  const { number } = await requestOn(h, workCenterId);
  await diagnose(h, number);
  const repair = await h.openTask(number, 'repair');
  ok(await h.decide(repair.id, 'repair-failed', 'technician', why), 'repair failed');
  const escalation = await h.openTask(number, 'repair-escalation');
  ok(await h.decide(escalation.id, 'out-of-service', 'supervisor', why), 'out of service');
  return number;
}
