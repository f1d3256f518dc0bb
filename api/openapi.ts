// The OpenAPI document is generated from the same zod schemas the routes validate with.
import { z } from 'zod';
import type { Endpoint } from './endpoint';
import { orderEndpoints } from './routes/orders.docs';
import { procurementEndpoints } from './routes/procurement.docs';
import { taskEndpoints } from './routes/tasks.docs';
import { ticketEndpoints } from './routes/tickets.docs';

const ENDPOINTS: Endpoint[] = [...orderEndpoints, ...taskEndpoints, ...procurementEndpoints, ...ticketEndpoints];

const schema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of ENDPOINTS) {
    const params = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = e.query ? Object.entries(e.query.shape).map(([name, s]) => ({ name, in: 'query', required: false, schema: schema(s as z.ZodType) })) : [];
    (paths[e.path] ??= {})[e.method] = {
      summary: e.summary,
      description: e.roles ? `Roles: ${e.roles} (admin may do everything)` : undefined,
      parameters: [...params, ...query],
      ...(e.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(e.body) } } } } : {}),
      responses: {
        200: { description: 'OK' }, 201: { description: 'Created' },
        400: { description: 'Invalid input; error.details lists each bad field' }, 401: { description: 'Missing or unknown X-API-Key' },
        403: { description: 'Missing role' }, 404: { description: 'Not found' }, 409: { description: 'Not allowed in the current state; error.message says why' },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Business process engine API', version: '0.1.0', description: 'Send X-API-Key with every /api request.' },
    components: { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' } } },
    security: [{ apiKey: [] }],
    paths,
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A self-contained page (no CDN): every endpoint with its roles and request schema. */
export function docsPage(): string {
  const rows = ENDPOINTS.map((e) => `<section><h3><code>${e.method.toUpperCase()} ${esc(e.path)}</code></h3><p>${esc(e.summary)}${e.roles ? ` — <em>roles: ${esc(e.roles)}</em>` : ''}</p>` +
    `${e.body ? `<details><summary>Request body</summary><pre>${esc(JSON.stringify(schema(e.body), null, 2))}</pre></details>` : ''}` +
    `${e.query ? `<details><summary>Query</summary><pre>${esc(JSON.stringify(schema(e.query), null, 2))}</pre></details>` : ''}</section>`).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>API docs</title><style>body{font:15px system-ui;max-width:60em;margin:2em auto;padding:0 1em}pre{background:#f4f4f4;padding:1em;overflow:auto}section{border-top:1px solid #ddd}</style></head>` +
    `<body><h1>Business process engine API</h1><p>Authenticate with the <code>X-API-Key</code> header. Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>.</p>${rows}</body></html>`;
}
