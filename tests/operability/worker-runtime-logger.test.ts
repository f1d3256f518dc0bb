// A worker process's Temporal runtime writes the SDK's messages as JSON lines, with the SDK's context.
import { freePort } from '../../scripts/ports';
import { Writable } from 'node:stream';
import { Runtime } from '@temporalio/worker';
import { createLogger } from '../../observability/logger';
import { installWorkerRuntime } from '../../observability/worker-runtime';
import { loadConfig } from '../../config';

const lines: Record<string, any>[] = [];
const destination = new Writable({
  write(chunk, _enc, done) {
    for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
    done();
  },
});

let metricsPort: number;
beforeAll(async () => {
  metricsPort = await freePort();
  const logger = createLogger({ level: 'debug', destination }).child({ service: 'workers', roles: ['operations'] });
  // This file's own runtime (each test file runs in its own module registry); nothing else installs one here.
  installWorkerRuntime(loadConfig({ WORKER_METRICS_PORT: String(metricsPort) }), logger);
});

test('the SDK metrics exporter answers on WORKER_METRICS_PORT, and says where in the log', async () => {
  expect(lines).toContainEqual(
    expect.objectContaining({ msg: 'worker metrics exporter listening', metrics: `http://127.0.0.1:${metricsPort}/metrics` }),
  );
  const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
  expect(res.status).toBe(200);
});

test('the runtime logger forwards an SDK message to the JSON logger, keeping its meta and level', () => {
  lines.length = 0;
  const sdk = Runtime.instance().logger;
  sdk.warn('Activity failed', {
    sdkComponent: 'activity',
    taskQueue: 'operations',
    workflowId: 'order-SO-00001',
    runId: 'run-1',
    activityType: 'reserveStock',
    error: new Error('warehouse busy'),
  });
  sdk.debug('Workflow bundle created', { sdkComponent: 'worker' });

  expect(lines[0]).toMatchObject({
    level: 40,
    msg: 'Activity failed',
    service: 'workers',
    roles: ['operations'],
    sdkComponent: 'activity',
    taskQueue: 'operations',
    workflowId: 'order-SO-00001',
    runId: 'run-1',
    activityType: 'reserveStock',
    error: { message: 'warehouse busy', type: 'Error' },
  });
  expect(lines[1]).toMatchObject({ level: 20, msg: 'Workflow bundle created', sdkComponent: 'worker' });
});

test('WORKER_METRICS_PORT is a port or unset; unset starts no exporter', () => {
  expect(loadConfig({}).WORKER_METRICS_PORT).toBeUndefined();
  expect(loadConfig({ WORKER_METRICS_PORT: '9464' }).WORKER_METRICS_PORT).toBe(9464);
  expect(() => loadConfig({ WORKER_METRICS_PORT: 'ninety' })).toThrow(/WORKER_METRICS_PORT/);
  expect(() => loadConfig({ WORKER_METRICS_PORT: '70000' })).toThrow(/WORKER_METRICS_PORT/);
});
