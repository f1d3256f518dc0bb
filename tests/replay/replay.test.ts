// Recorded histories (tests/replay/histories, written by scripts/record-histories.ts) replayed
// against the current workflow bundle: a change to a workflow's command sequence that is not
// behind patched() fails here, before it meets the runs that are open in production.
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DeterminismViolationError } from '@temporalio/workflow';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { RecordedHistory } from '../../scripts/record-histories';

const DIR = path.join(__dirname, 'histories');
const fixtures: RecordedHistory[] = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8')) as RecordedHistory);
// Replay workers log every state change at INFO; only errors matter here.
beforeAll(() => Runtime.install({ logger: new DefaultLogger('ERROR') }));

const bundle = () => ({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } });

/** The processes the orchestration worker runs: the names workflows/index.ts exports. */
const workflowTypes = () =>
  [...fs.readFileSync(path.join(__dirname, '../../workflows/index.ts'), 'utf8').matchAll(/export \{ (\w+) \}/g)].map((m) => m[1]).sort();

test('every workflow has a closed and a running history on record', () => {
  const types = workflowTypes();
  expect(types.length).toBeGreaterThanOrEqual(4);
  expect([...new Set(fixtures.filter((f) => f.status === 'COMPLETED').map((f) => f.workflowType))].sort()).toEqual(types);
  expect(fixtures.filter((f) => f.status === 'RUNNING').map((f) => f.workflowType)).toEqual(expect.arrayContaining(types));
});

test.each(fixtures.map((f) => [f.scenario, f] as const))('%s replays on the current code', async (_name, f) => {
  const history = historyFromJSON(f.history);
  expect(history.events?.length).toBeGreaterThan(0);
  await Worker.runReplayHistory(bundle(), history, f.workflowId);
});

test('all histories replay on one replay worker, none failing', async () => {
  const failures: string[] = [];
  const histories = fixtures.map((f) => ({ workflowId: f.workflowId, history: historyFromJSON(f.history) }));
  for await (const result of Worker.runReplayHistories(bundle(), histories)) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
});

describe('the replay catches a changed command sequence', () => {
  // The order process with a timer added before its first step (tests/replay/altered/workflows.ts).
  let altered: { codePath: string };
  beforeAll(async () => {
    const code = (await bundleWorkflowCode({ workflowsPath: require.resolve('./altered/workflows'), logger: quietLogger })).code;
    const file = path.join(path.dirname(process.env.TEST_WORKFLOW_BUNDLE!), 'altered-workflows.js');
    fs.writeFileSync(file, code);
    altered = { codePath: file };
  });
  const paid = () => fixtures.find((f) => f.scenario === 'order-paid')!;

  test('without patched(): a recorded order no longer replays', async () => {
    const f = paid();
    await expect(Worker.runReplayHistory({ workflowBundle: altered }, historyFromJSON(f.history), f.workflowId)).rejects.toBeInstanceOf(
      DeterminismViolationError,
    );
  });

  test('behind patched(): the same recorded order replays', async () => {
    const f = paid();
    const history = historyFromJSON(f.history);
    history.events![0].workflowExecutionStartedEventAttributes!.workflowType!.name = 'orderToDeliveryPatched';
    await Worker.runReplayHistory({ workflowBundle: altered }, history, f.workflowId);
  });
});

const quietLogger = { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } as never;
