// The services' logs: one JSON object a line (pino), so a log shipper can index them without parsing
// prose. The level comes from LOG_LEVEL; the API's request lines and the workers' SDK messages
// (through the Temporal runtime logger) go through the same root logger.
import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import { config } from '../config';

export type { Logger } from 'pino';

/** A logger writing JSON lines to `destination` (default: standard output) at `level` (default: LOG_LEVEL). */
export function createLogger(opts: { level?: string; destination?: DestinationStream; service?: string } = {}): Logger {
  return pino(
    {
      level: opts.level ?? config().LOG_LEVEL,
      base: { service: opts.service ?? 'process-engine', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Credentials never reach a log line, whatever a caller passes in.
      redact: { paths: ['req.headers["x-api-key"]', 'req.headers.authorization', 'key', 'apiKey'], censor: '[redacted]' },
    },
    opts.destination,
  );
}

let root: Logger | undefined;
/** The process-wide logger, created on first use. */
export function rootLogger(): Logger {
  root ??= createLogger();
  return root;
}

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The Temporal SDK's logger interface over pino, for `Runtime.install({ logger })`: the SDK's meta
 * (sdkComponent, taskQueue, workflowId, runId, activityType, ...) becomes fields of the line.
 */
export function temporalLogger(logger: Logger): TemporalLogger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => {
    const fields: Record<string, unknown> = {};
    // Symbol keys (the SDK's internal markers) do not serialise; strings carry all the context.
    for (const [k, v] of Object.entries(meta ?? {})) fields[k] = v instanceof Error ? pino.stdSerializers.err(v) : v;
    logger[LEVELS[level] ?? 'info'](fields, message);
  };
  return {
    log,
    trace: (m, meta) => log('TRACE', m, meta),
    debug: (m, meta) => log('DEBUG', m, meta),
    info: (m, meta) => log('INFO', m, meta),
    warn: (m, meta) => log('WARN', m, meta),
    error: (m, meta) => log('ERROR', m, meta),
  };
}
