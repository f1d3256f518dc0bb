// Approval policy by amount, with segregation of duties, reminders and escalation (time-skipping
// server: approval deadlines are a day long).
import { startHarness, type Harness } from '../support/harness';
import { assertInvariants } from '../support/invariants';
import { boughtProduct, openTaskFor, purchaseOrderOf, requisitionBody, supplier, waitPo, waitRequisition } from './support';

const HOUR = 3_600_000;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timeSkipping: true, policies: { procurement: { supplierRetryInitialMs: 100 } } });
});
afterAll(async () => h?.close());
afterEach(async () => assertInvariants(h.stores.operations));

async function submit(amount: number, as: 'requester' | 'requester2' = 'requester') {
  const s = await supplier(h);
  const p = await boughtProduct(h, s, amount);
  const res = await h.post('/api/requisitions', requisitionBody([{ sku: p.sku, quantity: 1 }]), as);
  expect(res.status).toBe(201);
  return { number: res.body.number as string, supplier: s };
}

test('up to the automatic limit nobody approves: the PO goes straight to the supplier', async () => {
  const { number, supplier: s } = await submit(900);
  await waitRequisition(h, number, 'ordering');
  const po = await purchaseOrderOf(h, number);
  await waitPo(h, po.number, 'awaiting_goods');
  const atSupplier = (await (await fetch(`${h.simulator.url}/suppliers/${s.code}/orders`)).json()) as {
    poNumber: string;
    status?: string;
  }[];
  expect(atSupplier.map((o) => o.poNumber)).toEqual([po.number]);
  expect(await h.stores.operations.approval.count({ where: { requisition: { number } } })).toBe(0);
});

test("above it the requester's manager approves; nobody approves their own requisition", async () => {
  const { number } = await submit(5000, 'requester2');
  const task = await openTaskFor(h, number, 'requisition-approval');
  expect(task.role).toBe('approver');
  const own = await h.decide(task.id, 'approve', 'requester2');
  expect(own.status).toBe(403);
  expect(own.body.error.message).toMatch(/Rudi Requester requested this and cannot approve it/);
  expect((await h.stores.operations.task.findUniqueOrThrow({ where: { id: task.id } })).status).toBe('open');
  expect(await h.stores.operations.approval.count({ where: { requisition: { number } } })).toBe(0);
  expect((await h.decide(task.id, 'approve', 'approver', 'needed for Q1')).status).toBe(200);
  await waitRequisition(h, number, 'ordering');
  const view = await h.get(`/api/requisitions/${number}`, 'requester2');
  expect(view.body.approvals).toEqual([
    expect.objectContaining({ level: 1, decision: 'approve', decidedBy: 'Adam Approver', comment: 'needed for Q1' }),
  ]);
});

test('above the finance limit finance approves too, and not the same person twice', async () => {
  const { number } = await submit(20000);
  const first = await openTaskFor(h, number, 'requisition-approval');
  expect((await h.decide(first.id, 'approve', 'finance')).status).toBe(200);
  const second = await h.eventually(
    () =>
      h.stores.operations.task.findFirst({ where: { documentRef: number, kind: 'requisition-approval', status: 'open', role: 'manager' } }),
    'finance task',
  );
  const twice = await h.decide(second.id, 'approve', 'finance');
  expect(twice.status).toBe(403);
  expect(twice.body.error.message).toMatch(/already approved this requisition/);
  expect((await h.decide(second.id, 'approve', 'manager')).status).toBe(200);
  await waitRequisition(h, number, 'ordering');
  const approvals = await h.stores.operations.approval.findMany({ where: { requisition: { number } }, orderBy: { level: 'asc' } });
  expect(approvals.map((a) => [a.level, a.decidedBy])).toEqual([
    [1, 'Fiona Finance'],
    [2, 'Mona Manager'],
  ]);
});

test('a rejection ends the process with the reason', async () => {
  const { number } = await submit(3000);
  const task = await openTaskFor(h, number, 'requisition-approval');
  expect((await h.decide(task.id, 'reject', 'approver', 'use existing stock')).status).toBe(200);
  await waitRequisition(h, number, 'rejected');
  const r = await h.stores.operations.requisition.findUniqueOrThrow({ where: { number } });
  expect(r.cancelReason).toBe('rejected by Adam Approver: use existing stock');
  expect(await h.stores.operations.purchaseOrder.count({ where: { requisitionId: r.id } })).toBe(0);
});

test('no decision: a reminder after a day, escalation to the next level after another', async () => {
  const { number } = await submit(4000);
  const task = await openTaskFor(h, number, 'requisition-approval');
  await h.env.sleep(24 * HOUR + 60_000);
  await h.eventually(
    async () => (await h.stores.operations.auditLog.count({ where: { action: 'approval.reminder', entityRef: task.id } })) === 1,
    'reminder',
  );
  expect((await h.stores.operations.task.findUniqueOrThrow({ where: { id: task.id } })).role).toBe('approver');
  await h.env.sleep(24 * HOUR + 60_000);
  await h.eventually(
    async () => (await h.stores.operations.task.findUniqueOrThrow({ where: { id: task.id } })).escalationLevel === 1,
    'escalation',
  );
  expect((await h.stores.operations.task.findUniqueOrThrow({ where: { id: task.id } })).role).toBe('manager');
  expect((await h.decide(task.id, 'approve', 'approver')).status).toBe(403);
  expect((await h.decide(task.id, 'approve', 'manager')).status).toBe(200);
  await waitRequisition(h, number, 'ordering');
});

test('bad requisitions are 400 with the field, and only requesters submit', async () => {
  const before = await h.stores.operations.requisition.count();
  const bad = await h.post('/api/requisitions', requisitionBody([{ sku: 'P-NOPE', quantity: 1 }]), 'requester');
  expect(bad.status).toBe(400);
  expect(bad.body.error.details).toEqual([{ field: 'lines.0.sku', message: 'no product with SKU P-NOPE' }]);
  const shape = await h.post('/api/requisitions', { costCenter: 'C', lines: [] }, 'requester');
  expect(shape.status).toBe(400);
  expect(shape.body.error.details.map((d: { field: string }) => d.field)).toEqual(
    expect.arrayContaining(['costCenter', 'justification', 'lines']),
  );
  expect((await h.post('/api/requisitions', requisitionBody([{ sku: 'X', quantity: 1 }]), 'warehouse')).status).toBe(403);
  expect(await h.stores.operations.requisition.count()).toBe(before);
});

test('Idempotency-Key: a retried submission returns the same requisition and starts one process', async () => {
  const s = await supplier(h);
  const p = await boughtProduct(h, s, 10);
  const body = requisitionBody([{ sku: p.sku, quantity: 3 }]);
  const key = { 'Idempotency-Key': `req-${p.sku}` };
  const first = await h.post('/api/requisitions', body, 'requester', key);
  expect(first.status).toBe(201);
  const [a, b] = await Promise.all([
    h.post('/api/requisitions', body, 'requester', key),
    h.post('/api/requisitions', body, 'requester', key),
  ]);
  expect([a.status, b.status]).toEqual([200, 200]);
  expect([a.body.number, b.body.number]).toEqual([first.body.number, first.body.number]);
  expect((await h.post('/api/requisitions', requisitionBody([{ sku: p.sku, quantity: 4 }]), 'requester', key)).status).toBe(422);
  // The key is the requester's own: another requester with the same key gets a requisition of their own.
  expect((await h.post('/api/requisitions', body, 'requester2', key)).body.number).not.toBe(first.body.number);
  expect(await h.stores.operations.requisition.count({ where: { lines: { some: { productId: p.id } } } })).toBe(2);
});
