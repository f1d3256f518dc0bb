// One JSON line per API request (pino-http): method, route pattern, status, duration, request id and
// the acting user's name once authenticated. Headers are not logged at all, so no API key can leak.
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../observability/logger';

// A caller's own request id is kept when it looks like one (a proxy's trace id), so lines correlate.
const REQUEST_ID = /^[\w.:-]{1,100}$/;

export function requestLog(logger: Logger, route: (req: Request) => string): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customAttributeKeys: { responseTime: 'durationMs' },
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    // Read when the response is finished, so authentication has named the user by then.
    customProps: (req) => ({ requestId: req.id, route: route(req as Request), user: (req as Request).user?.name }),
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    customSuccessMessage: (req, res) => `${req.method} ${route(req as Request)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${route(req as Request)} ${res.statusCode}`,
  }) as unknown as RequestHandler;
}
