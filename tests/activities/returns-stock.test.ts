// Returned goods in the warehouse, activities called directly: receipts valued back at standard cost,
// refused by field, never over what the return announced however many arrive at once; restock and
// scrap once per line.
import { activityWorld } from '../support/activity-world';
import { writtenOrder } from '../support/fixtures';
import { inspected, ledgerMovement, returnOf, returnsStockOf } from '../support/return-fixtures';

const world = activityWorld();
const at = () => new Date().toISOString();
const fieldsOf = (e: unknown) => ((e as { details?: { field: string }[][] }).details?.[0] ?? []).map((d) => d.field);

test('a receipt puts the goods into RETURNS at standard cost; the same reference again adds nothing', async () => {
  const db = world.stores.operations;
  const r = await returnOf(world, [
    { price: 100, delivered: 3, returned: 3 },
    { price: 40, delivered: 2, returned: 1 },
  ]);
  const receipt = {
    returnNumber: r.number,
    reference: 'PARCEL-1',
    lines: [
      { lineNo: 1, quantity: 2 },
      { lineNo: 2, quantity: 1 },
    ],
    receivedBy: 'warehouse',
    at: at(),
  };
  let result: Awaited<ReturnType<typeof world.ops.receiveReturnGoods>> | undefined;
  expect(await ledgerMovement(db, async () => (result = await world.ops.receiveReturnGoods(receipt)))).toEqual({
    '1300': 15_000,
    '5000': -15_000,
  });
  expect(result).toMatchObject({
    reference: 'PARCEL-1',
    duplicate: false,
    lines: [
      { lineNo: 1, receivedQty: 2 },
      { lineNo: 2, receivedQty: 1 },
    ],
  });
  expect(await returnsStockOf(db, r.products[0].id)).toBe(2);
  expect(await returnsStockOf(db, r.products[1].id)).toBe(1);
  expect(await db.customerReturn.findUniqueOrThrow({ where: { number: r.number } })).toMatchObject({ status: 'receiving' });
  expect(await db.auditLog.count({ where: { action: 'return.received', entityType: 'Return', entityRef: r.number } })).toBe(1);

  expect(await ledgerMovement(db, async () => (result = await world.ops.receiveReturnGoods(receipt)))).toEqual({});
  expect(result).toMatchObject({ duplicate: true, lines: [{ receivedQty: 2 }, { receivedQty: 1 }] });
  await expect(world.ops.receiveReturnGoods({ ...receipt, lines: [{ lineNo: 1, quantity: 1 }] })).rejects.toMatchObject({
    type: 'ILLEGAL_TRANSITION',
  });
  expect(await returnsStockOf(db, r.products[0].id)).toBe(2);
  expect(await db.returnReceipt.count({ where: { customerReturn: { number: r.number } } })).toBe(1);
});

test('a receipt naming an unknown line, a line twice or more than is still expected is refused by field, and writes nothing', async () => {
  const db = world.stores.operations;
  const r = await returnOf(world, [
    { price: 100, delivered: 3, returned: 2 },
    { price: 40, delivered: 2, returned: 2 },
  ]);
  const receive = (lines: { lineNo: number; quantity: number }[], reference = 'DN-1') =>
    world.ops.receiveReturnGoods({ returnNumber: r.number, reference, lines, receivedBy: 'warehouse', at: at() });
  await receive([{ lineNo: 2, quantity: 1 }], 'DN-0');
  const refusal = async (lines: { lineNo: number; quantity: number }[]) => {
    const e = await receive(lines).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toMatchObject({ type: 'INVALID_INPUT', nonRetryable: true });
    return fieldsOf(e);
  };
  expect(
    await refusal([
      { lineNo: 1, quantity: 1 },
      { lineNo: 7, quantity: 1 },
    ]),
  ).toEqual(['lines.1.lineNo']);
  expect(
    await refusal([
      { lineNo: 1, quantity: 1 },
      { lineNo: 1, quantity: 1 },
    ]),
  ).toEqual(['lines.1.lineNo']);
  expect(await refusal([{ lineNo: 1, quantity: 3 }])).toEqual(['lines.0.quantity']);
  expect(
    await refusal([
      { lineNo: 1, quantity: 1 },
      { lineNo: 2, quantity: 2 },
    ]),
  ).toEqual(['lines.1.quantity']);
  expect(await refusal([{ lineNo: 1, quantity: 0 }])).toEqual(['lines.0.quantity']);
  expect(await returnsStockOf(db, r.products[0].id)).toBe(0);
  expect(await db.returnReceipt.count({ where: { customerReturn: { number: r.number } } })).toBe(1);
  // The refused reference is still free for the corrected receipt.
  expect(await receive([{ lineNo: 1, quantity: 2 }])).toMatchObject({ duplicate: false });
});

test('a return that no longer expects goods refuses them', async () => {
  const r = await returnOf(world, [{ price: 100, delivered: 1, returned: 1 }], { status: 'cancelled' });
  await expect(
    world.ops.receiveReturnGoods({
      returnNumber: r.number,
      reference: 'LATE',
      lines: [{ lineNo: 1, quantity: 1 }],
      receivedBy: 'warehouse',
      at: at(),
    }),
  ).rejects.toMatchObject({ type: 'ILLEGAL_TRANSITION' });
});

test('receipts arriving at once never take in more than the return announced', async () => {
  const db = world.stores.operations;
  const r = await returnOf(world, [{ price: 100, delivered: 5, returned: 5 }]);
  const receive = (reference: string, quantity: number) =>
    world.ops.receiveReturnGoods({
      returnNumber: r.number,
      reference,
      lines: [{ lineNo: 1, quantity }],
      receivedBy: 'warehouse',
      at: at(),
    });
  const moved = await ledgerMovement(db, async () => {
    const results = await Promise.allSettled([
      ...Array.from({ length: 6 }, (_, i) => receive(`BOX-${i}`, 1)),
      receive('PALLET', 2),
      receive('PALLET', 2),
      receive('PALLET', 2),
    ]);
    const refused = results.filter((x) => x.status === 'rejected').map((x) => (x as PromiseRejectedResult).reason);
    expect(refused.every((e) => (e as { type?: string }).type === 'INVALID_INPUT' && fieldsOf(e)[0] === 'lines.0.quantity')).toBe(true);
    const kept = results.filter((x) => x.status === 'fulfilled').map((x) => x.value);
    // A twin of a receipt that was booked is a duplicate, never a second booking.
    const pallets = kept.filter((x) => x.reference === 'PALLET');
    expect(pallets.filter((x) => !x.duplicate).length).toBeLessThanOrEqual(1);
  });
  const line = await db.customerReturnLine.findFirstOrThrow({ where: { customerReturn: { number: r.number } } });
  const receipts = await db.returnReceipt.findMany({ where: { returnId: line.returnId } });
  const booked = receipts.reduce((s, x) => s + (JSON.parse(x.lines) as { quantity: number }[])[0].quantity, 0);
  expect(line.receivedQty).toBe(booked);
  // Single units are refused only once the line is full, so whatever the order the line ends full, never over.
  expect(line.receivedQty).toBe(5);
  expect(await returnsStockOf(db, r.products[0].id)).toBe(line.receivedQty);
  expect(moved).toEqual({ '1300': line.receivedQty * 5000, '5000': -line.receivedQty * 5000 });
});

test('restocking moves the received units from RETURNS to MAIN once and names the orders waiting for them', async () => {
  const db = world.stores.operations;
  const r = await returnOf(world, [{ price: 100, delivered: 3, returned: 3 }]);
  await world.ops.receiveReturnGoods({
    returnNumber: r.number,
    reference: 'R1',
    lines: [{ lineNo: 1, quantity: 2 }],
    receivedBy: 'warehouse',
    at: at(),
  });
  await inspected(db, r.number, 1, 'resellable');
  // Another order of the same customer waits for the product in MAIN.
  const waiting = await writtenOrder(db, {
    number: `${r.orderNumber}-B`,
    customerId: r.customer.id,
    status: 'backordered',
    lines: [{ productId: r.products[0].id, quantity: 1, backordered: 1 }],
  });
  await db.backorder.create({
    data: { orderLineId: waiting.lines[0].id, productId: r.products[0].id, warehouseId: waiting.warehouseId, quantity: 1, status: 'open' },
  });
  const step = { returnNumber: r.number, lineNo: 1, key: `return-${r.number}:restock:1`, at: at() };
  let result: { notifiedOrders: string[] } | undefined;
  expect(await ledgerMovement(db, async () => (result = await world.ops.restockReturnLine(step)))).toEqual({});
  expect(result).toEqual({ notifiedOrders: [waiting.number] });
  expect(await world.ops.restockReturnLine(step)).toEqual({ notifiedOrders: [waiting.number] });
  expect(await returnsStockOf(db, r.products[0].id)).toBe(0);
  expect(await returnsStockOf(db, r.products[0].id, 'MAIN')).toBe(2);
  expect(await db.customerReturnLine.findFirstOrThrow({ where: { customerReturn: { number: r.number } } })).toMatchObject({
    disposition: 'restocked',
  });
  await expect(world.ops.restockReturnLine({ ...step, key: 'another' })).rejects.toMatchObject({ type: 'ILLEGAL_TRANSITION' });
  await expect(world.ops.scrapReturnLine({ ...step, key: 'scrap-too' })).rejects.toMatchObject({ type: 'ILLEGAL_TRANSITION' });
  expect(await returnsStockOf(db, r.products[0].id, 'MAIN')).toBe(2);
});

test('scrapping takes the received units out of RETURNS and writes their standard cost off, once', async () => {
  const db = world.stores.operations;
  const r = await returnOf(world, [{ price: 100, delivered: 4, returned: 3 }]);
  await world.ops.receiveReturnGoods({
    returnNumber: r.number,
    reference: 'R1',
    lines: [{ lineNo: 1, quantity: 3 }],
    receivedBy: 'warehouse',
    at: at(),
  });
  await inspected(db, r.number, 1, 'damaged');
  const step = { returnNumber: r.number, lineNo: 1, key: `return-${r.number}:scrap:1`, at: at() };
  expect(await ledgerMovement(db, async () => expect(await world.ops.scrapReturnLine(step)).toEqual({ writtenOffCents: 15_000 }))).toEqual({
    '6970': 15_000,
    '1300': -15_000,
  });
  expect(await ledgerMovement(db, async () => expect(await world.ops.scrapReturnLine(step)).toEqual({ writtenOffCents: 15_000 }))).toEqual(
    {},
  );
  expect(await returnsStockOf(db, r.products[0].id)).toBe(0);
  const moves = await db.stockMove.findMany({ where: { reference: r.number }, orderBy: { id: 'asc' } });
  expect(moves.map((m) => [m.reason, m.quantity])).toEqual([
    ['customer_return', 3],
    ['scrapped', -3],
  ]);
  expect(await db.customerReturnLine.findFirstOrThrow({ where: { customerReturn: { number: r.number } } })).toMatchObject({
    disposition: 'scrapped',
  });
});

test('a line with nothing received is neither restocked nor scrapped', async () => {
  const r = await returnOf(world, [{ price: 100, delivered: 1, returned: 1 }]);
  await expect(world.ops.scrapReturnLine({ returnNumber: r.number, lineNo: 1, key: 'k1', at: at() })).rejects.toMatchObject({
    type: 'ILLEGAL_TRANSITION',
  });
  await expect(world.ops.restockReturnLine({ returnNumber: r.number, lineNo: 2, key: 'k2', at: at() })).rejects.toMatchObject({
    type: 'NOT_FOUND',
  });
});
