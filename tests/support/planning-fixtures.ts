// Work centers and manufacturing orders written straight into the production store, with known calendars
// and minutes, so planning tests can assert exact instants.
import type { ProductionDb } from '../../db/clients';
import { uniq } from './fixtures';

/** 08:00–16:00 UTC, Monday to Friday: 480 working minutes a day. */
export const DAY_SHIFT = { timezone: 'UTC', workdays: '1,2,3,4,5', openMinute: 480, closeMinute: 960, holidays: '' };

export async function workCenter(prod: ProductionDb, opts: { slots?: number; holidays?: string; code?: string } = {}) {
  return prod.workCenter.create({
    data: {
      ...DAY_SHIFT,
      code: opts.code ?? uniq('WC'),
      name: 'Test work center',
      slots: opts.slots ?? 1,
      holidays: opts.holidays ?? '',
      costPerHourCents: 6000,
      controllerUrl: 'http://127.0.0.1:9/machines/TEST',
    },
  });
}

export interface StepSpec {
  workCenterId: number;
  minutes: number;
  alternativeWorkCenterId?: number;
  status?: string;
}

let orders = 0;

/** A manufacturing order with one work order per step (in sequence 10, 20, …), none planned yet. */
export async function manufacturingOrder(prod: ProductionDb, steps: StepSpec[]) {
  const sku = uniq('FG');
  const bom = await prod.bom.create({
    data: {
      productSku: sku,
      routing: {
        create: steps.map((s, i) => ({
          sequence: (i + 1) * 10,
          name: `Step ${i + 1}`,
          workCenterId: s.workCenterId,
          alternativeWorkCenterId: s.alternativeWorkCenterId ?? null,
          minutesPerUnit: s.minutes,
        })),
      },
    },
  });
  const number = `MO-${String(process.pid % 1000).padStart(3, '0')}${String(++orders).padStart(4, '0')}`;
  return prod.manufacturingOrder.create({
    data: {
      number,
      key: `test:${number}`,
      productSku: sku,
      quantity: 1,
      bomId: bom.id,
      status: 'planned',
      parentType: 'planner',
      requestedBy: 'test',
      workOrders: {
        create: steps.map((s, i) => ({
          sequence: (i + 1) * 10,
          name: `Step ${i + 1}`,
          workCenterId: s.workCenterId,
          status: s.status ?? 'planned',
          minutesPlanned: s.minutes,
        })),
      },
    },
  });
}
