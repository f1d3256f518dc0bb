// Returned goods in the warehouse: received into RETURNS and valued back into inventory at standard
// cost, then either restocked into MAIN or scrapped and written off. Every quantity moves by a
// conditional update, so parallel receipts can never take in more than the return announced.
import type { OperationsDb, OperationsTx } from '../../db/clients';
import { isUniqueViolation, once } from '../../db/idempotency';
import { RETURNS_WAREHOUSE } from '../../db/reference-data';
import { AppError, AppErrorCode, illegal, type FieldIssue } from '../../domain/errors';
import { ordersWaitingFor } from '../../domain/stock/receive-stock';
import { bookStockIn } from '../../domain/stock/stock-in';
import type { ReturnReceiptRequest, ReturnReceiptResult } from '../../workflows/returns/types';
import { ACCOUNTS, audit, postJournal } from './ledger';
import { claimDisposition, returnByNumber, returnLineInfos, type ReturnRecord } from './returns-core';

/** Goods are taken in only while the return expects them. */
const RECEIVING = ['authorized', 'receiving'];

type ReceiptInput = ReturnReceiptRequest & { returnNumber: string; at: string };

const refused = (issues: FieldIssue[]) =>
  new AppError(AppErrorCode.INVALID_INPUT, {
    message: `Invalid return receipt: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
    details: issues,
  });

/** Each line must name a line of the return, once, with a quantity the return still expects (as last read). */
function check(ret: ReturnRecord, lines: ReceiptInput['lines']): FieldIssue[] {
  const issues: FieldIssue[] = [];
  lines.forEach((l, i) => {
    const line = ret.lines.find((x) => x.lineNo === l.lineNo);
    if (!line) issues.push({ field: `lines.${i}.lineNo`, message: `${ret.number} has no line ${l.lineNo}` });
    else if (lines.findIndex((x) => x.lineNo === l.lineNo) !== i)
      issues.push({ field: `lines.${i}.lineNo`, message: `line ${l.lineNo} is listed more than once` });
    else if (!Number.isInteger(l.quantity) || l.quantity < 1)
      issues.push({ field: `lines.${i}.quantity`, message: 'must be a whole number of at least 1' });
    else if (l.quantity > line.quantity - line.receivedQty)
      issues.push({
        field: `lines.${i}.quantity`,
        message: `only ${line.quantity - line.receivedQty} of line ${l.lineNo} are still expected`,
      });
  });
  return issues;
}

async function receive(tx: OperationsTx, input: ReceiptInput): Promise<ReturnReceiptResult> {
  const ret = await returnByNumber(tx, input.returnNumber);
  const asReceived = JSON.stringify(input.lines.map((l) => ({ lineNo: l.lineNo, quantity: l.quantity })));
  const earlier = await tx.returnReceipt.findUnique({ where: { returnId_reference: { returnId: ret.id, reference: input.reference } } });
  if (earlier) {
    if (earlier.lines !== asReceived) throw illegal(`Receipt ${input.reference} of ${ret.number} was already booked with different lines`);
    return { reference: input.reference, duplicate: true, lines: await returnLineInfos(tx, ret.id) };
  }
  if (!RECEIVING.includes(ret.status)) throw illegal(`Return ${ret.number} is ${ret.status}; it takes no goods`);
  const issues = check(ret, input.lines);
  if (issues.length) throw refused(issues);

  await tx.returnReceipt.create({
    data: { returnId: ret.id, reference: input.reference, lines: asReceived, receivedBy: input.receivedBy, receivedAt: new Date(input.at) },
  });
  // Lines are taken in line order and stock in product order, so two receipts never wait on each other's rows crosswise.
  const taken = input.lines.map((l, i) => ({ ...l, i, line: ret.lines.find((x) => x.lineNo === l.lineNo)! }));
  for (const t of [...taken].sort((a, b) => a.lineNo - b.lineNo)) {
    const fits =
      await tx.$executeRaw`UPDATE "CustomerReturnLine" SET "receivedQty" = "receivedQty" + ${t.quantity} WHERE "id" = ${t.line.id} AND "receivedQty" + ${t.quantity} <= "quantity"`;
    if (fits !== 1) {
      const now = await tx.customerReturnLine.findUniqueOrThrow({ where: { id: t.line.id } });
      throw refused([
        { field: `lines.${t.i}.quantity`, message: `only ${now.quantity - now.receivedQty} of line ${t.lineNo} are still expected` },
      ]);
    }
  }
  const returns = await tx.warehouse.findUniqueOrThrow({ where: { code: RETURNS_WAREHOUSE } });
  const products = await tx.product.findMany({ where: { id: { in: taken.map((t) => t.line.productId) } } });
  let valueCents = 0;
  for (const t of [...taken].sort((a, b) => a.line.productId - b.line.productId || a.lineNo - b.lineNo)) {
    await bookStockIn(tx, {
      key: `return:${ret.number}:${input.reference}:${t.lineNo}`,
      warehouseId: returns.id,
      productId: t.line.productId,
      quantity: t.quantity,
      reason: 'customer_return',
      reference: ret.number,
    });
    valueCents += t.quantity * products.find((p) => p.id === t.line.productId)!.standardCostCents;
  }
  // The goods were expensed when sold; back on the shelf they are inventory again at standard cost.
  await postJournal(tx, {
    key: `return:${ret.number}:receipt:${input.reference}`,
    memo: `Goods of ${ret.number} received (${input.reference})`,
    sourceType: 'Return',
    sourceRef: ret.number,
    postedAt: new Date(input.at),
    lines: [
      { account: ACCOUNTS.inventory, debitCents: valueCents },
      { account: ACCOUNTS.costOfGoodsSold, creditCents: valueCents },
    ],
  });
  await tx.customerReturn.updateMany({ where: { id: ret.id, status: 'authorized' }, data: { status: 'receiving' } });
  await audit(tx, input.receivedBy, 'return.received', 'Return', ret.number, {
    reference: input.reference,
    lines: input.lines,
    valueCents,
  });
  return { reference: input.reference, duplicate: false, lines: await returnLineInfos(tx, ret.id) };
}

/** Takes the line's received units out of RETURNS, refusing to go below what is there. */
async function takeFromReturns(tx: OperationsTx, ret: ReturnRecord, line: ReturnRecord['lines'][number], key: string, reason: string) {
  const returns = await tx.warehouse.findUniqueOrThrow({ where: { code: RETURNS_WAREHOUSE } });
  const quantity = line.receivedQty;
  const out =
    await tx.$executeRaw`UPDATE "StockLevel" SET "onHand" = "onHand" - ${quantity} WHERE "warehouseId" = ${returns.id} AND "productId" = ${line.productId} AND "onHand" - "reserved" >= ${quantity}`;
  if (out !== 1) throw illegal(`The returns warehouse holds fewer than the ${quantity} units of line ${line.lineNo} of ${ret.number}`);
  await tx.stockMove.create({
    data: { key, warehouseId: returns.id, productId: line.productId, quantity: -quantity, reason, reference: ret.number },
  });
  return quantity;
}

export function createReturnStockActivities(db: OperationsDb) {
  return {
    /**
     * Books an arrival of returned goods. The same reference again with the same lines is a duplicate
     * and adds nothing; with other lines it is refused.
     */
    async receiveReturnGoods(input: ReceiptInput): Promise<ReturnReceiptResult> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.$transaction((tx) => receive(tx, input));
        } catch (e) {
          // A twin receipt with this reference committed first (the next attempt answers it as a duplicate),
          // or another receipt created the RETURNS stock row of a product first (the next attempt adds to it).
          if (!isUniqueViolation(e) || attempt === 3) throw e;
        }
      }
    },

    /** Resellable goods go back on sale: RETURNS → MAIN, and the orders waiting for the product are named. */
    async restockReturnLine(input: {
      returnNumber: string;
      lineNo: number;
      key: string;
      at: string;
    }): Promise<{ notifiedOrders: string[] }> {
      const productId = await once(db, input.key, async (tx) => {
        const ret = await returnByNumber(tx, input.returnNumber);
        const line = await claimDisposition(tx, ret, input.lineNo, 'restocked');
        const quantity = await takeFromReturns(tx, ret, line, `${input.key}:out`, 'restocked');
        const main = await tx.warehouse.findUniqueOrThrow({ where: { code: 'MAIN' } });
        await bookStockIn(tx, {
          key: `${input.key}:in`,
          warehouseId: main.id,
          productId: line.productId,
          quantity,
          reason: 'restocked',
          reference: ret.number,
        });
        await audit(tx, 'process', 'return.restocked', 'Return', ret.number, { lineNo: input.lineNo, quantity });
        return line.productId;
      });
      const main = await db.warehouse.findUniqueOrThrow({ where: { code: 'MAIN' } });
      return { notifiedOrders: await ordersWaitingFor(db, main.id, [productId]) };
    },

    /** Damaged goods leave RETURNS and their standard cost is written off. */
    async scrapReturnLine(input: { returnNumber: string; lineNo: number; key: string; at: string }): Promise<{ writtenOffCents: number }> {
      return once(db, input.key, async (tx) => {
        const ret = await returnByNumber(tx, input.returnNumber);
        const line = await claimDisposition(tx, ret, input.lineNo, 'scrapped');
        const quantity = await takeFromReturns(tx, ret, line, `${input.key}:out`, 'scrapped');
        const product = await tx.product.findUniqueOrThrow({ where: { id: line.productId } });
        const writtenOffCents = quantity * product.standardCostCents;
        await postJournal(tx, {
          key: `return:${ret.number}:scrap:${line.lineNo}`,
          memo: `Damaged goods of ${ret.number} line ${line.lineNo} scrapped`,
          sourceType: 'Return',
          sourceRef: ret.number,
          postedAt: new Date(input.at),
          lines: [
            { account: ACCOUNTS.returnsWrittenOff, debitCents: writtenOffCents },
            { account: ACCOUNTS.inventory, creditCents: writtenOffCents },
          ],
        });
        await audit(tx, 'process', 'return.scrapped', 'Return', ret.number, { lineNo: line.lineNo, quantity, writtenOffCents });
        return { writtenOffCents };
      });
    },
  };
}
