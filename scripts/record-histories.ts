// Records the replay fixtures in tests/replay/histories/: drives each main branch of every process
// through the API on a real (time-skipping) Temporal server with fresh SQLite databases, then
// writes the event history of each run it names: closed runs, and some running ones fetched while
// they wait (a payment, a visit report, an approval), since those are what a code change meets.
//
//   npx tsx scripts/record-histories.ts              # every scenario
//   npx tsx scripts/record-histories.ts order-paid   # only the scenarios whose name starts so
//
// Record from the code as it is before a change to a workflow: the replay test then proves the
// changed code still replays what the old code wrote.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode } from '@temporalio/worker';
import { prepareTemplates } from '../tests/support/databases';
import { customer, orderBody, product, uniq } from '../tests/support/fixtures';
import { startHarness, type ApiResponse, type Harness, type UserKey } from '../tests/support/harness';
import {
  boughtProduct,
  control,
  openTaskFor,
  purchaseOrderOf,
  requisitionBody,
  supplier,
  waitPo,
  waitRequisition,
} from '../tests/procurement/support';
import { component, machine, manufactured, planMo, waitMo, workCenter } from '../tests/manufacturing/support';
import { declareOutOfService } from '../tests/maintenance/support';
import { createWorker } from '../workers/workers';
import { returnScenarios } from './record-return-histories';

const OUT = path.resolve(__dirname, '..', 'tests', 'replay', 'histories');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** What one fixture file holds: the run's identity and its history in the SDK's JSON form. */
export interface RecordedHistory {
  scenario: string;
  description: string;
  workflowId: string;
  workflowType: string;
  status: string;
  history: unknown;
}

/** `waiting-for-worker`: running, with an activity scheduled that no worker has picked up (its worker is down). */
export type Recorder = (
  name: string,
  workflowId: string,
  description: string,
  expect: 'running' | 'closed' | 'waiting-for-worker',
) => Promise<void>;
/** `dev`: run on the dev server in real time (machine jobs heartbeat against the wall clock). */
export type Scenario = { name: string; server?: 'dev'; run: (h: Harness, record: Recorder) => Promise<void> };

function ok<T>(res: ApiResponse<T>, what: string): T {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function payOutstanding(h: Harness, number: string): Promise<void> {
  const view = ok(await h.get(`/api/orders/${number}`), 'order view');
  const cents = (view.invoices as { outstanding: number }[]).reduce((s, i) => s + Math.round(i.outstanding * 100), 0);
  ok(await h.post(`/api/orders/${number}/payments`, { reference: `PAY-${number}`, amount: cents / 100 }), 'payment');
}

async function confirmDelivery(h: Harness, number: string): Promise<void> {
  const shipments = await h.stores.operations.shipment.findMany({ where: { order: { number }, status: 'shipped' } });
  for (const s of shipments)
    ok(await h.post(`/api/orders/${number}/delivery-confirmation`, { shipmentNumber: s.number }), 'delivery confirmation');
}

async function placeOrder(
  h: Harness,
  customerCode: string,
  lines: { sku: string; quantity: number }[],
  extra: Record<string, unknown> = {},
) {
  return ok(await h.post('/api/orders', orderBody(customerCode, lines, extra)), 'order').number as string;
}

/** Invoices are dated on the process clock, which the time-skipping server moves ahead of the wall clock. */
const today = async (h: Harness) => new Date(await h.env.currentTimeMs()).toISOString().slice(0, 10);

async function receiveAndInvoice(h: Harness, po: string, quantity: number, unitPrice: number): Promise<void> {
  ok(
    await h.post(`/api/purchase-orders/${po}/receipts`, { reference: `DN-${po}`, lines: [{ lineNo: 1, quantity }] }, 'warehouse'),
    'receipt',
  );
  await waitPo(h, po, 'awaiting_invoice');
  const invoice = { supplierRef: `INV-${po}`, invoiceDate: await today(h), lines: [{ lineNo: 1, quantity, unitPrice }] };
  ok(await h.post(`/api/purchase-orders/${po}/invoices`, invoice, 'ap_clerk'), 'supplier invoice');
  await waitPo(h, po, 'invoiced');
}

/** Opens a ticket as an agent, confirms triage and waits for the assignment. */
async function openTicket(h: Harness, body: Record<string, unknown>): Promise<string> {
  const ticket = { subject: 'Lamp flickers', description: 'The desk lamp flickers after ten minutes.', channel: 'phone', ...body };
  const number = ok(await h.post('/api/tickets', ticket, 'agent'), 'ticket').number as string;
  const triage = await h.openTask(number, 'ticket-triage');
  ok(await h.decide(triage.id, 'confirm', 'agent', 'checked'), 'triage');
  await h.eventually(
    async () => (await h.stores.operations.ticket.findUniqueOrThrow({ where: { number } })).assignee,
    `${number} assigned`,
  );
  return number;
}

const scenarios: Scenario[] = [
  {
    name: 'order-paid',
    async run(h, record) {
      const db = h.stores.operations;
      const c = await customer(db, { paymentTermDays: 30 });
      const p = await product(db, { price: 100, stock: 10, taxPct: 20 });
      const n = await placeOrder(h, c.code, [{ sku: p.sku, quantity: 3 }], { deliverySteps: 3 });
      for (const kind of ['pick', 'pack']) ok(await h.decide((await h.openTask(n, kind)).id, 'done', 'warehouse'), kind);
      await h.waitForStatus(n, 'awaiting_delivery');
      await confirmDelivery(h, n);
      await h.waitForStatus(n, 'awaiting_payment');
      await record(
        'order-awaiting-payment',
        `order-${n}`,
        'picked, packed, shipped, delivered and invoiced; waiting for the payment',
        'running',
      );
      await payOutstanding(h, n);
      await record('order-paid', `order-${n}`, 'happy path with pick and pack tasks, paid in full', 'closed');
    },
  },
  {
    name: 'order-cancelled-on-credit-hold',
    async run(h, record) {
      const db = h.stores.operations;
      const c = await customer(db, { creditLimit: 10 });
      const p = await product(db, { price: 100, stock: 5 });
      const n = await placeOrder(h, c.code, [{ sku: p.sku, quantity: 1 }]);
      await h.openTask(n, 'credit-hold');
      await record('order-on-credit-hold', `order-${n}`, 'over the credit limit, waiting for the credit-hold decision', 'running');
      ok(await h.post(`/api/orders/${n}/cancel`, { reason: 'customer withdrew the order' }, 'manager'), 'cancel');
      await record('order-cancelled-on-credit-hold', `order-${n}`, 'cancelled by a manager while on credit hold', 'closed');
    },
  },
  {
    name: 'order-credit-hold-approved',
    async run(h, record) {
      const db = h.stores.operations;
      const c = await customer(db, { creditLimit: 100 });
      const p = await product(db, { price: 90, stock: 5, taxPct: 0 });
      const n = await placeOrder(h, c.code, [{ sku: p.sku, quantity: 2 }]);
      ok(await h.decide((await h.openTask(n, 'credit-hold')).id, 'approve', 'approver', 'long-standing customer'), 'approve');
      await h.waitForStatus(n, 'awaiting_delivery');
      await confirmDelivery(h, n);
      await h.waitForStatus(n, 'awaiting_payment');
      await payOutstanding(h, n);
      await record('order-credit-hold-approved', `order-${n}`, 'credit hold approved, then delivered and paid', 'closed');
    },
  },
  {
    name: 'order-backorder-released',
    async run(h, record) {
      const db = h.stores.operations;
      const c = await customer(db);
      const p = await product(db, { price: 10, stock: 2, taxPct: 0 });
      const n = await placeOrder(h, c.code, [{ sku: p.sku, quantity: 5 }]);
      await h.waitForStatus(n, 'backordered');
      await record('order-backordered', `order-${n}`, 'two of five shipped, three on backorder waiting for stock', 'running');
      ok(
        await h.post(
          '/api/stock/receipts',
          { reference: `GRN-${n}`, warehouse: 'MAIN', lines: [{ sku: p.sku, quantity: 10 }] },
          'warehouse',
        ),
        'receipt',
      );
      await h.waitForStatus(n, 'awaiting_delivery');
      await confirmDelivery(h, n);
      await h.waitForStatus(n, 'awaiting_payment');
      await payOutstanding(h, n);
      await record(
        'order-backorder-released',
        `order-${n}`,
        'backorder released by a stock receipt, both shipments delivered, paid',
        'closed',
      );
    },
  },
  {
    name: 'order-up-front-invoice-short-delivery',
    async run(h, record) {
      const db = h.stores.operations;
      const c = await customer(db, { invoicePolicy: 'ordered' });
      const p = await product(db, { price: 10, stock: 10, taxPct: 10 });
      const n = await placeOrder(h, c.code, [{ sku: p.sku, quantity: 4 }]);
      await h.waitForStatus(n, 'awaiting_delivery');
      ok(await h.post(`/api/orders/${n}/delivery-confirmation`, { lines: [{ lineNo: 1, deliveredQuantity: 3 }] }), 'short delivery');
      await h.waitForStatus(n, 'awaiting_payment');
      await payOutstanding(h, n);
      await record(
        'order-up-front-invoice-short-delivery',
        `order-${n}`,
        'invoiced on order, three of four delivered, credit note, paid',
        'closed',
      );
    },
  },
  {
    name: 'order-written-off',
    async run(h, record) {
      const db = h.stores.operations;
      const c = await customer(db, { paymentTermDays: 14 });
      const p = await product(db, { price: 50, stock: 10, taxPct: 20 });
      const n = await placeOrder(h, c.code, [{ sku: p.sku, quantity: 2 }]);
      await h.waitForStatus(n, 'awaiting_delivery');
      await confirmDelivery(h, n);
      await h.waitForStatus(n, 'awaiting_payment');
      await h.env.sleep(30 * DAY);
      const collections = await h.openTask(n, 'collections');
      ok(await h.decide(collections.id, 'write-off', 'manager', 'customer insolvent'), 'write-off');
      await h.waitForStatus(n, 'written_off');
      await record('order-written-off', `order-${n}`, 'unpaid: three reminders, a collections task, written off', 'closed');
    },
  },
  {
    name: 'requisition-auto-approved-paid',
    async run(h, record) {
      const s = await supplier(h, { paymentTermDays: 30 });
      const p = await boughtProduct(h, s, 10);
      const req = ok(await h.post('/api/requisitions', requisitionBody([{ sku: p.sku, quantity: 10 }]), 'requester'), 'requisition')
        .number as string;
      const po = (await purchaseOrderOf(h, req)).number;
      await waitPo(h, po, 'awaiting_goods');
      await record('requisition-ordering', `requisition-${req}`, 'auto-approved, its purchase order sent and waiting for goods', 'running');
      await record('purchase-order-awaiting-goods', `purchase-order-${po}`, 'sent and confirmed, waiting for goods', 'running');
      await receiveAndInvoice(h, po, 10, 10);
      await h.env.sleep(30 * DAY);
      await waitPo(h, po, 'paid');
      await waitRequisition(h, req, 'completed');
      await record('purchase-order-paid', `purchase-order-${po}`, 'received in full, invoice matched, paid on net 30', 'closed');
      await record(
        'requisition-auto-approved-paid',
        `requisition-${req}`,
        'within the automatic limit, one purchase order, completed when it was paid',
        'closed',
      );
    },
  },
  {
    name: 'requisition-rejected',
    async run(h, record) {
      const s = await supplier(h);
      const p = await boughtProduct(h, s, 3000);
      const req = ok(await h.post('/api/requisitions', requisitionBody([{ sku: p.sku, quantity: 1 }]), 'requester'), 'requisition')
        .number as string;
      const task = await openTaskFor(h, req, 'requisition-approval');
      await record('requisition-awaiting-approval', `requisition-${req}`, 'above the automatic limit, waiting for the approver', 'running');
      ok(await h.decide(task.id, 'reject', 'approver', 'use existing stock'), 'reject');
      await waitRequisition(h, req, 'rejected');
      await record('requisition-rejected', `requisition-${req}`, 'rejected by the approver', 'closed');
    },
  },
  {
    name: 'purchase-order-supplier-down',
    async run(h, record) {
      const s = await supplier(h, { paymentTermDays: 30 });
      const alt = await supplier(h, { paymentTermDays: 30 });
      const p = await boughtProduct(h, s, 10, { alsoFrom: { id: alt.id, price: 11 } });
      await control(h, s.code, { failNext: 100 });
      const req = ok(await h.post('/api/requisitions', requisitionBody([{ sku: p.sku, quantity: 10 }]), 'requester'), 'requisition')
        .number as string;
      const po = (await purchaseOrderOf(h, req)).number;
      const task = await openTaskFor(h, po, 'supplier-unreachable');
      await record(
        'purchase-order-supplier-unreachable',
        `purchase-order-${po}`,
        'gateway down past the attempts: waiting for the buyer',
        'running',
      );
      ok(await h.decide(task.id, 'switch-supplier', 'buyer'), 'switch supplier');
      await waitPo(h, po, 'awaiting_goods');
      await control(h, s.code, { reset: true });
      await receiveAndInvoice(h, po, 10, 11);
      await h.env.sleep(30 * DAY);
      await waitPo(h, po, 'paid');
      await waitRequisition(h, req, 'completed');
      await record(
        'purchase-order-supplier-down-switched',
        `purchase-order-${po}`,
        'supplier down, buyer switched to the other supplier, received, paid',
        'closed',
      );
    },
  },
  {
    name: 'purchase-order-inspection',
    async run(h, record) {
      const s = await supplier(h, { paymentTermDays: 30 });
      const p = await boughtProduct(h, s, 10);
      await h.stores.operations.product.update({ where: { id: p.id }, data: { inspectOnReceipt: true } });
      const req = ok(await h.post('/api/requisitions', requisitionBody([{ sku: p.sku, quantity: 10 }]), 'requester'), 'requisition')
        .number as string;
      const po = (await purchaseOrderOf(h, req)).number;
      await waitPo(h, po, 'awaiting_goods');
      const receipt = (reference: string) => ({ reference, lines: [{ lineNo: 1, quantity: 10 }] });
      ok(await h.post(`/api/purchase-orders/${po}/receipts`, receipt(`DN-${po}-1`), 'warehouse'), 'receipt');
      const first = await openTaskFor(h, po, 'incoming-inspection');
      await record(
        'purchase-order-awaiting-inspection',
        `purchase-order-${po}`,
        'received into the quality hold, waiting for the inspector',
        'running',
      );
      ok(await h.decide(first.id, 'return-to-supplier', 'inspector', 'damaged in transit'), 'return to supplier');
      await h.eventually(
        async () =>
          (await h.stores.operations.purchaseOrderLine.findFirstOrThrow({ where: { purchaseOrder: { number: po } } })).receivedQty === 0,
        `${po} open again`,
      );
      ok(await h.post(`/api/purchase-orders/${po}/receipts`, receipt(`DN-${po}-2`), 'warehouse'), 'second receipt');
      const second = await h.eventually(
        () => h.stores.operations.task.findFirst({ where: { documentRef: po, kind: 'incoming-inspection', status: 'open' } }),
        'the second inspection',
      );
      ok(await h.decide(second.id, 'pass', 'inspector', 'replacement fine'), 'pass');
      await waitPo(h, po, 'awaiting_invoice');
      const invoice = { supplierRef: `INV-${po}`, invoiceDate: await today(h), lines: [{ lineNo: 1, quantity: 10, unitPrice: 10 }] };
      ok(await h.post(`/api/purchase-orders/${po}/invoices`, invoice, 'ap_clerk'), 'supplier invoice');
      await waitPo(h, po, 'invoiced');
      await h.env.sleep(30 * DAY);
      await waitPo(h, po, 'paid');
      await record(
        'purchase-order-inspected-paid',
        `purchase-order-${po}`,
        'first delivery returned to the supplier by the inspector, the second passed, invoiced and paid',
        'closed',
      );
    },
  },
  {
    name: 'ticket-visit-billed',
    async run(h, record) {
      const db = h.stores.operations;
      const c = await customer(db, { paymentTermDays: 14 });
      const part = await product(db, { price: 40, stock: 4, taxPct: 20 });
      const n = await openTicket(h, { customer: c.code, productSku: part.sku });
      ok(await h.post(`/api/tickets/${n}/visits`, { technician: 'TE-01', parts: [{ sku: part.sku, quantity: 1 }] }, 'agent'), 'visit');
      await record('ticket-awaiting-visit-report', `ticket-${n}`, 'triaged, assigned, a visit scheduled with a part reserved', 'running');
      const report = { outcome: 'completed', minutesSpent: 50, partsUsed: [{ sku: part.sku, quantity: 1 }] };
      ok(await h.post(`/api/tickets/${n}/visits/${n}-V1/report`, report, 'technician'), 'visit report');
      ok(await h.post(`/api/tickets/${n}/resolution`, { resolution: 'Board replaced on site' }, 'agent'), 'resolution');
      await record(
        'ticket-resolved-awaiting-confirmation',
        `ticket-${n}`,
        'resolved, the SLA clock paused, waiting for the customer',
        'running',
      );
      const portal: UserKey = h.portal(c.code);
      ok(await h.post(`/api/tickets/${n}/confirmation`, { decision: 'confirm', satisfaction: 4 }, portal), 'confirmation');
      await record(
        'ticket-visit-billed',
        `ticket-${n}`,
        'triage, visit with a part, resolved, confirmed by the customer, invoiced',
        'closed',
      );
    },
  },
  {
    name: 'ticket-auto-closed',
    async run(h, record) {
      const n = await openTicket(h, { customer: (await customer(h.stores.operations)).code });
      ok(await h.post(`/api/tickets/${n}/responses`, { message: 'Replacing the driver board.' }, 'agent'), 'response');
      ok(await h.post(`/api/tickets/${n}/resolution`, { resolution: 'Driver board replaced' }, 'agent'), 'resolution');
      await h.env.sleep(h.policies.ticket.autoCloseDays * DAY + MINUTE);
      await record('ticket-auto-closed', `ticket-${n}`, 'resolved, no answer from the customer, closed by the process', 'closed');
    },
  },
  {
    name: 'mo-two-level-with-breakdown',
    server: 'dev',
    async run(h, record) {
      const saw = await workCenter(h);
      const backup = await workCenter(h);
      const bench = await workCenter(h);
      const steel = await component(h, { cost: 2, shop: 10 });
      const bolts = await component(h, { cost: 1, warehouse: 40 });
      const frame = await manufactured(h, {
        parts: [{ sku: steel.sku, quantity: 2 }],
        steps: [{ name: 'Cut', workCenter: saw, alternative: backup, minutesPerUnit: 3 }],
      });
      const desk = await manufactured(h, {
        parts: [
          { sku: frame.sku, quantity: 1 },
          { sku: bolts.sku, quantity: 4 },
        ],
        steps: [{ name: 'Assemble', workCenter: bench, minutesPerUnit: 5 }],
      });
      await machine(h, saw.code, { breakdownNext: 2 });
      const n = await planMo(h, desk.sku, 2);
      await waitMo(h, n, 'done');
      const child = await h.stores.production.manufacturingOrder.findFirstOrThrow({ where: { parentRef: n } });
      await record('mo-two-level-done', `mo-${n}`, 'a sub-assembly made by a child order, bolts brought from the warehouse', 'closed');
      await record('mo-moved-to-alternative', `mo-${child.number}`, 'two breakdowns on the saw, finished on the backup saw', 'closed');
    },
  },
  {
    name: 'quality-checks',
    server: 'dev',
    async run(h, record) {
      const lathe = await workCenter(h);
      const rod = await component(h, { cost: 2, shop: 10 });
      const shaft = await manufactured(h, {
        parts: [{ sku: rod.sku, quantity: 1 }],
        steps: [{ name: 'Turn', workCenter: lathe, minutesPerUnit: 3 }],
      });
      const point = async (body: object) => ok(await h.post('/api/quality-points', body, 'inspector'), 'quality point');
      await point({
        productSku: shaft.sku,
        operationSequence: 10,
        kind: 'measure',
        characteristic: 'diameter_mm',
        minValue: 19.9,
        maxValue: 20.1,
      });
      await point({ productSku: shaft.sku, kind: 'inspection', instructions: 'Look for burrs' });
      // Three measurements out of tolerance: three reworks, and the third failure on the lathe raises an alert.
      await machine(h, lathe.code, { measurements: { diameter_mm: 20 }, outOfToleranceNext: 3 });
      const n = await planMo(h, shaft.sku, 1);
      const inspection = await openTaskFor(h, n, 'quality-inspection');
      const alert = await h.stores.production.qualityAlert.findFirstOrThrow({ where: { workCenter: { code: lathe.code } } });
      await record(
        'mo-quality-awaiting-inspection',
        `mo-${n}`,
        'three reworks after measurements out of tolerance, waiting for the inspector',
        'running',
      );
      await record('quality-alert-open', `quality-alert-${alert.number}`, 'a quality alert waiting for a manager', 'running');
      ok(await h.decide(inspection.id, 'pass', 'inspector', 'no burrs'), 'inspection');
      await waitMo(h, n, 'done');
      await record('mo-quality-reworked-done', `mo-${n}`, 'reworked three times, inspected and finished', 'closed');
      const task = await openTaskFor(h, alert.number, 'quality-alert');
      ok(await h.decide(task.id, 'acknowledge', 'manager', 'tool replaced'), 'acknowledge');
      await record('quality-alert-acknowledged', `quality-alert-${alert.number}`, 'a quality alert acknowledged by a manager', 'closed');

      // Scrapped at the inspection: written off, the materials (enough in the shop) issued again, made again.
      const frame = await manufactured(h, {
        parts: [{ sku: rod.sku, quantity: 2 }],
        steps: [{ name: 'Weld', workCenter: lathe, minutesPerUnit: 2 }],
      });
      await point({ productSku: frame.sku, kind: 'inspection', instructions: 'Check the welds' });
      const m = await planMo(h, frame.sku, 1);
      const first = await openTaskFor(h, m, 'quality-inspection');
      ok(await h.decide(first.id, 'scrap', 'inspector', 'cracked weld'), 'scrap');
      const second = await h.eventually(
        () =>
          h.stores.operations.task.findFirst({
            where: { documentRef: m, kind: 'quality-inspection', status: 'open', id: { not: first.id } },
          }),
        'a second inspection',
      );
      ok(await h.decide(second.id, 'pass', 'inspector'), 'pass');
      await waitMo(h, m, 'done');
      await record(
        'mo-quality-scrapped-done',
        `mo-${m}`,
        'scrapped at the inspection, made again from new materials and finished',
        'closed',
      );
    },
  },
  {
    name: 'order-make-to-order',
    server: 'dev',
    async run(h, record) {
      const press = await workCenter(h);
      const part = await component(h, { cost: 1, shop: 20 });
      const chair = await manufactured(h, {
        makeToOrder: true,
        price: 80,
        parts: [{ sku: part.sku, quantity: 2 }],
        steps: [{ name: 'Press', workCenter: press, minutesPerUnit: 4 }],
      });
      await machine(h, press.code, { breakdownNext: 2 });
      const c = await customer(h.stores.operations);
      const n = await placeOrder(h, c.code, [{ sku: chair.sku, quantity: 2 }]);
      const mo = await h.eventually(
        () => h.stores.production.manufacturingOrder.findFirst({ where: { parentRef: n } }),
        `the manufacturing order of ${n}`,
      );
      // The repair fails and the press is declared out of service: the shop floor decides.
      await declareOutOfService(h, press.id, 'press cracked');
      const task = await h.openTask(mo.number, 'machine-down');
      await record(
        'mo-held-for-repair',
        `mo-${mo.number}`,
        'the press broke down twice and has no alternative: held for repair',
        'running',
      );
      await record('order-waiting-for-manufacturing', `order-${n}`, 'waiting for its manufacturing order', 'running');
      ok(await h.decide(task.id, 'repaired', 'planner'), 'repaired');
      await waitMo(h, mo.number, 'done');
      await h.waitForStatus(n, 'awaiting_delivery');
      await confirmDelivery(h, n);
      await h.waitForStatus(n, 'awaiting_payment');
      await payOutstanding(h, n);
      await record('order-make-to-order-paid', `order-${n}`, 'made to order after a repair, shipped, delivered and paid', 'closed');
    },
  },
  {
    name: 'maintenance-repaired',
    server: 'dev',
    async run(h, record) {
      const press = await workCenter(h);
      const part = await component(h, { cost: 1, shop: 10 });
      const spare = await component(h, { cost: 5, shop: 2 });
      const bracket = await manufactured(h, {
        parts: [{ sku: part.sku, quantity: 1 }],
        steps: [{ name: 'Press', workCenter: press, minutesPerUnit: 3 }],
      });
      await machine(h, press.code, { breakdownNext: 2 });
      const mo = await planMo(h, bracket.sku, 1);
      const mnt = await h.eventually(
        () => h.stores.production.maintenanceRequest.findFirst({ where: { workCenterId: press.id } }),
        'the maintenance request of the press',
      );
      await h.eventually(
        async () => (await h.get(`/api/maintenance-requests/${mnt.number}`)).body.process?.waiting?.length === 1,
        `${mo} waiting on ${mnt.number}`,
      );
      const diagnose = await h.openTask(mnt.number, 'diagnose');
      ok(await h.decide(diagnose.id, 'diagnosed', 'technician', 'hydraulic seal worn'), 'diagnosed');
      ok(await h.post(`/api/maintenance-requests/${mnt.number}/parts`, { sku: spare.sku, quantity: 1 }, 'technician'), 'parts');
      ok(await h.post(`/api/maintenance-requests/${mnt.number}/labour`, { minutes: 45 }, 'technician'), 'labour');
      const repair = await h.openTask(mnt.number, 'repair');
      await record('maintenance-awaiting-repair', `maintenance-${mnt.number}`, 'diagnosed, a spare part and labour reported', 'running');
      await record('mo-waiting-for-maintenance', `mo-${mo}`, 'the press broke down with no alternative: waiting for its repair', 'running');
      ok(await h.decide(repair.id, 'repaired', 'technician'), 'repaired');
      await waitMo(h, mo, 'done');
      await record('maintenance-repaired', `maintenance-${mnt.number}`, 'repaired, cost posted, the waiting order told', 'closed');
      await record('mo-done-after-maintenance', `mo-${mo}`, 'finished after the press was repaired', 'closed');
    },
  },
  {
    name: 'preventive-maintenance',
    server: 'dev',
    async run(h, record) {
      // Worked on tomorrow's weekday only: the service's window opens tomorrow, so its job waits.
      const now = Date.now();
      const tomorrow = new Date(Math.floor(now / DAY) * DAY + DAY);
      const center = await workCenter(h);
      await h.stores.production.workCenter.update({ where: { id: center.id }, data: { workdays: String(tomorrow.getUTCDay() || 7) } });
      await h.stores.production.maintenancePlan.create({
        data: { workCenterId: center.id, everyDays: 30, durationMinutes: 60, updatedBy: 'recording' },
      });
      const fire = async (code: string, id: string) => {
        const handle = await h.env.client.workflow.start('preventiveMaintenance', {
          taskQueue: 'orchestration',
          workflowId: id,
          args: [{ workCenterCode: code, policy: { everyDays: 30, durationMinutes: 60 } }],
        });
        await handle.result();
      };
      // With the production worker down, the run waits for its first step: what a deploy meets mid-run.
      await h.stopWorkers();
      const orchestration = await createWorker('orchestration', {
        connection: h.env.nativeConnection,
        namespace: h.env.namespace ?? 'default',
        ...h.stores,
        workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
      });
      const alone = orchestration.run();
      const opened = uniq(`preventive-${center.code}`);
      const firing = fire(center.code, opened);
      await record(
        'preventive-maintenance-opening',
        opened,
        'fired, waiting for the production worker to open the service',
        'waiting-for-worker',
      );
      orchestration.shutdown();
      await alone;
      await h.startWorkers();
      await firing;
      await record('preventive-maintenance-opened', opened, 'a plan fell due: a service opened with its window, its job started', 'closed');
      const idle = await workCenter(h);
      const notDue = uniq(`preventive-${idle.code}`);
      await fire(idle.code, notDue);
      await record('preventive-maintenance-not-due', notDue, 'no active plan: nothing opened', 'closed');

      const r = await h.stores.production.maintenanceRequest.findFirstOrThrow({ where: { workCenterId: center.id } });
      const job = `maintenance-${r.number}`;
      await record('preventive-job-waiting', job, 'waiting for its window tomorrow', 'running');
      // The shop works every day from now on, so the service can move to today.
      await h.stores.production.workCenter.update({ where: { id: center.id }, data: { workdays: '1,2,3,4,5,6,7' } });
      const soon = new Date(Date.now() + 2_000).toISOString();
      ok(await h.post(`/api/maintenance-requests/${r.number}/reschedule`, { plannedStart: soon }, 'planner'), 'reschedule');
      const task = await h.openTask(r.number, 'preventive-maintenance');
      await record('preventive-job-servicing', job, 'moved to now, the work center taken out of service, a technician asked', 'running');
      ok(await h.decide(task.id, 'done', 'technician'), 'service done');
      await record('preventive-job-done', job, 'serviced: the work center available again', 'closed');
    },
  },
  ...returnScenarios,
];

/** Waits until the run is quiet (no workflow task or activity in flight) or closed, then writes its history. */
function recorder(h: Harness, written: string[]): Recorder {
  return async (name, workflowId, description, expect) => {
    const handle = h.env.client.workflow.getHandle(workflowId);
    let length = -1;
    const desc = await h.eventually(
      async () => {
        const d = await handle.describe();
        const closed = d.status.name !== 'RUNNING';
        if (expect === 'closed' && !closed) return undefined;
        if (closed && d.status.name !== 'COMPLETED') throw new Error(`${workflowId} ended ${d.status.name}`);
        const activities = expect === 'waiting-for-worker' ? 0 : (d.raw.pendingActivities?.length ?? 0);
        const busy = !closed && (d.raw.pendingWorkflowTask || activities > 0);
        const events = (await handle.fetchHistory()).events?.length ?? 0;
        const stable = !busy && events === length;
        length = events;
        if (!stable) await new Promise((r) => setTimeout(r, 300));
        return stable ? d : undefined;
      },
      `${workflowId} to be ${expect === 'closed' ? 'completed' : 'quiet'}`,
      60_000,
    );
    const history = await handle.fetchHistory();
    const file: RecordedHistory = {
      scenario: name,
      description,
      workflowId,
      workflowType: desc.type,
      status: desc.status.name,
      history: JSON.parse(historyToJSON(history)),
    };
    fs.writeFileSync(path.join(OUT, `${name}.json`), `${JSON.stringify(file, null, 1)}\n`);
    written.push(`${name} (${desc.type} ${desc.status.name}, ${history.events?.length} events)`);
  };
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const chosen = scenarios.filter((s) => only.length === 0 || only.some((o) => s.name.startsWith(o)));
  if (chosen.length === 0) throw new Error(`no scenario matches ${only.join(', ')}; known: ${scenarios.map((s) => s.name).join(', ')}`);
  fs.mkdirSync(OUT, { recursive: true });

  // The same preparation as the Jest global setup: migrated template databases and one bundle.
  const templates = await prepareTemplates();
  process.env.TEST_TEMPLATE_OPERATIONS = templates.operations;
  process.env.TEST_TEMPLATE_PRODUCTION = templates.production;
  const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'record-bundle-'));
  const bundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } as never,
  });
  process.env.TEST_WORKFLOW_BUNDLE = path.join(bundleDir, 'workflows.js');
  fs.writeFileSync(process.env.TEST_WORKFLOW_BUNDLE, bundle.code);

  // Time-skipping for most: written-off orders and payments on net 30 wait for weeks; the supplier
  // gateway is retried quickly so an outage reaches the buyer in seconds. Manufacturing runs on the
  // dev server: machine jobs heartbeat against the wall clock.
  const written: string[] = [];
  try {
    for (const server of ['time-skipping', 'dev'] as const) {
      const batch = chosen.filter((s) => (s.server ?? 'time-skipping') === server);
      if (batch.length === 0) continue;
      const h = await startHarness({
        timeSkipping: server === 'time-skipping',
        policies: {
          procurement: { supplierRetryInitialMs: 100, supplierAttemptsBeforeTask: 3 },
          manufacturing: { machineHeartbeatTimeoutMs: 2_000, machineAttempts: 2 },
        },
      });
      try {
        for (const s of batch) {
          console.log(`scenario ${s.name}`);
          await s.run(h, recorder(h, written));
        }
      } finally {
        await h.close();
      }
    }
  } finally {
    for (const dir of [bundleDir, ...Object.values(templates).map((t) => path.dirname(t))]) {
      if (dir.startsWith(os.tmpdir())) fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`wrote ${written.length} histories to ${path.relative(process.cwd(), OUT)}:\n  ${written.join('\n  ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
