// The customer-return scenarios of scripts/record-histories.ts: one return waiting for the rest of
// its goods, and the same return once received, inspected, restocked and refunded.
import { deliveredOrder } from '../tests/returns/support';
import { inspect, receive, requestReturn, waitReturn } from '../tests/returns/process-support';
import type { Scenario } from './record-histories';

export const returnScenarios: Scenario[] = [
  {
    name: 'return-refunded',
    async run(h, record) {
      const { order } = await deliveredOrder(h, { quantity: 3, price: 100, taxPct: 20, paid: true });
      const number = await requestReturn(h, order, [{ lineNo: 1, quantity: 2, outcome: 'refund' }]);
      await waitReturn(h, number, 'authorized');
      const first = await receive(h, number, `${number}-P1`, [{ lineNo: 1, quantity: 1 }]);
      if (first.status !== 201) throw new Error(`receipt: ${first.status} ${JSON.stringify(first.body)}`);
      await waitReturn(h, number, 'receiving');
      await record('return-awaiting-goods', `return-${number}`, 'authorized, pickup booked, one of two units received', 'running');
      const rest = await receive(h, number, `${number}-P2`, [{ lineNo: 1, quantity: 1 }]);
      if (rest.status !== 201) throw new Error(`receipt: ${rest.status} ${JSON.stringify(rest.body)}`);
      await inspect(h, number, 1, 'resellable', 'as new');
      await waitReturn(h, number, 'done');
      await record('return-refunded', `return-${number}`, 'received in two parts, resellable, restocked, credited and refunded', 'closed');
    },
  },
];
