// Suppliers and products for procure-to-pay tests, wired to this harness's supplier simulator.
import type { Harness } from '../support/harness';
import { product, uniq } from '../support/fixtures';

export async function supplier(h: Harness, opts: { paymentTermDays?: number; discountPct?: number; discountDays?: number } = {}) {
  const code = uniq('S');
  return h.stores.operations.supplier.create({
    data: {
      code,
      name: `Supplier ${code}`,
      email: 'orders@supplier.example',
      apiUrl: `${h.simulator.url}/suppliers/${code}`,
      paymentTermDays: opts.paymentTermDays ?? 30,
      earlyPayDiscountBp: Math.round((opts.discountPct ?? 0) * 100),
      earlyPayDays: opts.discountDays ?? 0,
    },
  });
}

/** A product bought from `from` at `price` (preferred) and optionally also offered by `alsoFrom`. */
export async function boughtProduct(
  h: Harness,
  from: { id: number },
  price: number,
  opts: { alsoFrom?: { id: number; price: number }; taxPct?: number; moq?: number } = {},
) {
  const p = await product(h.stores.operations, { price: price * 2, stock: 0, taxPct: opts.taxPct ?? 0 });
  await h.stores.operations.supplierPrice.create({
    data: {
      supplierId: from.id,
      productId: p.id,
      priceCents: Math.round(price * 100),
      leadTimeDays: 5,
      minOrderQty: opts.moq ?? 1,
      preferred: true,
    },
  });
  if (opts.alsoFrom)
    await h.stores.operations.supplierPrice.create({
      data: {
        supplierId: opts.alsoFrom.id,
        productId: p.id,
        priceCents: Math.round(opts.alsoFrom.price * 100),
        leadTimeDays: 7,
        minOrderQty: 1,
      },
    });
  return p;
}

export const requisitionBody = (lines: { sku: string; quantity: number }[], neededBy = '2027-01-15') => ({
  costCenter: 'CC-100',
  justification: 'Replenish workshop stock',
  lines: lines.map((l) => ({ ...l, neededBy })),
});

export async function control(h: Harness, supplierCode: string, body: object) {
  const res = await fetch(`${h.simulator.url}/control/suppliers/${supplierCode}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.json() as Promise<{ calls: number }>;
}

export async function requisitionStatus(h: Harness, number: string) {
  return (await h.stores.operations.requisition.findUniqueOrThrow({ where: { number } })).status;
}

export async function waitRequisition(h: Harness, number: string, status: string) {
  await h.eventually(
    async () => (await requisitionStatus(h, number)) === status,
    `requisition ${number} to be ${status} (is ${await requisitionStatus(h, number)})`,
  );
}

export async function purchaseOrderOf(h: Harness, requisition: string) {
  return h.eventually(
    () => h.stores.operations.purchaseOrder.findFirst({ where: { requisition: { number: requisition } }, include: { lines: true } }),
    `a purchase order for ${requisition}`,
  );
}

export async function poState(h: Harness, po: string): Promise<string> {
  return (await h.get(`/api/purchase-orders/${po}`, 'buyer')).body.process.status;
}

export async function waitPo(h: Harness, po: string, status: string) {
  await h.eventually(async () => (await poState(h, po)) === status, `${po} to be ${status} (is ${await poState(h, po).catch(() => '?')})`);
}

export async function openTaskFor(h: Harness, document: string, kind: string) {
  return h.eventually(
    () => h.stores.operations.task.findFirst({ where: { documentRef: document, kind, status: 'open' } }),
    `an open ${kind} task on ${document}`,
  );
}
