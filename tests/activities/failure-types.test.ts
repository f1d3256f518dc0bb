// Which failures an activity reports as final: a broken database constraint or a missing record
// cannot be fixed by retrying, so they leave as non-retryable typed failures; a race that once()
// settles by itself (two attempts with one key) still ends in one effect. Real database, no worker.
import { ApplicationFailure } from '@temporalio/common';
import { recordRequisition } from '../../domain/procurement/create-requisition';
import { activityWorld } from '../support/activity-world';
import { product, uniq } from '../support/fixtures';

const world = activityWorld();

/** A planned (unsent) purchase order for 10 of a fresh product from a fresh supplier. */
async function plannedPo() {
  const db = world.stores.operations;
  const code = uniq('S');
  const s = await db.supplier.create({
    data: { code, name: code, email: 'o@s.example', apiUrl: 'http://127.0.0.1:9/suppliers', paymentTermDays: 30 },
  });
  const p = await product(db, { price: 20, stock: 0 });
  await db.supplierPrice.create({
    data: { supplierId: s.id, productId: p.id, priceCents: 1000, leadTimeDays: 5, minOrderQty: 1, preferred: true },
  });
  const { number } = await db.$transaction((tx) =>
    recordRequisition(
      tx,
      {
        costCenter: 'CC-1',
        justification: 'failure policy',
        lines: [{ sku: p.sku, quantity: 10, neededBy: '2027-01-15' }],
      },
      'tester',
    ),
  );
  const [plan] = await world.ops.planPurchaseOrders({ requisitionNumber: number });
  return plan.number;
}

async function failureOf(call: Promise<unknown>): Promise<ApplicationFailure> {
  const e = await call.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApplicationFailure);
  return e as ApplicationFailure;
}

test('a unique constraint violation leaves the activity as a non-retryable failure', async () => {
  const po = await plannedPo();
  await world.ops.registerSupplierInvoice({
    poNumber: po,
    supplierRef: 'REF-1',
    invoiceDate: '2026-11-25',
    lines: [{ lineNo: 1, quantity: 10, unitPriceCents: 1000 }],
    registeredBy: 'ap',
  });
  // A credit note under the number the supplier already gave an invoice breaks (supplier, reference).
  const failure = await failureOf(
    world.ops.registerSupplierCreditNote({
      poNumber: po,
      supplierRef: 'REF-1',
      amountCents: 100,
      registeredBy: 'ap',
      at: '2026-11-25T00:00:00Z',
    }),
  );
  expect(failure.nonRetryable).toBe(true);
  expect(failure.type).toBe('CONSTRAINT_VIOLATION');
  expect(failure.message).toMatch(/registerSupplierCreditNote: .*supplierRef/);
  expect(await world.stores.operations.supplierInvoice.count({ where: { purchaseOrder: { number: po } } })).toBe(1);
});

test('a missing record leaves the activity as a non-retryable failure', async () => {
  const failure = await failureOf(world.ops.sendPurchaseOrder({ poNumber: 'PO-99999999' }));
  expect(failure.nonRetryable).toBe(true);
  expect(failure.type).toBe('NOT_FOUND');
});

test('once() still settles its own race: parallel attempts with one key give one effect and the same answer', async () => {
  const po = await plannedPo();
  const results = await Promise.all(Array.from({ length: 6 }, () => world.ops.chaseSupplier({ poNumber: po, level: 1 })));
  expect(results).toHaveLength(6);
  expect(await world.stores.operations.auditLog.count({ where: { action: 'purchase-order.chased', entityRef: po } })).toBe(1);
});
