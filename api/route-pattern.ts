// The route pattern of a request (`/api/orders/{number}`, as in the OpenAPI document), for logs and
// metrics: labelling by the raw path would make one time series per order number.
import type { Request } from 'express';
import type { Endpoint } from './endpoint';

/** Paths served outside the endpoint registry. */
const FIXED = new Set(['/health', '/metrics', '/api/openapi.json', '/api/docs']);

export function routePatterns(endpoints: readonly Endpoint[]): (req: Request) => string {
  const compiled = endpoints.map((e) => ({
    method: e.method.toUpperCase(),
    path: e.path,
    re: new RegExp(`^${e.path.replace(/\{\w+\}/g, '[^/]+')}/?$`, 'i'),
  }));
  return (req) => {
    const path = req.path;
    if (FIXED.has(path)) return path;
    // The console's static files are one route: their names say nothing about the API's use. Read from
    // the original URL, since the console's router strips its mount path while it serves a file.
    const original = req.originalUrl.split('?')[0];
    if (original === '/console' || original.startsWith('/console/')) return '/console/*';
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    // The first match in registration order, as Express matches; another method on a known path still names it.
    const hit = compiled.find((c) => c.method === method && c.re.test(path)) ?? compiled.find((c) => c.re.test(path));
    return hit?.path ?? 'unmatched';
  };
}
