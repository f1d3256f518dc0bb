// Driving a work center's corrective maintenance request through its tasks, as the shop floor does.
import type { Harness } from '../support/harness';

/** The (first) maintenance request opened for a work center, once it is there. */
export const requestOn = (h: Harness, workCenterId: number) =>
  h.eventually(
    () => h.stores.production.maintenanceRequest.findFirst({ where: { workCenterId } }),
    `a maintenance request on ${workCenterId}`,
  );

export async function diagnose(h: Harness, number: string, diagnosis = 'hydraulic seal worn'): Promise<void> {
  const task = await h.openTask(number, 'diagnose');
  expect(task.role).toBe('technician');
  expect((await h.decide(task.id, 'diagnosed', 'technician', diagnosis)).status).toBe(200);
}

/** Diagnosed and repaired by a technician: the work center is back in service. */
export async function repairWorkCenter(h: Harness, workCenterId: number): Promise<string> {
  const { number } = await requestOn(h, workCenterId);
  await diagnose(h, number);
  const repair = await h.openTask(number, 'repair');
  expect((await h.decide(repair.id, 'repaired', 'technician')).status).toBe(200);
  return number;
}

/** The repair fails and a supervisor declares the work center out of service. */
export async function declareOutOfService(h: Harness, workCenterId: number, why = 'beyond repair'): Promise<string> {
  const { number } = await requestOn(h, workCenterId);
  await diagnose(h, number);
  const repair = await h.openTask(number, 'repair');
  expect((await h.decide(repair.id, 'repair-failed', 'technician', why)).status).toBe(200);
  const escalation = await h.openTask(number, 'repair-escalation');
  expect((await h.decide(escalation.id, 'out-of-service', 'supervisor', why)).status).toBe(200);
  return number;
}
