// An order waiting for payment whose goods came back: told of each credit note, the order's process
// re-reads its invoice, so a payment is measured against what is still owed and a credit that
// settles the invoice closes the order as paid.
import { createOperationsActivities } from '../../activities/operations';
import type { OperationsDb } from '../../db/clients';
import { orderStateQuery, returnCreditedSignal } from '../../workflows/order/messages';
import { customer, orderBody, product, uniq } from '../support/fixtures';
import { startHarness, type Harness } from '../support/harness';
import { assertInvariants } from '../support/invariants';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

/** A return of `quantity` damaged units of the order's first line, received and refunded; its credit note. */
async function refundedReturn(
  db: OperationsDb,
  orderNumber: string,
  quantity: number,
): Promise<{ returnNumber: string; creditNote: string }> {
  const ops = createOperationsActivities(db);
  const order = await db.salesOrder.findUniqueOrThrow({ where: { number: orderNumber }, include: { lines: true } });
  const line = order.lines[0];
  const returnNumber = uniq('RET');
  await db.customerReturn.create({
    data: {
      number: returnNumber,
      key: returnNumber,
      orderId: order.id,
      customerId: order.customerId,
      reason: 'broken in transit',
      status: 'authorized',
      requestedBy: 'test',
      lines: {
        create: [{ lineNo: 1, orderLineId: line.id, productId: line.productId, quantity, outcome: 'refund', condition: 'damaged' }],
      },
    },
  });
  const at = new Date().toISOString();
  await ops.receiveReturnGoods({ returnNumber, reference: 'BOX-1', lines: [{ lineNo: 1, quantity }], receivedBy: 'warehouse', at });
  const { creditNote } = await ops.settleReturnRefund({ returnNumber, key: `return-${returnNumber}:refund`, at });
  return { returnNumber, creditNote: creditNote! };
}

test('credit notes from returns reduce what an order waiting for payment is owed, and settle it', async () => {
  const db = h.stores.operations;
  const c = await customer(db);
  const p = await product(db, { price: 10, stock: 10, taxPct: 10 });
  const { body } = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 2 }]));
  await h.waitForStatus(body.number, 'awaiting_delivery');
  await h.post(`/api/orders/${body.number}/delivery-confirmation`, {});
  await h.waitForStatus(body.number, 'awaiting_payment');
  const handle = h.env.client.workflow.getHandle(`order-${body.number}`);
  const credits = async () => (await handle.query(orderStateQuery)).events.filter((e) => e.step === 'return_credited');

  // One of two units back: 11.00 of 22.00 credited; a signal sent twice is noted once.
  const first = await refundedReturn(db, body.number, 1);
  await handle.signal(returnCreditedSignal, first);
  await handle.signal(returnCreditedSignal, first);
  await h.eventually(async () => (await handle.query(orderStateQuery)).invoice?.outstandingCents === 1_100, 'the invoice re-read');
  expect(await credits()).toHaveLength(1);
  const overpaid = await h.post(`/api/orders/${body.number}/payments`, { reference: `PAY-${body.number}`, amount: 22 });
  expect(overpaid.status).toBe(409);
  expect(await h.orderStatus(body.number)).toBe('awaiting_payment');

  // The other unit back too: the invoice is settled by credit alone and the order closes as paid.
  const second = await refundedReturn(db, body.number, 1);
  await handle.signal(returnCreditedSignal, second);
  await h.waitForStatus(body.number, 'paid');
  const state = await handle.query(orderStateQuery);
  expect(state.invoice).toMatchObject({ status: 'paid', creditedCents: 2_200, paidCents: 0, outstandingCents: 0 });
  expect((await credits()).map((e) => e.note)).toEqual([
    `${first.creditNote} from ${first.returnNumber}`,
    `${second.creditNote} from ${second.returnNumber}`,
  ]);
});
