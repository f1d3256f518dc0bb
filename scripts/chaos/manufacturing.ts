// Manufacturing orders through the API: sub-assemblies made from components brought over from the
// warehouse and run on the simulated machines while workers and the server are killed; some are
// cancelled as soon as they are planned.
import { drive, newRun, ok, type DriveContext, type Run } from './run';

export const MANUFACTURING_PLANS = ['made', 'made', 'cancelled'] as const;
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
  await drive(ctx, run, async () => {
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
    return ['done', 'cancelled', 'failed'].includes(v?.status) ? v.status : undefined;
  });
}
