// The customer-return scenarios of scripts/record-histories.ts: one return waiting for the rest of
// its goods, and the same return once received, inspected, restocked and refunded.
import type { ApiResponse } from '../tests/support/harness';
import { customer, orderBody, product } from '../tests/support/fixtures';
import { inspect, receive, requestReturn, waitReturn } from '../tests/returns/process-support';
import type { Scenario } from './record-histories';

function ok<T>(res: ApiResponse<T>, what: string): T {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export const returnScenarios: Scenario[] = [
  {
    name: 'return-refunded',
    async run(h, record) {
      const db = h.stores.operations;
      const c = await customer(db);
      const p = await product(db, { price: 100, stock: 3, taxPct: 20 });
      const order = ok(await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 3 }])), 'order').number as string;
      await h.waitForStatus(order, 'awaiting_delivery');
      ok(await h.post(`/api/orders/${order}/delivery-confirmation`, {}), 'delivery confirmation');
      await h.waitForStatus(order, 'awaiting_payment');
      ok(await h.post(`/api/orders/${order}/payments`, { reference: `PAY-${order}`, amount: 360 }), 'payment');
      await h.waitForStatus(order, 'paid');

      const number = await requestReturn(h, order, [{ lineNo: 1, quantity: 2, outcome: 'refund' }]);
      await waitReturn(h, number, 'authorized');
      ok(await receive(h, number, `${number}-P1`, [{ lineNo: 1, quantity: 1 }]), 'first receipt');
      await waitReturn(h, number, 'receiving');
      await record('return-awaiting-goods', `return-${number}`, 'authorized, pickup booked, one of two units received', 'running');
      ok(await receive(h, number, `${number}-P2`, [{ lineNo: 1, quantity: 1 }]), 'second receipt');
      await inspect(h, number, 1, 'resellable', 'as new');
      await waitReturn(h, number, 'done');
      await record('return-refunded', `return-${number}`, 'received in two parts, resellable, restocked, credited and refunded', 'closed');
    },
  },
];
