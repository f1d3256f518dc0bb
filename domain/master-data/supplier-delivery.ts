// How reliably a supplier delivers: the share of its latest goods receipts that arrived on or
// before the date promised for their purchase order.
import type { OperationsDb } from '../../db/clients';

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * A receipt is on time when it arrives on the promised day or earlier; a purchase order the
 * supplier never confirmed a date for is held to the date it was requested for, as the
 * receiving process does when it chases late goods.
 */
export const onTime = (receivedAt: Date, promised: Date) => day(receivedAt) <= day(promised);

export async function deliveryRecord(db: OperationsDb, supplierId: number, latest: number) {
  const receipts = await db.goodsReceipt.findMany({
    where: { purchaseOrder: { supplierId } },
    orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
    take: latest,
    include: { purchaseOrder: { select: { number: true, promisedDate: true, requestedDate: true } } },
  });
  const late = receipts.filter((r) => !onTime(r.receivedAt, r.purchaseOrder.promisedDate ?? r.purchaseOrder.requestedDate));
  return {
    receipts: receipts.length,
    onTime: receipts.length - late.length,
    late: late.length,
    // No receipts yet: no rate, rather than a perfect or a failing one.
    onTimeRatePercent: receipts.length ? Math.round(((receipts.length - late.length) * 1000) / receipts.length) / 10 : null,
    lateReceipts: late.map((r) => ({
      purchaseOrder: r.purchaseOrder.number,
      reference: r.reference,
      promised: day(r.purchaseOrder.promisedDate ?? r.purchaseOrder.requestedDate),
      receivedAt: r.receivedAt.toISOString(),
    })),
  };
}
