// Creating and changing products. The API speaks amounts and percentages; the record keeps cents
// and basis points, so every figure the ledger derives from it stays exact.
import type { OperationsDb, OperationsTx } from '../../db/clients';
import type { Product } from '../../generated/operations/sqlite/client';
import { invalid, illegal, notFound } from '../errors';
import { fromCents, toCents } from '../money';
import { audit } from '../../activities/operations/ledger';
import { changesOf, createOnce } from './records';

export interface ProductFields {
  name: string;
  uom: string;
  kind: string;
  listPrice: number;
  standardCost: number;
  taxRate: number;
  reorderPoint: number;
  makeToOrder: boolean;
  inspectOnReceipt: boolean;
  category: string;
  active: boolean;
}

/** The category that covers products without a return policy of their own. */
const DEFAULT_CATEGORY = 'general';

export const productFieldsOf = (p: Product): ProductFields & { sku: string } => ({
  sku: p.sku,
  name: p.name,
  uom: p.uom,
  kind: p.kind,
  listPrice: fromCents(p.listPriceCents),
  standardCost: fromCents(p.standardCostCents),
  taxRate: p.taxRateBp / 100,
  reorderPoint: p.reorderPoint,
  makeToOrder: p.makeToOrder,
  inspectOnReceipt: p.inspectOnReceipt,
  category: p.category,
  active: p.active,
});

function recordOf(f: Partial<ProductFields>) {
  return {
    name: f.name,
    uom: f.uom,
    kind: f.kind,
    listPriceCents: f.listPrice === undefined ? undefined : toCents(f.listPrice),
    standardCostCents: f.standardCost === undefined ? undefined : toCents(f.standardCost),
    taxRateBp: f.taxRate === undefined ? undefined : toCents(f.taxRate),
    reorderPoint: f.reorderPoint,
    makeToOrder: f.makeToOrder,
    inspectOnReceipt: f.inspectOnReceipt,
    category: f.category,
    active: f.active,
  };
}

// Returns decide window, fee and approver by category, so a product may only name one that has a policy.
async function checkCategory(tx: OperationsTx, category: string | undefined) {
  if (category === undefined || category === DEFAULT_CATEGORY) return;
  if (await tx.returnPolicy.findUnique({ where: { category } })) return;
  const known = (await tx.returnPolicy.findMany({ select: { category: true }, orderBy: { category: 'asc' } })).map((p) => p.category);
  throw invalid('category', `no return policy for "${category}"; use one of ${[...new Set([DEFAULT_CATEGORY, ...known])].join(', ')}`);
}

export async function createProduct(db: OperationsDb, input: ProductFields & { sku: string }, actor: string) {
  return createOnce(`Product ${input.sku}`, () =>
    db.$transaction(async (tx) => {
      if (await tx.product.findUnique({ where: { sku: input.sku } })) throw illegal(`Product ${input.sku} already exists`);
      await checkCategory(tx, input.category);
      const { name, uom, kind, listPriceCents, standardCostCents, taxRateBp, ...rest } = recordOf(input);
      const p = await tx.product.create({
        data: {
          sku: input.sku,
          name: name!,
          uom,
          kind: kind!,
          listPriceCents: listPriceCents!,
          standardCostCents: standardCostCents!,
          taxRateBp,
          ...rest,
        },
      });
      const fields = productFieldsOf(p);
      await audit(tx, actor, 'product.created', 'Product', p.sku, fields);
      return fields;
    }),
  );
}

export async function updateProduct(db: OperationsDb, sku: string, input: Partial<ProductFields>, actor: string) {
  return db.$transaction(async (tx) => {
    const before = await tx.product.findUnique({ where: { sku } });
    if (!before) throw notFound(`Product ${sku}`);
    await checkCategory(tx, input.category);
    const changes = changesOf(productFieldsOf(before), input);
    if (!Object.keys(changes).length) return productFieldsOf(before);
    const after = await tx.product.update({ where: { id: before.id }, data: recordOf(input) });
    await audit(tx, actor, 'product.updated', 'Product', sku, { changes });
    return productFieldsOf(after);
  });
}
