// Reference data every installation needs (chart of accounts, the main warehouse and the
// inspection hold, the house carrier). Idempotent: safe to run on every start.
import type { OperationsDb } from './clients';
import { seedServiceReferenceData } from './service-reference-data';

export const CHART_OF_ACCOUNTS = [
  { code: '1000', name: 'Cash at bank', type: 'asset' },
  { code: '1100', name: 'Accounts receivable', type: 'asset' },
  { code: '1300', name: 'Inventory', type: 'asset' },
  { code: '1310', name: 'Raw materials in production', type: 'asset' },
  { code: '1320', name: 'Work in progress', type: 'asset' },
  { code: '1330', name: 'Finished goods in production', type: 'asset' },
  { code: '2000', name: 'Accounts payable', type: 'liability' },
  { code: '2100', name: 'Sales tax payable', type: 'liability' },
  { code: '2200', name: 'Goods received not invoiced', type: 'liability' },
  { code: '4000', name: 'Sales revenue', type: 'revenue' },
  { code: '4900', name: 'Purchase discounts', type: 'revenue' },
  { code: '5000', name: 'Cost of goods sold', type: 'expense' },
  { code: '5100', name: 'Applied production cost', type: 'expense' },
  { code: '6900', name: 'Bad debt expense', type: 'expense' },
  { code: '6950', name: 'Production losses', type: 'expense' },
  { code: '6960', name: 'Maintenance', type: 'expense' },
  { code: '6970', name: 'Returns written off', type: 'expense' },
];

/**
 * Purchased goods of products inspected on receipt wait here until an inspector passes them; stock
 * in it is never sold, reserved or transferred to production.
 */
export const QUALITY_HOLD_WAREHOUSE = 'QC';

/**
 * Customer returns arrive here and wait for inspection; like the inspection hold, stock in it is never
 * sold or reserved. Inspected goods move on: to MAIN (resellable), to the shop (repair) or out (scrap).
 */
export const RETURNS_WAREHOUSE = 'RETURNS';

/** Return windows, restocking fees and approvers per product category; "general" covers every other category. */
export const RETURN_POLICIES = [
  { category: 'general', windowDays: 30, restockingFeeBp: 1000, approverRole: 'manager' },
  { category: 'made-to-order', windowDays: 14, restockingFeeBp: 1500, approverRole: 'manager' },
];

export async function seedReferenceData(db: OperationsDb, opts: { carrierUrl: string }): Promise<void> {
  for (const a of CHART_OF_ACCOUNTS) await db.account.upsert({ where: { code: a.code }, create: a, update: {} });
  await db.warehouse.upsert({ where: { code: 'MAIN' }, create: { code: 'MAIN', name: 'Main warehouse' }, update: {} });
  await db.warehouse.upsert({
    where: { code: QUALITY_HOLD_WAREHOUSE },
    create: { code: QUALITY_HOLD_WAREHOUSE, name: 'Incoming inspection hold' },
    update: {},
  });
  await db.warehouse.upsert({
    where: { code: RETURNS_WAREHOUSE },
    create: { code: RETURNS_WAREHOUSE, name: 'Customer returns' },
    update: {},
  });
  for (const p of RETURN_POLICIES) await db.returnPolicy.upsert({ where: { category: p.category }, create: p, update: {} });
  await db.carrier.upsert({
    where: { code: 'SWIFT' },
    create: { code: 'SWIFT', name: 'Swift Parcel', apiUrl: opts.carrierUrl },
    update: { apiUrl: opts.carrierUrl },
  });
  await seedServiceReferenceData(db);
}
