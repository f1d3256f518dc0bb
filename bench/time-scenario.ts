// Section 4: a month of business time on the time-skipping test server, as the timer tests run it
// (tests/support/harness.ts, the API in process, the workers on the test server): an order on net-30
// terms left unpaid through three payment reminders and then paid, and a ticket whose first-response
// SLA breaches. Each scenario's wall time is measured from its first API call to its last outcome.
import { expect } from 'expect';
import { prepareTemplates } from '../tests/support/databases';
import { customer, orderBody, product } from '../tests/support/fixtures';
import { startHarness, type Harness } from '../tests/support/harness';
import { DAY, MINUTE, nextWeekdayAt, openTicket, sleepUntil, waitForTicket } from '../tests/tickets/helpers';

// The ticket steps assert with the tests' global `expect`.
(globalThis as { expect?: unknown }).expect = expect;

async function net30Order(h: Harness): Promise<void> {
  const db = h.stores.operations;
  const c = await customer(db, { paymentTermDays: 30 });
  const p = await product(db, { price: 50, stock: 10, taxPct: 20 });
  const res = await h.post('/api/orders', orderBody(c.code, [{ sku: p.sku, quantity: 2 }]));
  if (res.status !== 201) throw new Error(`order refused: ${res.status} ${JSON.stringify(res.body)}`);
  const number = res.body.number as string;
  await h.waitForStatus(number, 'awaiting_delivery');
  await h.post(`/api/orders/${number}/delivery-confirmation`, {});
  await h.waitForStatus(number, 'awaiting_payment');
  const invoice = await db.invoice.findFirstOrThrow({ where: { order: { number } } });
  await h.env.sleep(31 * DAY + MINUTE);
  await h.waitForStatus(number, 'overdue');
  await h.env.sleep(14 * DAY);
  await h.eventually(async () => (await db.paymentReminder.count({ where: { invoiceId: invoice.id } })) === 3, 'three reminders');
  await h.openTask(number, 'collections');
  const paid = await h.post(`/api/orders/${number}/payments`, { reference: `${number}-late`, amount: 120 });
  if (paid.status !== 201) throw new Error(`payment refused: ${paid.status} ${JSON.stringify(paid.body)}`);
  await h.waitForStatus(number, 'paid');
}

async function breachedTicket(h: Harness): Promise<void> {
  await sleepUntil(h, await nextWeekdayAt(h, 2, 10));
  const { number } = await openTicket(h, { priority: 'high' }); // first response within 60 business minutes
  await h.env.sleep(61 * MINUTE);
  await waitForTicket(h, number, (t) => t.breachedFirstResponse, 'first-response breach');
  await h.openTask(number, 'sla-escalation');
}

export interface TimeResult {
  scenario: string;
  seconds: number[];
}

/** Runs each scenario `repetitions` times (after one warm-up each) on one time-skipping server. */
export async function timeScenarios(workflowBundle: string, repetitions: number, say: (m: string) => void): Promise<TimeResult[]> {
  const templates = await prepareTemplates();
  process.env.TEST_TEMPLATE_OPERATIONS = templates.operations;
  process.env.TEST_TEMPLATE_PRODUCTION = templates.production;
  process.env.TEST_WORKFLOW_BUNDLE = workflowBundle;
  const h = await startHarness({ timeSkipping: true });
  try {
    const scenarios = {
      'net-30 order: 3 reminders, collections, paid (45 days)': net30Order,
      'ticket: first-response SLA breach': breachedTicket,
    };
    const results: TimeResult[] = [];
    for (const [scenario, run] of Object.entries(scenarios)) {
      const seconds: number[] = [];
      for (let r = 0; r <= repetitions; r++) {
        const t = performance.now();
        await run(h);
        if (r > 0) seconds.push((performance.now() - t) / 1000);
      }
      say(`  ${scenario}: ${seconds.map((s) => s.toFixed(2)).join(', ')} s`);
      results.push({ scenario, seconds });
    }
    return results;
  } finally {
    await h.close();
  }
}
