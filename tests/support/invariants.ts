// Checked after every test: stock never negative or over-reserved, and every journal entry balances.
import type { OperationsDb, OperationsTx } from '../../db/clients';
import { snapshot } from './snapshot';

export async function assertInvariants(ops: OperationsDb): Promise<void> {
  await snapshot(ops, (db) => check(db));
}

async function check(db: OperationsTx): Promise<void> {
  const badStock = await db.stockLevel.findMany({ where: { OR: [{ onHand: { lt: 0 } }, { reserved: { lt: 0 } }] } });
  expect(badStock).toEqual([]);
  const levels = await db.stockLevel.findMany();
  expect(levels.filter((l) => l.reserved > l.onHand)).toEqual([]);
  const entries = await db.journalEntry.findMany({ include: { lines: true } });
  const unbalanced = entries.filter((e) => e.lines.reduce((s, l) => s + l.debitCents - l.creditCents, 0) !== 0);
  expect(unbalanced.map((e) => e.key)).toEqual([]);
  // Order reservations and the spare parts held for scheduled field visits (always from MAIN) add
  // up to what the stock levels say is reserved.
  const active = await db.reservation.findMany({ where: { status: 'active' } });
  const main = await db.warehouse.findUnique({ where: { code: 'MAIN' } });
  const visitParts = await db.fieldVisitPart.findMany({ where: { visit: { status: 'scheduled' } } });
  for (const level of levels) {
    const orders = active
      .filter((r) => r.productId === level.productId && r.warehouseId === level.warehouseId)
      .reduce((s, r) => s + r.quantity, 0);
    const visits =
      level.warehouseId === main?.id ? visitParts.filter((p) => p.productId === level.productId).reduce((s, p) => s + p.reservedQty, 0) : 0;
    const sum = orders + visits;
    expect({ productId: level.productId, reserved: level.reserved }).toEqual({ productId: level.productId, reserved: sum });
  }
}
