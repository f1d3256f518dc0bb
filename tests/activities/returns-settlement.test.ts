// Settling a return, activities called directly: one credit note with exact ledger figures, the
// restocking fee kept on resellable goods by category, the overpayment refunded, each step once.
import { activityWorld } from '../support/activity-world';
import { inspected, ledgerMovement, returnOf } from '../support/return-fixtures';

const world = activityWorld();
const at = () => new Date().toISOString();

async function receiveAll(returnNumber: string, lines: { lineNo: number; quantity: number }[]) {
  await world.ops.receiveReturnGoods({ returnNumber, reference: `${returnNumber}-IN`, lines, receivedBy: 'warehouse', at: at() });
}

test('an unpaid invoice is credited for the refunded goods, less the restocking fee of each category on resellable ones', async () => {
  const db = world.stores.operations;
  // Invoice: 2 × 100.00 + 1 × 50.00 + 1 × 30.00 + 1 × 20.00 + 2 × 10.00 net, 20 % tax = 384.00.
  const r = await returnOf(world, [
    { price: 100, delivered: 2, returned: 2 },
    { price: 50, delivered: 1, returned: 1, category: 'made-to-order' },
    { price: 30, delivered: 1, returned: 1, category: 'garden' },
    { price: 20, delivered: 1, returned: 1 },
    { price: 10, delivered: 2, returned: 2, outcome: 'replacement' },
  ]);
  await receiveAll(
    r.number,
    [1, 2, 3, 4, 5].map((lineNo) => ({ lineNo, quantity: lineNo === 1 || lineNo === 5 ? 2 : 1 })),
  );
  for (const lineNo of [1, 2, 3, 5]) await inspected(db, r.number, lineNo, 'resellable');
  await inspected(db, r.number, 4, 'damaged');
  const step = { returnNumber: r.number, key: `return-${r.number}:refund`, at: at() };
  // Credited net: 200.00 − 10 % + 50.00 − 15 % + 30.00 − 10 % (no policy of its own: general) + 20.00 (damaged, no fee) = 269.50.
  const fee = 2000 + 750 + 300;
  const net = 20_000 + 5000 + 3000 + 2000 - fee;
  const tax = 4000 + 1000 + 600 + 400 - (400 + 150 + 60);
  let result: Awaited<ReturnType<typeof world.ops.settleReturnRefund>> | undefined;
  expect(await ledgerMovement(db, async () => (result = await world.ops.settleReturnRefund(step)))).toEqual({
    '4000': net,
    '2100': tax,
    '1100': -(net + tax),
  });
  expect(result).toEqual({ creditNote: expect.stringMatching(/^CN-/), creditedCents: net + tax, refundCents: 0, feeCents: fee });
  expect(await ledgerMovement(db, async () => expect(await world.ops.settleReturnRefund(step)).toEqual(result))).toEqual({});

  const note = await db.invoice.findUniqueOrThrow({
    where: { number: result!.creditNote },
    include: { lines: { orderBy: { id: 'asc' } } },
  });
  expect(note).toMatchObject({ kind: 'credit_note', key: `return:${r.number}:credit-note`, totalCents: net + tax, netCents: net });
  expect(note.lines.filter((l) => l.unitPriceCents < 0).map((l) => l.netCents)).toEqual([-2000, -750, -300]);
  expect(await world.ops.loadOrderInvoice({ orderNumber: r.orderNumber })).toMatchObject({
    number: r.invoiceNumber,
    status: 'posted',
    totalCents: 38_400,
    creditedCents: net + tax,
    outstandingCents: 38_400 - net - tax,
  });
  const ret = await db.customerReturn.findUniqueOrThrow({
    where: { number: r.number },
    include: { lines: { orderBy: { lineNo: 'asc' } } },
  });
  expect(ret).toMatchObject({ creditNoteNumber: result!.creditNote, refundCents: 0, restockingFeeCents: fee });
  expect(ret.lines.map((l) => l.settlement)).toEqual(['refunded', 'refunded', 'refunded', 'refunded', null]);
  expect(await db.customerRefund.count({ where: { returnId: ret.id } })).toBe(0);
});

test('a credit on an invoice paid in full pays the excess back and leaves the invoice settled', async () => {
  const db = world.stores.operations;
  const r = await returnOf(world, [{ price: 100, delivered: 2, returned: 1 }], { paidCents: 24_000 });
  await receiveAll(r.number, [{ lineNo: 1, quantity: 1 }]);
  await inspected(db, r.number, 1, 'damaged');
  const step = { returnNumber: r.number, key: `return-${r.number}:refund`, at: at() };
  const moved = await ledgerMovement(db, async () =>
    expect(await world.ops.settleReturnRefund(step)).toMatchObject({ creditedCents: 12_000, refundCents: 12_000, feeCents: 0 }),
  );
  // The receivable credited by the note is paid out again: 1100 ends where it was, the cash went back.
  expect(moved).toEqual({ '4000': 10_000, '2100': 2000, '1000': -12_000 });
  expect(await ledgerMovement(db, () => world.ops.settleReturnRefund(step))).toEqual({});
  expect(await world.ops.loadOrderInvoice({ orderNumber: r.orderNumber })).toMatchObject({
    status: 'paid',
    paidCents: 12_000,
    creditedCents: 12_000,
    outstandingCents: 0,
  });
  const ret = await db.customerReturn.findUniqueOrThrow({ where: { number: r.number }, include: { refunds: true } });
  expect(ret.refundCents).toBe(12_000);
  expect(ret.refunds).toEqual([expect.objectContaining({ number: expect.stringMatching(/^RF-/), amountCents: 12_000 })]);
  const entry = await db.journalEntry.findUniqueOrThrow({ where: { id: ret.refunds[0].journalEntryId! }, include: { lines: true } });
  expect(entry.lines.map((l) => [l.accountCode, l.debitCents, l.creditCents, l.partnerRef])).toEqual(
    expect.arrayContaining([
      ['1100', 12_000, 0, r.customer.code],
      ['1000', 0, 12_000, null],
    ]),
  );
});

test('a credit on a partly paid invoice refunds only what was paid beyond the new total', async () => {
  const db = world.stores.operations;
  const r = await returnOf(world, [{ price: 100, delivered: 2, returned: 1 }], { paidCents: 20_000 });
  await receiveAll(r.number, [{ lineNo: 1, quantity: 1 }]);
  await inspected(db, r.number, 1, 'resellable');
  // Credit 100.00 − 10 % = 90.00 + 18.00 tax; owed now 240.00 − 108.00 = 132.00 of the 200.00 paid.
  const moved = await ledgerMovement(db, async () =>
    expect(await world.ops.settleReturnRefund({ returnNumber: r.number, key: 'k', at: at() })).toMatchObject({
      creditedCents: 10_800,
      refundCents: 6800,
      feeCents: 1000,
    }),
  );
  expect(moved).toEqual({ '4000': 9000, '2100': 1800, '1100': -4000, '1000': -6800 });
  expect(await world.ops.loadOrderInvoice({ orderNumber: r.orderNumber })).toMatchObject({
    status: 'paid',
    paidCents: 13_200,
    outstandingCents: 0,
  });
});

test('a return with no refunded goods received credits nothing and writes nothing', async () => {
  const db = world.stores.operations;
  const r = await returnOf(world, [
    { price: 100, delivered: 1, returned: 1 },
    { price: 100, delivered: 1, returned: 1, outcome: 'replacement' },
  ]);
  await receiveAll(r.number, [{ lineNo: 2, quantity: 1 }]);
  const key = `return-${r.number}:refund`;
  expect(
    await ledgerMovement(db, async () =>
      expect(await world.ops.settleReturnRefund({ returnNumber: r.number, key, at: at() })).toEqual({
        creditedCents: 0,
        refundCents: 0,
        feeCents: 0,
      }),
    ),
  ).toEqual({});
  expect(await db.processedOperation.count({ where: { key } })).toBe(0);
  expect(await db.invoice.count({ where: { kind: 'credit_note', order: { number: r.orderNumber } } })).toBe(0);
});

test("a return's no-charge order is made once per kind and stored on the return", async () => {
  const db = world.stores.operations;
  const r = await returnOf(world, [{ price: 100, delivered: 2, returned: 2, outcome: 'replacement' }]);
  const step = {
    returnNumber: r.number,
    kind: 'replacement' as const,
    lines: [{ sku: r.products[0].sku, quantity: 2 }],
    key: `return-${r.number}:replacement`,
    at: at(),
  };
  const { orderNumber } = await world.ops.createReturnOrder(step);
  expect(await world.ops.createReturnOrder(step)).toEqual({ orderNumber });
  expect(await world.ops.createReturnOrder({ ...step, key: 'a second request' })).toEqual({ orderNumber });
  const order = await db.salesOrder.findUniqueOrThrow({ where: { number: orderNumber }, include: { lines: true } });
  expect(order).toMatchObject({
    customerId: r.customer.id,
    netCents: 0,
    taxCents: 0,
    lines: [expect.objectContaining({ quantity: 2, unitPriceCents: 0 })],
  });
  expect(await db.customerReturn.findUniqueOrThrow({ where: { number: r.number } })).toMatchObject({
    replacementOrderNumber: orderNumber,
    sendBackOrderNumber: null,
  });
  const sendBack = await world.ops.createReturnOrder({ ...step, kind: 'send_back', key: `return-${r.number}:send-back` });
  expect(sendBack.orderNumber).not.toBe(orderNumber);
  expect(await db.customerReturn.findUniqueOrThrow({ where: { number: r.number } })).toMatchObject({
    sendBackOrderNumber: sendBack.orderNumber,
  });
  expect(await db.salesOrder.count({ where: { customerId: r.customer.id } })).toBe(3);
});

test('recording a line twice changes it once', async () => {
  const db = world.stores.operations;
  const r = await returnOf(world, [{ price: 100, delivered: 1, returned: 1, outcome: 'repair' }]);
  const step = {
    returnNumber: r.number,
    lineNo: 1,
    disposition: 'repaired' as const,
    repairMoNumber: 'MO-00042',
    settlement: 'repaired_sent_back' as const,
    at: at(),
  };
  await world.ops.recordReturnLine(step);
  await world.ops.recordReturnLine({ ...step, at: new Date(Date.now() + 60_000).toISOString() });
  const line = await db.customerReturnLine.findFirstOrThrow({ where: { customerReturn: { number: r.number } } });
  expect(line).toMatchObject({
    disposition: 'repaired',
    repairMoNumber: 'MO-00042',
    settlement: 'repaired_sent_back',
    settledAt: new Date(step.at),
  });
  expect(await db.auditLog.count({ where: { action: 'return.line-recorded', entityRef: r.number } })).toBe(1);
});

test('a payment and a return credit arriving at once never leave the invoice paid and credited beyond its total', async () => {
  const db = world.stores.operations;
  const r = await returnOf(world, [{ price: 100, delivered: 2, returned: 1 }]);
  await receiveAll(r.number, [{ lineNo: 1, quantity: 1 }]);
  await inspected(db, r.number, 1, 'damaged');
  const moved = await ledgerMovement(db, () =>
    Promise.allSettled([
      world.ops.recordCustomerPayment({
        orderNumber: r.orderNumber,
        reference: 'RACE',
        amountCents: 24_000,
        method: 'bank_transfer',
        recordedBy: 'test',
        at: at(),
      }),
      world.ops.settleReturnRefund({ returnNumber: r.number, key: 'race', at: at() }),
    ]),
  );
  const invoice = (await world.ops.loadOrderInvoice({ orderNumber: r.orderNumber }))!;
  expect(invoice.creditedCents).toBe(12_000);
  expect(invoice.paidCents + invoice.creditedCents).toBeLessThanOrEqual(invoice.totalCents);
  // Whichever went first, the cash kept is what the invoice says is paid.
  expect(moved['1000'] ?? 0).toBe(invoice.paidCents);
  expect([0, 12_000]).toContain(invoice.paidCents);
});
