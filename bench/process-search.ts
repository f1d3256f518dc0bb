// Process search at scale, on its own Temporal dev server (SQLite visibility, as `npm start` runs it):
//   npx tsx bench/process-search.ts [processes=10000] [rounds=30]
// Starts `processes` workflows carrying the search attributes at their start (a workflow type no worker
// serves: they stay running, as long-lived business processes do), then times searchProcesses, the
// function behind GET /api/processes (visibility list + count, 50 per page), for several filters.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import { searchProcesses, type ProcessFilter } from '../domain/processes/process-search';
import { SA, searchAttributeFlags } from '../domain/processes/search-attributes';
import { spawnGroup, stopGroup } from '../scripts/process-group';
import { freePort, portOpen } from '../scripts/ports';
import { temporalCli } from '../scripts/temporal-binaries';
import { PROCESS_KINDS } from '../domain/processes/kinds';

const total = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 30);
const STATUSES = ['credit_hold', 'reserving', 'awaiting_delivery', 'awaiting_payment', 'overdue', 'in_progress', 'pending_approval'];
const WAITS = [
  { on: 'role', for: 'approver' },
  { on: 'partner', for: 'SWIFT' },
  { on: 'machine', for: 'CUT' },
  { on: 'timer', for: 'restock' },
  { on: 'person', for: 'Alice Agent' },
  { on: 'nothing' },
] as const;

/** The i-th process: spread over kinds, statuses, 60 customers, waits; every 10th past its due time. */
function attributes(i: number, now: number): SearchAttributePair[] {
  const wait = WAITS[i % WAITS.length];
  const pairs: SearchAttributePair[] = [
    { key: SA.kind, value: PROCESS_KINDS[i % PROCESS_KINDS.length] },
    { key: SA.document, value: `BN-${String(i).padStart(6, '0')}` },
    { key: SA.status, value: STATUSES[i % STATUSES.length] },
    { key: SA.customer, value: `C-${String((i % 60) + 1).padStart(4, '0')}` },
    { key: SA.waitingOn, value: wait.on },
    { key: SA.amount, value: 1000 + (i % 997) * 100 },
  ];
  if ('for' in wait) pairs.push({ key: SA.waitingFor, value: wait.for });
  if (wait.on !== 'nothing') pairs.push({ key: SA.dueAt, value: new Date(now + (i % 10 === 0 ? -1 : 1) * 86_400_000) });
  return pairs;
}

const FILTERS: [string, ProcessFilter][] = [
  ['all (newest 50)', {}],
  ['kind=order', { kind: 'order' }],
  ['status=credit_hold', { status: 'credit_hold' }],
  ['customer=C-0007', { customer: 'C-0007' }],
  ['waitingOn=role&waitingFor=approver', { waitingOn: 'role', waitingFor: 'approver' }],
  ['overdue=true', { overdue: true }],
  ['kind=order&status=credit_hold&customer=C-0007', { kind: 'order', status: 'credit_hold', customer: 'C-0007' }],
  ['document=BN-004242', { document: 'BN-004242' }],
];

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function main() {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-search-'));
  const server = spawnGroup(
    temporalCli(),
    [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--headless',
      '--db-filename',
      path.join(dir, 'temporal.db'),
      '--log-level',
      'error',
      ...searchAttributeFlags(),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  try {
    for (let i = 0; i < 120 && !(await portOpen(port, '127.0.0.1')); i++) await new Promise((r) => setTimeout(r, 500));
    const connection = await Connection.connect({ address: `127.0.0.1:${port}` });
    const temporal = new Client({ connection });
    const now = Date.now();
    console.log(`Starting ${total} processes on a dev server with SQLite visibility (${dir})`);
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < total) {
          const i = next++;
          await temporal.workflow.start('benchProcess', {
            taskQueue: 'bench-nobody-polls',
            workflowId: `bench-${i}`,
            typedSearchAttributes: attributes(i, now),
          });
          if ((i + 1) % 2000 === 0) console.log(`  ${i + 1}/${total} started`);
        }
      }),
    );
    console.log(`started in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const ctx = { temporal };
    // Visibility is written asynchronously: wait until every start is searchable.
    for (;;) {
      const { count } = await searchProcesses(ctx, {}, { pageSize: 1 });
      if (count >= total) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    console.log(`\n${total} running processes; ${rounds} searches per filter, 50 per page (list + count)\n`);
    console.log(
      `${'filter'.padEnd(48)} ${'matches'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'2nd page p50'.padStart(13)}`,
    );
    for (const [name, filter] of FILTERS) {
      const times: number[] = [];
      const nextTimes: number[] = [];
      let count = 0;
      for (let r = 0; r < rounds; r++) {
        const s = performance.now();
        const page = await searchProcesses(ctx, filter, { pageSize: 50 });
        times.push(performance.now() - s);
        count = page.count;
        if (page.nextPageToken) {
          const s2 = performance.now();
          await searchProcesses(ctx, filter, { pageSize: 50, pageToken: page.nextPageToken });
          nextTimes.push(performance.now() - s2);
        }
      }
      const second = nextTimes.length ? pct(nextTimes, 0.5).toFixed(1) : '–';
      console.log(
        `${name.padEnd(48)} ${String(count).padStart(8)} ${pct(times, 0.5).toFixed(1).padStart(8)} ${pct(times, 0.95).toFixed(1).padStart(8)} ${second.padStart(13)}`,
      );
    }
    await connection.close();
  } finally {
    await stopGroup(server.pid!, 10_000);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
