// The Temporal runtime of a worker process, installed once before any worker is created: the SDK's
// own log lines (worker lifecycle, workflow and activity loggers) go to the JSON logger, and its
// metrics to a Prometheus exporter when WORKER_METRICS_PORT is set.
import { Runtime } from '@temporalio/worker';
import type { Config } from '../config';
import { temporalLogger, type Logger } from './logger';

export function installWorkerRuntime(cfg: Pick<Config, 'WORKER_METRICS_PORT' | 'WORKER_METRICS_HOST'>, logger: Logger): Runtime {
  const bindAddress = cfg.WORKER_METRICS_PORT ? `${cfg.WORKER_METRICS_HOST}:${cfg.WORKER_METRICS_PORT}` : undefined;
  const runtime = Runtime.install({
    logger: temporalLogger(logger),
    ...(bindAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress } } } } : {}),
  });
  if (bindAddress) logger.info({ metrics: `http://${bindAddress}/metrics` }, 'worker metrics exporter listening');
  return runtime;
}
