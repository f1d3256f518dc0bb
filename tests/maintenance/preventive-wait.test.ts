// A work center being serviced takes no new work: a manufacturing order that reaches it while the
// preventive job runs waits for the job, and goes on when the technician is done (real dev server and
// machine simulator; the window opens at once on a work center open around the clock).
import type { Harness } from '../support/harness';
import { uniq } from '../support/fixtures';
import { component, machineJobs, manufactured, planMo, stockEverywhere, waitMo, workCenter, usePlant } from '../manufacturing/support';

let h: Harness;
usePlant((started) => (h = started));

test('an order reaching a work center under preventive maintenance waits for the service and then finishes', async () => {
  const lathe = await workCenter(h);
  await h.stores.production.maintenancePlan.create({
    data: { workCenterId: lathe.id, everyDays: 30, durationMinutes: 60, updatedBy: 'test' },
  });
  // As the plan's schedule starts it.
  await h.env.client.workflow.execute('preventiveMaintenance', {
    taskQueue: 'orchestration',
    workflowId: uniq(`preventive-${lathe.code}`),
    args: [{ workCenterCode: lathe.code, policy: { everyDays: 30, durationMinutes: 60 } }],
  });
  const service = await h.stores.production.maintenanceRequest.findFirstOrThrow({ where: { workCenterId: lathe.id, kind: 'preventive' } });
  const task = await h.openTask(service.number, 'preventive-maintenance');
  expect(task.role).toBe('technician');
  expect((await h.stores.production.workCenter.findUniqueOrThrow({ where: { id: lathe.id } })).status).toBe('maintenance');
  const serviced = (await h.get('/api/work-centers?status=maintenance&pageSize=100', 'planner')).body.items;
  expect(serviced.map((c: { code: string }) => c.code)).toContain(lathe.code);

  const rod = await component(h, { cost: 2, shop: 5 });
  const pin = await manufactured(h, {
    parts: [{ sku: rod.sku, quantity: 1 }],
    steps: [{ name: 'Turn', workCenter: lathe, minutesPerUnit: 2 }],
  });
  const mo = await planMo(h, pin.sku, 1);
  await waitMo(h, mo, 'held');
  const waiting = await h.eventually(async () => {
    const view = (await h.get(`/api/maintenance-requests/${service.number}`)).body;
    return view.process?.waiting?.length === 1 && view.process.waiting;
  }, `${mo} waiting on ${service.number}`);
  expect(waiting).toEqual([`mo-${mo}`]);
  // Nothing was sent to the machine while it was being serviced.
  expect(await machineJobs(h, lathe.code)).toEqual([]);

  expect((await h.decide(task.id, 'done', 'technician', 'spindle bearings greased')).status).toBe(200);
  await waitMo(h, mo, 'done');
  expect((await h.stores.production.workCenter.findUniqueOrThrow({ where: { id: lathe.id } })).status).toBe('available');
  expect(await h.stores.production.maintenanceRequest.findUniqueOrThrow({ where: { id: service.id } })).toMatchObject({ status: 'done' });
  expect(await stockEverywhere(h, pin.sku)).toMatchObject({ main: 1 });
  const events = (await h.get(`/api/manufacturing-orders/${mo}`)).body.process.events.map((e: { step: string }) => e.step);
  expect(events).toEqual(expect.arrayContaining(['held', 'work_center_back', 'done']));
});
