// The web console in a real browser against the real API, workers and Temporal: an operator places an
// order that goes on credit hold, an approver approves it from the inbox while the order's page shows
// the decision and the steps after it arrive, then every page is visited and photographed.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { customer, product } from '../support/fixtures';
import { startHarness, type Harness } from '../support/harness';
import { openBrowser, SCREENSHOTS } from './browser';

jest.setTimeout(300_000);

let h: Harness;
let browser: Awaited<ReturnType<typeof openBrowser>> | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  browser = await openBrowser();
  h = await startHarness();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function newPage(): Promise<Page> {
  const page = await browser!.context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) pageErrors.push(m.text());
  });
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });

async function logIn(page: Page, key: string, expectName: string) {
  await page.goto(`${h.origin}/console`);
  await page.getByLabel('API key').fill(key);
  await page.getByLabel('API key').press('Enter');
  await page.getByTestId('who').filter({ hasText: expectName }).waitFor();
}

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByLabel('API key').waitFor();
}

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

test('the console serves its files without a key and its API calls with one', async () => {
  const redirect = await fetch(`${h.origin}/console`, { redirect: 'manual' });
  expect(redirect.status).toBe(301);
  expect(redirect.headers.get('location')).toBe('/console/');
  const index = await fetch(`${h.origin}/console/`);
  expect(index.status).toBe(200);
  expect(index.headers.get('content-type')).toMatch(/^text\/html/);
  expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
  const js = await fetch(`${h.origin}/console/app.js`);
  expect(js.headers.get('content-type')).toMatch(/^(application|text)\/javascript/);
  expect((await fetch(`${h.origin}/console/app.css`)).headers.get('content-type')).toMatch(/^text\/css/);
  expect((await fetch(`${h.origin}/console/nothing.js`)).status).toBe(404);
  // Its files count as one route in the request metrics, not one series per file.
  expect((await h.getText('/metrics')).text).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/console\/\*"/);
  expect((await h.get('/api/me', null)).status).toBe(401);
  expect((await h.get('/api/me', 'manager')).body).toEqual({ name: 'Mona Manager', roles: ['manager', 'approver'] });
  expect((await h.get('/api/me', 'customer')).body).toEqual({ name: 'Carla Customer', roles: ['customer'], customer: 'C-PORTAL' });
});

test('an order on credit hold: placed from the form, approved in the inbox, its timeline follows; every page shown', async () => {
  const db = h.stores.operations;
  const c = await customer(db, { creditLimit: 100 });
  const p = await product(db, { price: 90, stock: 5, taxPct: 0 });

  // The operator places the order; first with a requested date in the past, which the API refuses at that field.
  const page = await newPage();
  await logIn(page, 'k-operator', 'Olga Operator');
  expect(await page.getByTestId('who').textContent()).toContain('operator, warehouse');
  await shot(page, 'inbox-operator');
  await page.getByRole('link', { name: 'Start' }).click();
  await page.getByRole('heading', { name: 'Place an order' }).waitFor();
  await page.getByLabel('Customer code').fill(c.code);
  await page.getByLabel('Requested delivery date').fill(isoDay(-2));
  await page.getByLabel('Line 1 SKU').fill(p.sku);
  await page.getByLabel('Quantity').fill('2');
  await page.getByLabel('Quantity').press('Enter');
  const dateError = page.locator('[data-field-error="requestedDate"]');
  await dateError.waitFor();
  expect(await dateError.textContent()).toContain('today or later');
  expect(await page.getByLabel('Requested delivery date').getAttribute('aria-invalid')).toBe('true');
  await shot(page, 'start-order-field-error');
  await page.getByLabel('Requested delivery date').fill(isoDay(30));
  await page.getByLabel('Requested delivery date').press('Enter');
  const created = page.getByRole('status').filter({ hasText: /Order SO-\d+/ });
  await created.waitFor();
  const number = /SO-\d+/.exec((await created.textContent())!)![0];
  await shot(page, 'start-order-placed');
  expect(await db.salesOrder.count({ where: { customer: { code: c.code } } })).toBe(1);
  const task = await h.openTask(number, 'credit-hold');
  await logOut(page);

  // The approver keeps the order's page open in a second tab while deciding in the first.
  await logIn(page, 'k-approver', 'Adam Approver');
  const card = page.locator(`[data-task-id="${task.id}"]`);
  await card.waitFor();
  expect(await card.textContent()).toContain(number);
  await shot(page, 'inbox-approver');

  const doc = await newPage();
  await logIn(doc, 'k-approver', 'Adam Approver');
  await doc.getByRole('link', { name: 'Document' }).click();
  await doc.getByLabel('Number').fill(number);
  await doc.getByLabel('Number').press('Enter');
  await doc.getByRole('heading', { name: `Order ${number}` }).waitFor();
  await doc.locator('ol.timeline li').first().waitFor();
  expect(await doc.locator('ol.timeline li[data-type="decision"]').count()).toBe(0);
  const before = await doc.locator('ol.timeline li').count();
  // The process says whom it waits for: the credit hold, in the approvers' inbox.
  await doc.getByRole('heading', { name: 'Waiting for people' }).waitFor();
  expect(await doc.getByTestId('eta').textContent()).toBeTruthy();
  const uiLink = doc.getByRole('link', { name: `order-${number}` });
  expect(await uiLink.getAttribute('href')).toMatch(new RegExp(`/namespaces/[^/]+/workflows/order-${number}$`));

  await card.getByLabel('Approve').check();
  await card.getByLabel('Comment').fill('Long-standing customer');
  await card.getByLabel('Comment').press('Enter');
  await card.waitFor({ state: 'detached' }); // the inbox refreshed without the decided task
  expect(await db.task.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
    decision: 'approve',
    decidedBy: 'Adam Approver',
    comment: 'Long-standing customer',
  });

  // Without a reload, the open page shows the decision and the steps the order took after it.
  const decision = doc.locator('ol.timeline li[data-type="decision"]').filter({ hasText: 'Adam Approver' });
  await decision.waitFor({ timeout: 30_000 });
  await h.waitForStatus(number, 'awaiting_delivery');
  await doc.locator('h1 .badge.status').filter({ hasText: 'Awaiting delivery' }).waitFor({ timeout: 30_000 });
  await h.eventually(async () => {
    const types = await Promise.all((await doc.locator('ol.timeline li').all()).map((li) => li.getAttribute('data-type')));
    const at = types.indexOf('decision');
    return types.length > before && at >= 0 && at < types.length - 1;
  }, 'steps after the decision on the open page');
  await shot(doc, 'document-order');
  await doc.close();

  // Processes: found by its customer, with its status and nothing overdue.
  await page.getByRole('link', { name: 'Processes' }).click();
  await page.getByLabel('Customer').fill(c.code);
  await page.getByLabel('Customer').press('Enter');
  const row = page.locator('table.processes tbody tr').filter({ hasText: number });
  await row.waitFor();
  expect(await row.textContent()).toMatch(/Awaiting delivery|Order/);
  await shot(page, 'processes');
  await row.getByRole('link', { name: number }).click();
  await page.getByRole('heading', { name: `Order ${number}` }).waitFor();
  await logOut(page);

  // A manager's dashboards: every report as a chart, none refused.
  await logIn(page, 'k-manager', 'Mona Manager');
  await page.getByRole('link', { name: 'Dashboards' }).click();
  await page.locator('.dashboards canvas').nth(4).waitFor();
  expect(await page.locator('.dashboards h2').allTextContents()).toEqual([
    expect.stringContaining('Receivables aging'),
    expect.stringContaining('Payables due'),
    'Service levels',
    'On time in full',
    expect.stringContaining('Throughput'),
  ]);
  expect(await page.locator('[role="alert"]').count()).toBe(0);
  await shot(page, 'dashboards');

  // The other start forms, each reachable and named.
  for (const [tab, heading] of [
    ['Requisition', 'Raise a requisition'],
    ['Ticket', 'Open a ticket'],
    ['Manufacturing order', 'Create a manufacturing order'],
  ]) {
    await page.getByRole('link', { name: 'Start' }).click();
    await page.getByRole('navigation', { name: 'What to start' }).getByRole('link', { name: tab }).click();
    await page.getByRole('heading', { name: heading }).waitFor();
    await shot(page, `start-${tab.toLowerCase().replace(/ /g, '-')}`);
  }
  await page.close();
  expect(pageErrors).toEqual([]);
});
