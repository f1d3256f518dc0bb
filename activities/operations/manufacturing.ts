// The office side of manufacturing orders: materials move between a warehouse and the shop floor,
// shortages are bought through requisitions, and each production step is posted to the ledger.
import type { OperationsDb, OperationsTx } from '../../db/clients';
import { once } from '../../db/idempotency';
import { invalid, notFound } from '../../domain/errors';
import { recordRequisition } from '../../domain/procurement/create-requisition';
import { bookStockIn } from '../../domain/stock/stock-in';
import type { ProductionPosting, SkuQuantity } from '../../workflows/manufacturing/types';
import { ACCOUNTS, audit, postJournal } from './ledger';

/** Debit and credit account of each production posting: raw materials → WIP → finished goods → inventory. */
const POSTINGS: Record<ProductionPosting, { debit: string; credit: string; memo: string }> = {
  transfer_in: { debit: ACCOUNTS.rawMaterials, credit: ACCOUNTS.inventory, memo: 'Materials transferred to production' },
  transfer_back: { debit: ACCOUNTS.inventory, credit: ACCOUNTS.rawMaterials, memo: 'Unused materials returned from production' },
  consumption: { debit: ACCOUNTS.workInProgress, credit: ACCOUNTS.rawMaterials, memo: 'Materials consumed' },
  conversion: { debit: ACCOUNTS.workInProgress, credit: ACCOUNTS.appliedProductionCost, memo: 'Machine and labour time applied' },
  completion: { debit: ACCOUNTS.finishedGoods, credit: ACCOUNTS.workInProgress, memo: 'Output completed' },
  handover: { debit: ACCOUNTS.inventory, credit: ACCOUNTS.finishedGoods, memo: 'Output handed over to the warehouse' },
  loss: { debit: ACCOUNTS.productionLosses, credit: ACCOUNTS.workInProgress, memo: 'Cancelled production written off' },
};

// Purchases for a shortage are asked for two weeks out unless the process says otherwise.
const DEFAULT_LEAD_DAYS = 14;

async function warehouseByCode(tx: OperationsTx, code: string) {
  const warehouse = await tx.warehouse.findUnique({ where: { code } });
  if (!warehouse) throw notFound(`Warehouse ${code}`);
  return warehouse;
}

async function productBySku(tx: OperationsTx, sku: string) {
  const product = await tx.product.findUnique({ where: { sku } });
  if (!product) throw notFound(`Product ${sku}`);
  return product;
}

/** Takes up to `wanted` free units out of the warehouse; the conditional UPDATE decides, the read only sizes it. */
async function takeFreeUpTo(tx: OperationsTx, warehouseId: number, productId: number, wanted: number): Promise<number> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const level = await tx.stockLevel.findUnique({ where: { warehouseId_productId: { warehouseId, productId } } });
    const take = Math.min(wanted, Math.max(0, (level?.onHand ?? 0) - (level?.reserved ?? 0)));
    if (take <= 0 || !level) return 0;
    const changed =
      await tx.$executeRaw`UPDATE "StockLevel" SET "onHand" = "onHand" - ${take} WHERE "id" = ${level.id} AND "onHand" - "reserved" >= ${take}`;
    if (changed === 1) return take;
  }
  throw new Error('stock level kept changing while transferring to production; retrying the step');
}

export function createManufacturingActivities(db: OperationsDb) {
  return {
    /** Sends what the warehouse can spare (possibly nothing) to the shop floor for an order. */
    async transferToProduction(input: {
      key: string;
      moNumber: string;
      sku: string;
      quantity: number;
      warehouse?: string;
    }): Promise<{ transferred: number; unitCostCents: number }> {
      return once(db, input.key, async (tx) => {
        const warehouse = await warehouseByCode(tx, input.warehouse ?? 'MAIN');
        const product = await productBySku(tx, input.sku);
        const transferred = await takeFreeUpTo(tx, warehouse.id, product.id, input.quantity);
        if (transferred > 0) {
          await tx.stockMove.create({
            data: {
              key: input.key,
              warehouseId: warehouse.id,
              productId: product.id,
              quantity: -transferred,
              reason: 'to_production',
              reference: input.moNumber,
            },
          });
          await audit(tx, 'process', 'stock.to_production', 'ManufacturingOrder', input.moNumber, { sku: input.sku, transferred });
        }
        return { transferred, unitCostCents: product.standardCostCents };
      });
    },

    /**
     * Finished goods handed over, or unused materials returned, arrive in MAIN; `warehouse` names another
     * (a called-off repair's unrepaired units go back to RETURNS).
     */
    async receiveFromProduction(input: {
      key: string;
      moNumber: string;
      lines: SkuQuantity[];
      reason: 'handover' | 'returned';
      warehouse?: string;
    }): Promise<void> {
      await once(db, input.key, async (tx) => {
        const main = await warehouseByCode(tx, input.warehouse ?? 'MAIN');
        for (const [i, line] of input.lines.entries()) {
          if (line.quantity <= 0) continue;
          const product = await productBySku(tx, line.sku);
          await bookStockIn(tx, {
            key: `${input.key}:${i}`,
            warehouseId: main.id,
            productId: product.id,
            quantity: line.quantity,
            reason: 'from_production',
            reference: input.moNumber,
          });
        }
        await audit(tx, 'process', `stock.from_production.${input.reason}`, 'ManufacturingOrder', input.moNumber, { lines: input.lines });
        return null;
      });
    },

    async standardCosts(input: { skus: string[] }): Promise<Record<string, number>> {
      const products = await db.product.findMany({ where: { sku: { in: input.skus } }, select: { sku: true, standardCostCents: true } });
      return Object.fromEntries(products.map((p) => [p.sku, p.standardCostCents]));
    },

    /** A shortage neither the shop nor the warehouse can cover is bought through the ordinary requisition path. */
    async raiseMaterialRequisition(input: { key: string; moNumber: string; lines: SkuQuantity[]; neededBy?: string }): Promise<string> {
      return once(db, input.key, async (tx) => {
        const neededBy = input.neededBy ?? new Date(Date.now() + DEFAULT_LEAD_DAYS * 86_400_000).toISOString().slice(0, 10);
        const { number } = await recordRequisition(
          tx,
          {
            costCenter: 'PRODUCTION',
            source: 'make_to_order',
            sourceRef: input.moNumber,
            justification: `Materials short for manufacturing order ${input.moNumber}: ${input.lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ')}`,
            lines: input.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, neededBy })),
          },
          'production',
        );
        return number;
      });
    },

    /**
     * Lines of a sales order that need a manufacturing order: make-to-order products for the whole line,
     * other manufactured products for what free stock cannot cover of the line's open quantity (what it has
     * not yet reserved, shipped or cancelled). Free stock is shared out over the order's lines in turn.
     */
    async manufacturingNeeds(input: {
      orderNumber: string;
    }): Promise<{ lineNo: number; sku: string; quantity: number; dueDate: string }[]> {
      const order = await db.salesOrder.findUnique({
        where: { number: input.orderNumber },
        include: { lines: { orderBy: { lineNo: 'asc' } } },
      });
      if (!order) throw notFound(`Sales order ${input.orderNumber}`);
      const products = new Map(
        (await db.product.findMany({ where: { id: { in: order.lines.map((l) => l.productId) } } })).map((p) => [p.id, p]),
      );
      const levels = await db.stockLevel.findMany({
        where: { warehouseId: order.warehouseId, productId: { in: order.lines.map((l) => l.productId) } },
      });
      const free = new Map(levels.map((l) => [l.productId, Math.max(0, l.onHand - l.reserved)]));
      // Made for the customer's requested date: the manufacturing order shows when its plan runs later.
      const dueDate = order.requestedDate.toISOString().slice(0, 10);
      const needs: { lineNo: number; sku: string; quantity: number; dueDate: string }[] = [];
      for (const line of order.lines) {
        const product = products.get(line.productId)!;
        if (product.makeToOrder) {
          needs.push({ lineNo: line.lineNo, sku: product.sku, quantity: line.quantity, dueDate });
          continue;
        }
        if (product.kind !== 'manufactured') continue;
        const open = line.quantity - line.reservedQty - line.shippedQty - line.cancelledQty;
        const available = free.get(product.id) ?? 0;
        free.set(product.id, Math.max(0, available - open));
        if (open > available) needs.push({ lineNo: line.lineNo, sku: product.sku, quantity: open - available, dueDate });
      }
      return needs;
    },

    /** One balanced entry per production step; a zero amount posts nothing. */
    async postProductionCost(input: {
      key: string;
      moNumber: string;
      kind: ProductionPosting;
      amountCents: number;
      memo?: string;
    }): Promise<void> {
      if (input.amountCents < 0) throw invalid('amountCents', `must not be negative (got ${input.amountCents})`);
      if (input.amountCents === 0) return;
      const posting = POSTINGS[input.kind];
      if (!posting) throw invalid('kind', `unknown production posting ${input.kind}`);
      await once(db, input.key, async (tx) =>
        postJournal(tx, {
          key: input.key,
          memo: input.memo ?? `${posting.memo} (${input.moNumber})`,
          sourceType: 'ManufacturingOrder',
          sourceRef: input.moNumber,
          postedAt: new Date(),
          lines: [
            { account: posting.debit, debitCents: input.amountCents },
            { account: posting.credit, creditCents: input.amountCents },
          ],
        }),
      );
    },
  };
}
