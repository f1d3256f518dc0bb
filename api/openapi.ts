// The OpenAPI document and the docs page, generated from the endpoint registry and the same zod
// schemas the routes validate with, so the document says what the server enforces.
import { z } from 'zod';
import { AppErrorCode } from '../domain/errors';
import type { Access, Endpoint } from './endpoint';
import { HTTP_ONLY_CODES } from './errors';
import { ENDPOINTS } from './registry';

// A character String.prototype.trim() keeps (spelled out: Python's and JavaScript's \s differ).
const KEPT = '[^\\u0000\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';

const NO_NUL = '^[^\\u0000]*$';

/**
 * Strings that are trimmed before their minimum length is checked (`z.string().trim().min(n)`)
 * need n characters besides surrounding whitespace; minLength alone would call "  a" valid. Such a
 * schema refuses n spaces but accepts n letters; the pattern then says what the server checks.
 * Every other free text gets a pattern that excludes the NUL character, which the API refuses.
 */
function trimmedMinimum({ zodSchema, jsonSchema }: { zodSchema: z.core.$ZodType; jsonSchema: z.core.JSONSchema.BaseSchema }) {
  const n = jsonSchema.minLength;
  if (jsonSchema.type !== 'string' || jsonSchema.pattern || jsonSchema.enum || jsonSchema.format) return;
  const parse = (v: string) => z.safeParse(zodSchema, v).success;
  const trimmed = !!n && parse('x'.repeat(n)) && !parse(' '.repeat(n));
  // No text may carry a NUL (see text-input.ts); a pattern of the schema's own already excludes it.
  if (!trimmed) jsonSchema.pattern = NO_NUL;
  else jsonSchema.pattern = n === 1 ? KEPT : `${KEPT}[^\\u0000]{${n - 2},}${KEPT}`;
}

const schema = (s: z.ZodType) => {
  const { $schema: _, ...json } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any', override: trimmedMinimum });
  return json;
};

// What the server answers: output types (a default is filled in, a transform has run).
const responseSchema = (s: z.ZodType) => {
  const { $schema: _, ...json } = z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' });
  return json;
};

const ERROR_BODY = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: [...Object.values(AppErrorCode), ...HTTP_ONLY_CODES] },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
        },
      },
    },
  },
};

// Lists answer one page; its items are the records' summaries.
const PAGE = {
  type: 'object',
  required: ['page', 'pageSize', 'total', 'items'],
  properties: {
    page: { type: 'integer', minimum: 1 },
    pageSize: { type: 'integer', minimum: 1 },
    total: { type: 'integer', minimum: 0 },
    items: { type: 'array', items: { type: 'object' } },
  },
};

const ERRORS: Record<number, string> = {
  400: 'Invalid input; error.details lists each bad field',
  401: 'Missing or unknown X-API-Key',
  403: 'The key lacks the role, or the rule forbids this user',
  404: 'Not found',
  409: 'Not allowed in the current state; error.message says why',
  413: 'Body larger than 1 MB',
  415: 'The body is not application/json',
  422: 'The Idempotency-Key was used before with another body',
  503: 'Temporal or a database is unreachable; retry later',
};

export const describeAccess = (a: Access) =>
  a === 'anyone'
    ? "Any key; a customer-portal key sees only its own customer's records"
    : a === 'staff'
      ? 'Any staff key (not a customer-portal key)'
      : `Roles: ${a.roles.join(', ')}${a.note ? ` (${a.note})` : ''}; admin may do everything`;

/** The error statuses an endpoint can answer with, from what it takes and does. */
export function errorStatuses(e: Endpoint): number[] {
  return [
    400,
    401,
    403,
    ...(e.params || e.method === 'post' ? [404] : []),
    ...(e.stateful ? [409] : []),
    ...(e.body ? [413, 415] : []),
    ...(e.idempotent ? [422] : []),
    503,
  ];
}

const json = (s: object) => ({ 'application/json': { schema: s } });

/** The success body: the endpoint's response schema where it has one (a page's items for a list), else its shape only. */
function successBody(e: Endpoint): object {
  if (!e.response) return e.returns === 'page' ? { $ref: '#/components/schemas/Page' } : { type: 'object' };
  const record = responseSchema(e.response);
  if (e.returns !== 'page') return record;
  return { ...PAGE, properties: { ...PAGE.properties, items: { type: 'array', items: record } } };
}

function operation(e: Endpoint & { id: string }) {
  const params = e.params
    ? Object.entries(e.params.shape).map(([name, s]) => ({ name, in: 'path', required: true, schema: schema(s as z.ZodType) }))
    : [];
  const query = e.query
    ? Object.entries(e.query.shape).map(([name, s]) => ({ name, in: 'query', required: false, schema: schema(s as z.ZodType) }))
    : [];
  const headers = e.idempotent
    ? [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', minLength: 1, maxLength: 200 },
          description: 'Repeat the request safely',
        },
      ]
    : [];
  const responses: Record<string, unknown> = {};
  const body = successBody(e);
  for (const s of e.success) responses[s] = { description: s === 201 ? 'Created' : 'OK', content: json(body) };
  for (const s of errorStatuses(e)) responses[s] = { description: ERRORS[s], content: json({ $ref: '#/components/schemas/Error' }) };
  return {
    operationId: e.id,
    summary: e.summary,
    description: describeAccess(e.access),
    'x-access': e.access,
    parameters: [...params, ...query, ...headers],
    ...(e.body ? { requestBody: { required: !e.bodyOptional, content: json(schema(e.body)) } } : {}),
    responses,
  };
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of ENDPOINTS) (paths[e.path] ??= {})[e.method] = operation(e);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Business process engine API',
      version: '0.1.0',
      description:
        'Send X-API-Key with every /api request. Undeclared methods on a known path answer 405 with an Allow header; bodies must be application/json (else 415).',
    },
    components: {
      securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' } },
      schemas: { Error: ERROR_BODY, Page: PAGE },
    },
    security: [{ apiKey: [] }],
    paths,
  };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A self-contained page (no CDN): every endpoint with who may call it and its request schema. */
export function docsPage(): string {
  const rows = ENDPOINTS.map(
    (e) =>
      `<section><h3><code>${e.method.toUpperCase()} ${esc(e.path)}</code></h3><p>${esc(e.summary)} — <em>${esc(describeAccess(e.access))}</em></p>` +
      `${e.body ? `<details><summary>Request body</summary><pre>${esc(JSON.stringify(schema(e.body), null, 2))}</pre></details>` : ''}` +
      `${e.query ? `<details><summary>Query</summary><pre>${esc(JSON.stringify(schema(e.query), null, 2))}</pre></details>` : ''}</section>`,
  ).join('\n');
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>API docs</title><style>body{font:15px system-ui;max-width:60em;margin:2em auto;padding:0 1em}pre{background:#f4f4f4;padding:1em;overflow:auto}section{border-top:1px solid #ddd}</style></head>` +
    `<body><h1>Business process engine API</h1><p>Authenticate with the <code>X-API-Key</code> header. Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>.</p>${rows}</body></html>`
  );
}
