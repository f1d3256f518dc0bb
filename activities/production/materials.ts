// Materials of a manufacturing order on the shop floor: what its BoM needs, holding it, using it up,
// and what comes out. Each step is idempotent under the key the process gives it.
import type { ProductionDb, ProductionTx } from '../../db/clients';
import { once } from '../../db/idempotency';
import { illegal, notFound } from '../../domain/errors';
import type { MaterialNeed, ReservationResult, SkuQuantity } from '../../workflows/manufacturing/types';
import { manufacturingOrderOf } from './orders';
import { addToShop, recordMove, removeFree, SHOP, takeFreeUpTo, unreserve } from './shop-stock';

/** One level of the order's own BoM for its quantity: whole batches, scrap on top, rounded up. */
async function needsOf(tx: ProductionDb | ProductionTx, moNumber: string): Promise<MaterialNeed[]> {
  const mo = await manufacturingOrderOf(tx, moNumber);
  const bom = await tx.bom.findUnique({ where: { id: mo.bomId }, include: { lines: true } });
  if (!bom) throw notFound(`BoM ${mo.bomId} of ${moNumber}`);
  const batches = Math.ceil(mo.quantity / bom.outputQty);
  const totals = new Map<string, number>();
  for (const line of bom.lines) {
    const gross = batches * line.quantity;
    totals.set(line.componentSku, (totals.get(line.componentSku) ?? 0) + Math.ceil((gross * (10_000 + line.scrapBp)) / 10_000));
  }
  const skus = [...totals.keys()];
  const made = new Set(
    (
      await tx.bom.findMany({ where: { productSku: { in: skus }, purpose: 'manufacture', active: true }, select: { productSku: true } })
    ).map((b) => b.productSku),
  );
  // The unit a repair mends is never made anew for it: one missing from the shop is brought from the warehouse.
  if (mo.purpose === 'repair') made.delete(mo.productSku);
  return skus.sort().map((sku) => ({ sku, quantity: totals.get(sku)!, manufactured: made.has(sku) }));
}

/** Active reservations of an order summed per SKU, sorted (the order's holdings right now). */
async function activeHoldings(tx: ProductionTx, moId: number) {
  const active = await tx.materialReservation.findMany({ where: { moId, status: 'active' } });
  const bySku = new Map<string, number>();
  for (const r of active) bySku.set(r.sku, (bySku.get(r.sku) ?? 0) + r.quantity);
  const lines: SkuQuantity[] = [...bySku.keys()].sort().map((sku) => ({ sku, quantity: bySku.get(sku)! }));
  return { ids: active.map((r) => r.id), lines };
}

/** Holds arrived units for the repair order that mends them, never more than its BoM still lacks of them. */
async function holdRepairUnits(tx: ProductionTx, mo: { id: number; number: string; productSku: string }, key: string, arrived: number) {
  const need = (await needsOf(tx, mo.number)).find((n) => n.sku === mo.productSku)?.quantity ?? 0;
  const covered = await tx.materialReservation.aggregate({
    where: { moId: mo.id, sku: mo.productSku, status: { in: ['active', 'consumed'] } },
    _sum: { quantity: true },
  });
  const wanted = Math.min(arrived, need - (covered._sum.quantity ?? 0));
  const got = wanted > 0 ? await takeFreeUpTo(tx, mo.productSku, wanted, 'reserve') : 0;
  if (got > 0)
    await tx.materialReservation.create({
      data: { key: `${key}:held`, moId: mo.id, sku: mo.productSku, location: SHOP, quantity: got, status: 'active' },
    });
}

export function createMaterialActivities(db: ProductionDb) {
  return {
    async materialNeeds(input: { moNumber: string }): Promise<MaterialNeed[]> {
      return needsOf(db, input.moNumber);
    },

    /**
     * Holds in the shop what each need still lacks (reservations active or already consumed count as
     * covered), so it can run again after every transfer, purchase or child order without double-holding.
     */
    async reserveMaterials(input: { moNumber: string; key: string }): Promise<ReservationResult> {
      return once(db, input.key, async (tx) => {
        const mo = await manufacturingOrderOf(tx, input.moNumber);
        const needs = await needsOf(tx, input.moNumber);
        const covered = await tx.materialReservation.groupBy({
          by: ['sku'],
          where: { moId: mo.id, status: { in: ['active', 'consumed'] } },
          _sum: { quantity: true },
        });
        const result: ReservationResult = { reserved: [], short: [] };
        for (const need of needs) {
          const wanted = need.quantity - (covered.find((c) => c.sku === need.sku)?._sum.quantity ?? 0);
          if (wanted <= 0) continue;
          const got = await takeFreeUpTo(tx, need.sku, wanted, 'reserve');
          if (got > 0) {
            await tx.materialReservation.create({
              data: { key: `${input.key}:${need.sku}`, moId: mo.id, sku: need.sku, location: SHOP, quantity: got, status: 'active' },
            });
            result.reserved.push({ sku: need.sku, quantity: got });
          }
          if (wanted > got) result.short.push({ ...need, quantity: wanted - got });
        }
        return result;
      });
    },

    /**
     * Materials sent over from an operations warehouse arrive in the shop. Units a repair order mends are held
     * for it on arrival (up to its quantity): they are that customer's goods, and no other order may take them
     * before the repair order's process reserves its materials.
     */
    async receiveTransfer(input: { key: string; moNumber: string; sku: string; quantity: number }): Promise<void> {
      await once(db, input.key, async (tx) => {
        const mo = await manufacturingOrderOf(tx, input.moNumber);
        await addToShop(tx, input.sku, input.quantity);
        await recordMove(tx, {
          key: input.key,
          sku: input.sku,
          quantity: input.quantity,
          reason: 'transfer_in',
          reference: input.moNumber,
        });
        if (mo.purpose === 'repair' && input.sku === mo.productSku) await holdRepairUnits(tx, mo, input.key, input.quantity);
        return null;
      });
    },

    /** The work is done: what the order held is used up and leaves the shop. */
    async consumeMaterials(input: { moNumber: string; key: string }): Promise<SkuQuantity[]> {
      return once(db, input.key, async (tx) => {
        const mo = await manufacturingOrderOf(tx, input.moNumber);
        const held = await activeHoldings(tx, mo.id);
        for (const l of held.lines) {
          await unreserve(tx, l.sku, l.quantity, true);
          await recordMove(tx, {
            key: `${input.key}:${l.sku}`,
            sku: l.sku,
            quantity: -l.quantity,
            reason: 'consumed',
            reference: mo.number,
          });
        }
        await tx.materialReservation.updateMany({ where: { id: { in: held.ids } }, data: { status: 'consumed' } });
        return held.lines;
      });
    },

    async produceOutput(input: { moNumber: string; key: string }): Promise<SkuQuantity> {
      return once(db, input.key, async (tx) => {
        const mo = await manufacturingOrderOf(tx, input.moNumber);
        await addToShop(tx, mo.productSku, mo.quantity);
        await recordMove(tx, { key: input.key, sku: mo.productSku, quantity: mo.quantity, reason: 'produced', reference: mo.number });
        return { sku: mo.productSku, quantity: mo.quantity };
      });
    },

    /** The finished goods leave the shop for the operations warehouse (an order, not a parent MO, asked for them). */
    async handOverOutput(input: { moNumber: string; key: string }): Promise<SkuQuantity> {
      return once(db, input.key, async (tx) => {
        const mo = await manufacturingOrderOf(tx, input.moNumber);
        if (!(await removeFree(tx, mo.productSku, mo.quantity)))
          throw illegal(`${mo.number}: ${mo.quantity} × ${mo.productSku} are not free in the shop to hand over`);
        await recordMove(tx, { key: input.key, sku: mo.productSku, quantity: -mo.quantity, reason: 'handover', reference: mo.number });
        return { sku: mo.productSku, quantity: mo.quantity };
      });
    },

    /** Cancellation: what the order held becomes free shop stock again. */
    async releaseMaterials(input: { moNumber: string; key: string }): Promise<SkuQuantity[]> {
      return once(db, input.key, async (tx) => {
        const mo = await manufacturingOrderOf(tx, input.moNumber);
        const held = await activeHoldings(tx, mo.id);
        for (const l of held.lines) await unreserve(tx, l.sku, l.quantity, false);
        await tx.materialReservation.updateMany({ where: { id: { in: held.ids } }, data: { status: 'released' } });
        return held.lines;
      });
    },

    /**
     * Cancellation: free shop stock goes back to the warehouse, up to what the order brought in. Only
     * what is free leaves (another order may hold the rest); the result is what operations must receive.
     */
    async sendBackMaterials(input: { moNumber: string; key: string; lines: SkuQuantity[] }): Promise<SkuQuantity[]> {
      return once(db, input.key, async (tx) => {
        await manufacturingOrderOf(tx, input.moNumber);
        const sent: SkuQuantity[] = [];
        for (const l of input.lines) {
          const took = l.quantity > 0 ? await takeFreeUpTo(tx, l.sku, l.quantity, 'remove') : 0;
          if (took === 0) continue;
          await recordMove(tx, {
            key: `${input.key}:${l.sku}`,
            sku: l.sku,
            quantity: -took,
            reason: 'transfer_out',
            reference: input.moNumber,
          });
          sent.push({ sku: l.sku, quantity: took });
        }
        return sent;
      });
    },

    /** Adds to the order's cost columns (the ledger postings themselves are made in operations). */
    async recordMoCosts(input: {
      moNumber: string;
      key: string;
      materialCents?: number;
      machineCents?: number;
      labourCents?: number;
      lossCents?: number;
    }): Promise<void> {
      await once(db, input.key, async (tx) => {
        const mo = await manufacturingOrderOf(tx, input.moNumber);
        await tx.manufacturingOrder.update({
          where: { id: mo.id },
          data: {
            materialCostCents: { increment: input.materialCents ?? 0 },
            machineCostCents: { increment: input.machineCents ?? 0 },
            labourCostCents: { increment: input.labourCents ?? 0 },
            lossCents: { increment: input.lossCents ?? 0 },
          },
        });
        return null;
      });
    },
  };
}
