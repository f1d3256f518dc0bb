// Manufacturing orders through the API: sub-assemblies made from components brought over from the
// warehouse and run on the simulated machines while workers and the server are killed; some are
// cancelled as soon as they are planned, some are inspected (the first look sends the work back).
// The drivers also play the shop floor's technician: a machine that breaks down with no alternative
// (the fault schedule breaks WELD) is diagnosed and repaired through the maintenance tasks.
import type { Api } from './client';
import { drive, newRun, ok, type DriveContext, type Run } from './run';

export const MANUFACTURING_PLANS = ['made', 'inspected', 'cancelled'] as const;
// Sub-assemblies are made from bought components only (no child orders), so each run takes seconds.
const sku = (n: number) => `SUB-${String((n % 30) + 1).padStart(3, '0')}`;
/** Components the run stocks in the warehouse first, so no manufacturing order waits on a purchase. */
export const COMPONENT_SKUS = Array.from({ length: 60 }, (_, i) => `CMP-${String(i + 1).padStart(3, '0')}`);

export function planManufacturing(index: number): Run {
  const plan = MANUFACTURING_PLANS[index % MANUFACTURING_PLANS.length];
  return newRun('manufacturing', index, plan, plan === 'cancelled' ? 'cancelled' : 'done');
}

export async function driveManufacturing(ctx: DriveContext, run: Run): Promise<void> {
  const { api } = ctx;
  const body = { sku: sku(run.index), quantity: 1 + (run.index % 2) };
  let cancelAsked = false;
  let pointMade = run.plan !== 'inspected';
  await drive(ctx, run, async () => {
    if (!pointMade) {
      // Each run has its own product, so its inspection point checks only its own order.
      const point = await api.post('/quality-points', { productSku: body.sku, kind: 'inspection', instructions: 'chaos run' }, 'inspector');
      if (!ok(point.status)) {
        run.lastSeen = `quality point → ${point.status} ${JSON.stringify(point.body).slice(0, 200)}`;
        return undefined;
      }
      pointMade = true;
      return undefined;
    }
    if (!run.number) {
      const created = await api.post('/manufacturing-orders', body, 'production', { 'idempotency-key': `chaos-mo-${run.index}` });
      if (!ok(created.status)) {
        run.lastSeen = `create → ${created.status} ${JSON.stringify(created.body).slice(0, 200)}`;
        return undefined;
      }
      run.number = created.body.number;
      return undefined;
    }
    if (run.plan === 'cancelled' && !cancelAsked) {
      const res = await api.post(`/manufacturing-orders/${run.number}/cancel`, { reason: `chaos run ${run.index}` }, 'production');
      // 409 once the order is done (the cancel came too late) or already being cancelled by a lost earlier call.
      if (ok(res.status) || res.status === 409) cancelAsked = true;
      if (res.status === 409 && /is done/.test(JSON.stringify(res.body))) run.expected = 'done';
      return undefined;
    }
    const v = (await api.get(`/manufacturing-orders/${run.number}`, 'production')).body;
    run.lastSeen = v?.status;
    if (v?.status === 'failed') run.anomalies.push(`${run.number} failed: ${v.statusNote}`);
    // Any driver repairs what broke, also for an order that was cancelled while it waited.
    await playTechnician(api);
    if (run.plan === 'inspected') await playInspector(api, run.number);
    if (run.plan === 'inspected' && v?.status === 'done' && !(v.quality?.reworks >= 1))
      run.anomalies.push(`${run.number} done without the rework its first inspection asked for`);
    return ['done', 'cancelled', 'failed'].includes(v?.status) ? v.status : undefined;
  });
}

/** Diagnoses and repairs whatever maintenance tasks are open; another driver may take the same task (409). */
async function playTechnician(api: Api): Promise<void> {
  const tasks = (await api.get('/tasks?role=technician', 'technician')).body?.items ?? [];
  for (const t of tasks as { id: string; kind: string }[]) {
    if (t.kind === 'diagnose') await api.decide(t.id, 'diagnosed', 'technician', 'chaos run: worn drive belt');
    else if (t.kind === 'repair') await api.decide(t.id, 'repaired', 'technician');
    else if (t.kind === 'preventive-maintenance') await api.decide(t.id, 'done', 'technician');
  }
}

/** The first inspection of an operation sends it back for rework; the next one passes. */
async function playInspector(api: Api, mo: string): Promise<void> {
  const tasks = (await api.get(`/tasks?role=quality&document=${mo}`, 'inspector')).body?.items ?? [];
  for (const t of tasks as { id: string; kind: string }[]) {
    if (t.kind !== 'quality-inspection') continue;
    // The task id ends in :<operation>:<attempt>:<quality point>.
    const attempt = t.id.split(':').at(-2);
    await api.decide(t.id, attempt === '1' ? 'rework' : 'pass', 'inspector', 'chaos run');
  }
}
