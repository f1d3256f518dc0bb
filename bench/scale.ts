// Section 5, scale: many open processes waiting on people. Starts `processes` real orders through the
// API, each from a customer whose credit limit puts it on a credit-hold approval task, and lets every one
// of them reach that task. Then, at that size: the approver's task inbox and the process search
// (p50/p95 over `calls` calls after a warm-up), and for each workflow cache size the product's worker
// process is restarted with WORKER_MAX_CACHED_WORKFLOWS set to it, every waiting process is queried once
// (so the cache fills and evicts as it would in use), and the worker's resident memory is read from
// /proc together with the round trip of deciding a waiting process that is in the cache and one that
// has been evicted (its history is replayed first).
import fs from 'node:fs';
import os from 'node:os';
import { KEYS } from '../scripts/chaos/client';
import { orderStateQuery, orderWorkflowId } from '../workflows/order/messages';
import { ApiClient } from './api-client';
import { percentile, pool, say, sleep } from './measure';
import type { System } from './system';

// Standard-tier customers: 3,000 units at a list price of at least 15.00 is over every one's limit.
const HOLD_CUSTOMERS = ['C-0001', 'C-0002', 'C-0003', 'C-0005'];
const HOLD_QUANTITY = 3000;
const START_CLIENTS = 8;
const TOUCH_CLIENTS = 8;

export interface Latency {
  p50: number;
  p95: number;
}
export interface CacheRun {
  cacheSize: number;
  /** Resident memory of the worker process, MiB: just started, after every process was queried once, after the decisions. */
  rssStartedMiB: number;
  rssTouchedMiB: number;
  rssAfterDecisionsMiB: number;
  /** Querying every waiting process once, in seconds. */
  touchSeconds: number;
  /** Round trips of POST /api/tasks/{id}/decision, ms: the process in the cache, and evicted from it. */
  decideCachedMs: number[];
  decideEvictedMs: number[];
}
export interface ScaleResult {
  processes: number;
  startSeconds: number;
  inbox: Latency & { total: number };
  searches: (Latency & { query: string; count: number })[];
  caches: CacheRun[];
  loadAverage: number[];
}

const latency = (ms: number[]): Latency => ({ p50: percentile(ms, 0.5), p95: percentile(ms, 0.95) });

async function timed(calls: number, call: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(5, calls); i++) await call();
  const ms: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t = performance.now();
    await call();
    ms.push(performance.now() - t);
  }
  return ms;
}

/** The largest resident set among the processes of the worker's process group (the node process running the workers), MiB. */
export function groupRssMiB(leader: number): number {
  let most = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid pgrp ...: comm may hold spaces, so count from its closing parenthesis.
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp !== leader) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${entry}/status`, 'utf8'));
      if (rss) most = Math.max(most, Number(rss[1]) / 1024);
    } catch {
      /* the process ended meanwhile */
    }
  }
  return most;
}

export async function scale(
  system: System,
  opts: { processes: number; cacheSizes: number[]; calls: number; today: string },
): Promise<ScaleResult> {
  const operator = new ApiClient(system.api);
  const approver = new ApiClient(system.api, KEYS.approver);
  const openHolds = async () => (await approver.call<{ total: number }>('GET', '/tasks?role=approver&status=open&pageSize=1')).total;
  const before = await openHolds();
  const sizes = [...opts.cacheSizes];
  // Each cache size decides `calls` processes in and `calls` out of its cache; those must exist.
  const decisions = Math.max(1, Math.min(opts.calls, Math.floor(opts.processes / (4 * sizes.length))));

  say(`scale: starting ${opts.processes} orders that go on credit hold (${START_CLIENTS} concurrent API clients)`);
  const numbers: string[] = new Array(opts.processes);
  const step = Math.max(1, Math.floor(opts.processes / 10));
  const t0 = performance.now();
  let created = 0;
  await pool(opts.processes, START_CLIENTS, async (i) => {
    const r = await operator.call<{ number: string }>('POST', '/orders', {
      customer: HOLD_CUSTOMERS[i % HOLD_CUSTOMERS.length],
      requestedDate: opts.today,
      deliverySteps: 1,
      lines: [{ sku: `GD-${String((i % 20) + 1).padStart(3, '0')}`, quantity: HOLD_QUANTITY }],
    });
    numbers[i] = r.number;
    if (++created % step === 0) {
      const s = (performance.now() - t0) / 1000;
      say(
        `  ${created}/${opts.processes} created in ${s.toFixed(0)} s (${(created / s).toFixed(1)}/s), load ${os.loadavg()[0].toFixed(1)}`,
      );
    }
  });
  for (let last = -1; ;) {
    const waiting = (await openHolds()) - before;
    if (waiting >= opts.processes) break;
    if (waiting !== last) say(`  ${waiting}/${opts.processes} waiting on an approver`);
    last = waiting;
    await sleep(2000);
  }
  const startSeconds = (performance.now() - t0) / 1000;
  say(`  ${opts.processes} processes waiting on an approver after ${startSeconds.toFixed(0)} s`);

  say(`scale: the approver's inbox and the process search at ${opts.processes} open processes (${opts.calls} calls each)`);
  const inboxMs = await timed(opts.calls, () => approver.call('GET', '/tasks?role=approver'));
  const inbox = { ...latency(inboxMs), total: await openHolds() };
  const searches: ScaleResult['searches'] = [];
  for (const query of ['kind=order&status=credit_hold', 'waitingOn=role&waitingFor=approver&customer=C-0002']) {
    const ms = await timed(opts.calls, () => operator.call('GET', `/processes?${query}`));
    const { count } = await operator.call<{ count: number }>('GET', `/processes?${query}&pageSize=1`);
    searches.push({ query, count, ...latency(ms) });
  }

  say(
    `  inbox p50/p95 ${inbox.p50.toFixed(0)}/${inbox.p95.toFixed(0)} ms; ` +
      searches.map((x) => `${x.query} ${x.p50.toFixed(0)}/${x.p95.toFixed(0)} ms`).join('; '),
  );
  const caches: CacheRun[] = [];
  let open = [...numbers];
  for (const cacheSize of sizes) {
    say(`scale: worker cache of ${cacheSize} runs: restarting the workers, querying every waiting process once`);
    await system.restartWorkers({ WORKER_MAX_CACHED_WORKFLOWS: String(cacheSize) });
    const pid = system.workers.pid!;
    const rssStartedMiB = groupRssMiB(pid);
    // The processes still waiting, in the order they are touched: the last ones stay in the cache.
    const waiting = open;
    let touched = 0;
    const touchSeconds = await pool(waiting.length, TOUCH_CLIENTS, async (i) => {
      await system.client.workflow.getHandle(orderWorkflowId(waiting[i])).query(orderStateQuery);
      if (++touched % step === 0) say(`  ${touched}/${waiting.length} queried`);
    });
    const rssTouchedMiB = groupRssMiB(pid);
    const decided = new Set<string>();
    const decide = async (number: string) => {
      decided.add(number);
      const t = performance.now();
      await approver.call('POST', `/tasks/${encodeURIComponent(`${orderWorkflowId(number)}:credit-hold`)}/decision`, {
        decision: 'reject',
        comment: 'benchmark',
      });
      return performance.now() - t;
    };
    const decideCachedMs: number[] = [];
    const decideEvictedMs: number[] = [];
    // Most recently queried: still cached. Queried first, with more than the cache queried since: evicted.
    const evictedToo = waiting.length > cacheSize + 2 * decisions;
    for (let k = 0; k < decisions; k++) {
      decideCachedMs.push(await decide(waiting[waiting.length - 1 - k]));
      if (evictedToo) decideEvictedMs.push(await decide(waiting[k]));
    }
    const rssAfterDecisionsMiB = groupRssMiB(pid);
    open = waiting.filter((n) => !decided.has(n));
    caches.push({ cacheSize, rssStartedMiB, rssTouchedMiB, rssAfterDecisionsMiB, touchSeconds, decideCachedMs, decideEvictedMs });
    say(
      `  RSS ${rssStartedMiB.toFixed(0)} MiB started, ${rssTouchedMiB.toFixed(0)} MiB after querying ${waiting.length} in ${touchSeconds.toFixed(0)} s, ` +
        `${rssAfterDecisionsMiB.toFixed(0)} MiB after deciding; decide p50 cached ${percentile(decideCachedMs, 0.5).toFixed(0)} ms, ` +
        `evicted ${evictedToo ? percentile(decideEvictedMs, 0.5).toFixed(0) + ' ms' : '–'}`,
    );
  }
  // Leave the workers as the product runs them, on the configured default.
  await system.restartWorkers({});
  return { processes: opts.processes, startSeconds, inbox, searches, caches, loadAverage: os.loadavg() };
}
