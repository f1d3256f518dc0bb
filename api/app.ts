import express, { type RequestHandler } from 'express';
import { authenticate, requireAccess } from './auth';
import { consoleRoutes } from './console';
import type { AppDeps } from './deps';
import { expressPath, type Endpoint } from './endpoint';
import { AppErrorCode } from '../domain/errors';
import { errorHandler, httpError } from './errors';
import { docsPage, openApiDocument } from './openapi';
import { ENDPOINTS, boundEndpoints } from './registry';
import { refuseNulCharacters } from './text-input';
import { metricsEndpoint, requestTimer } from './metrics';
import { requestLog } from './request-log';
import { routePatterns } from './route-pattern';
import { rootLogger } from '../observability/logger';

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  const route = routePatterns(ENDPOINTS);
  app.use(requestLog(deps.logger ?? rootLogger(), route), requestTimer(route));
  // Open like /health: a scraper has no API key, and the figures name no customer or record.
  app.get('/metrics', metricsEndpoint(deps));
  app.get('/health', (_req, res) => void res.json({ ok: true }));
  app.get('/api/openapi.json', (_req, res) => void res.json(openApiDocument()));
  app.get('/api/docs', (_req, res) => void res.type('html').send(docsPage()));
  app.use('/console', consoleRoutes(deps.consoleDir));
  app.use(methodCheck(ENDPOINTS));
  app.use('/api', authenticate(deps.users));
  for (const { endpoint, handler } of boundEndpoints(deps)) {
    app[endpoint.method](
      expressPath(endpoint.path),
      requireAccess(endpoint.access),
      ...(endpoint.body ? jsonBody : []),
      refuseNulCharacters,
      handler,
    );
  }
  app.use(
    '/api',
    (req, res) =>
      void res.status(404).json(httpError(AppErrorCode.NOT_FOUND, `No endpoint ${req.method} ${req.originalUrl}; see /api/docs`)),
  );
  app.use(errorHandler);
  return app;
}

// Only JSON is read; a body in any other type is refused before it is parsed, not misread as empty.
const jsonBody: RequestHandler[] = [
  (req, res, next) => {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (hasBody && !req.is('application/json')) {
      res
        .status(415)
        .json(
          httpError(
            'UNSUPPORTED_MEDIA_TYPE',
            `Send the body as application/json (got ${req.headers['content-type'] ?? 'no Content-Type'})`,
          ),
        );
      return;
    }
    next();
  },
  express.json({ limit: '1mb' }),
];

/**
 * A known path called with a method it does not serve answers 405 with the methods it does (Allow),
 * before authentication: the methods are public in the OpenAPI document anyway.
 */
function methodCheck(endpoints: readonly Endpoint[]): RequestHandler {
  const paths = new Map<string, { re: RegExp; methods: Set<string> }>();
  for (const e of endpoints) {
    const p = paths.get(e.path) ?? { re: new RegExp(`^${e.path.replace(/\{\w+\}/g, '[^/]+')}/?$`, 'i'), methods: new Set<string>() };
    p.methods.add(e.method.toUpperCase());
    if (e.method === 'get') p.methods.add('HEAD');
    paths.set(e.path, p);
  }
  return (req, res, next) => {
    const allowed = new Set<string>();
    for (const p of paths.values()) if (p.re.test(req.path)) p.methods.forEach((m) => allowed.add(m));
    if (allowed.size === 0 || allowed.has(req.method)) return next();
    const allow = [...allowed, 'OPTIONS'].join(', ');
    res.set('Allow', allow);
    if (req.method === 'OPTIONS') return void res.status(204).end();
    res.status(405).json(httpError('METHOD_NOT_ALLOWED', `${req.method} is not served on ${req.path}; allowed: ${allow}`));
  };
}
