// Steps of a customer return as its tests drive them through the API, and the shop side a repair
// needs: the repair bench and products with a repair bill of materials.
import type { Harness, UserKey } from '../support/harness';
import { repairBom as repairBomOf } from '../support/production-fixtures';
import { component, workCenter } from '../manufacturing/support';
import { deliveredDaysAgo, deliveredOrder, type OrderedLine } from './support';

export type Outcome = 'refund' | 'replacement' | 'repair';

/** A delivered order (see deliveredOrder) with its products, paid in full or delivered long ago if asked. */
export async function orderToReturn(h: Harness, lines: OrderedLine[], opts: { paid?: boolean; deliveredDaysAgo?: number } = {}) {
  const db = h.stores.operations;
  const order = await deliveredOrder(h, lines);
  if (opts.deliveredDaysAgo) await deliveredDaysAgo(h, order.number, opts.deliveredDaysAgo);
  if (opts.paid) {
    const invoice = await db.invoice.findUniqueOrThrow({ where: { number: order.invoiceNumber } });
    const paid = await h.post(`/api/orders/${order.number}/payments`, {
      reference: `${order.number}-PAY`,
      amount: invoice.totalCents / 100,
    });
    if (paid.status !== 201) throw new Error(`payment of ${order.number}: ${paid.status} ${JSON.stringify(paid.body)}`);
    await h.waitForStatus(order.number, 'paid');
  }
  const products = [];
  for (const sku of order.skus) products.push(await db.product.findUniqueOrThrow({ where: { sku } }));
  return { order: order.number, customer: order.customer, product: products[0], products };
}

export async function requestReturn(
  h: Harness,
  order: string,
  lines: { lineNo: number; quantity: number; outcome: Outcome }[],
  as: UserKey = 'operator',
): Promise<string> {
  const res = await h.post('/api/returns', { order, reason: 'Not what the customer expected', lines }, as);
  if (res.status !== 201) throw new Error(`return of ${order}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.number as string;
}

export const returnRecord = (h: Harness, number: string) =>
  h.stores.operations.customerReturn.findUniqueOrThrow({ where: { number }, include: { lines: { orderBy: { lineNo: 'asc' } } } });

export async function waitReturn(h: Harness, number: string, status: string, timeoutMs = 60_000) {
  return h.eventually(
    async () => {
      const r = await returnRecord(h, number);
      return r.status === status ? r : undefined;
    },
    `return ${number} to be ${status} (is ${(await returnRecord(h, number).catch(() => undefined))?.status})`,
    timeoutMs,
  );
}

export const receive = (h: Harness, number: string, reference: string, lines: { lineNo: number; quantity: number }[]) =>
  h.post(`/api/returns/${number}/receipts`, { reference, lines }, 'warehouse');

/** The open inspection task of one return line (each line has its own). */
export const inspectionTask = (h: Harness, number: string, lineNo: number) =>
  h.eventually(
    () => h.stores.operations.task.findFirst({ where: { id: `return-${number}:inspect:${lineNo}`, status: 'open' } }),
    `the inspection task of ${number} line ${lineNo}`,
  );

/** An inspector's finding, with a comment and a photo. */
export async function inspect(h: Harness, number: string, lineNo: number, decision: string, comment = 'checked') {
  const task = await inspectionTask(h, number, lineNo);
  const res = await h.post(
    `/api/tasks/${encodeURIComponent(task.id)}/decision`,
    { decision, comment, photoRef: `https://photos.example/${number}/${lineNo}.jpg` },
    'inspector',
  );
  if (res.status !== 200) throw new Error(`inspection of ${number}/${lineNo}: ${res.status} ${JSON.stringify(res.body)}`);
  return task;
}

/** Every event of a process's history (to see which children it started). */
export async function historyEvents(h: Harness, workflowId: string) {
  return (await h.env.client.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
}

/** The parent close policy of a child that outlives its parent, as the history records it. */
export const ABANDON = 2;

export const startedChildren = async (h: Harness, workflowId: string) =>
  (await historyEvents(h, workflowId))
    .map((e) => e.startChildWorkflowExecutionInitiatedEventAttributes)
    .filter((a) => a)
    .map((a) => ({ workflowId: a!.workflowId, type: a!.workflowType?.name, parentClosePolicy: a!.parentClosePolicy }));

/** The repair bench: one per test world, open around the clock, controlled at /machines/BENCH. */
export async function repairBench(h: Harness) {
  const existing = await h.stores.production.workCenter.findUnique({ where: { code: 'BENCH' } });
  return existing ?? workCenter(h, { code: 'BENCH', slots: 2, ratePerHour: 48, labourPerHour: 36 });
}

/**
 * A repair BoM for `sku`: the returned unit itself and one spare part per unit, mended in one step on
 * the bench. The spare part is `spare` if given, else a new one held on the shop floor (`spareInShop`,
 * default 20; 0 leaves it nowhere in stock and offered by no supplier).
 */
export async function repairBom(
  h: Harness,
  sku: string,
  opts: { spare?: { sku: string }; spareCost?: number; spareInShop?: number; minutesPerUnit?: number } = {},
) {
  const bench = await repairBench(h);
  const spare = opts.spare ?? (await component(h, { cost: opts.spareCost ?? 4, shop: opts.spareInShop ?? 20 }));
  await repairBomOf(h.stores.production, sku, [{ sku: spare.sku, quantity: 1 }], {
    workCenterId: bench.id,
    minutesPerUnit: opts.minutesPerUnit ?? 2,
  });
  return { spare, bench };
}
