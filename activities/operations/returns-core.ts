// Reading a customer return inside a transaction: the record with its lines, and the lines as the
// return's process sees them.
import type { OperationsTx } from '../../db/clients';
import { illegal, notFound } from '../../domain/errors';
import { lineInfo } from '../../domain/returns/return-snapshot';
import type { ReturnDisposition, ReturnLineInfo } from '../../workflows/returns/types';

export async function returnByNumber(tx: OperationsTx, number: string) {
  const ret = await tx.customerReturn.findUnique({
    where: { number },
    include: { lines: { orderBy: { lineNo: 'asc' } }, customer: true },
  });
  if (!ret) throw notFound(`Return ${number}`);
  return ret;
}

export type ReturnRecord = Awaited<ReturnType<typeof returnByNumber>>;

export function returnLine(ret: ReturnRecord, lineNo: number) {
  const line = ret.lines.find((l) => l.lineNo === lineNo);
  if (!line) throw notFound(`Line ${lineNo} of return ${ret.number}`);
  return line;
}

/** Marks the line's goods as dealt with, once: a second disposition of the same goods is refused. */
export async function claimDisposition(tx: OperationsTx, ret: ReturnRecord, lineNo: number, disposition: ReturnDisposition) {
  const line = returnLine(ret, lineNo);
  if (line.receivedQty <= 0) throw illegal(`Nothing of line ${lineNo} of ${ret.number} was received`);
  const claimed = await tx.customerReturnLine.updateMany({ where: { id: line.id, disposition: null }, data: { disposition } });
  if (claimed.count !== 1) throw illegal(`Line ${lineNo} of ${ret.number} is already ${line.disposition ?? 'dealt with'}`);
  return line;
}

/** The lines as the process knows them (see lineInfo). */
export async function returnLineInfos(tx: OperationsTx, returnId: number): Promise<ReturnLineInfo[]> {
  const lines = await tx.customerReturnLine.findMany({ where: { returnId }, orderBy: { lineNo: 'asc' } });
  const orderLines = await tx.salesOrderLine.findMany({ where: { id: { in: lines.map((l) => l.orderLineId) } } });
  const products = await tx.product.findMany({ where: { id: { in: lines.map((l) => l.productId) } } });
  return lines.map((l) =>
    lineInfo(l, orderLines.find((o) => o.id === l.orderLineId)!.lineNo, products.find((p) => p.id === l.productId)!.sku),
  );
}
