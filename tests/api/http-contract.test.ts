// What the OpenAPI document promises at the HTTP level: undeclared methods are 405 with Allow,
// bodies must be JSON (415 otherwise), path parameters and decisions are constrained as served.
import { ENDPOINTS } from '../../api/registry';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const raw = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
  fetch(`${(h as unknown as { baseUrl: string }).baseUrl}${path}`, { method, headers: { 'x-api-key': 'k-admin', ...headers }, body });

test('an undeclared method on a known path is 405 naming the allowed methods', async () => {
  const del = await raw('DELETE', '/api/orders/SO-00001');
  expect(del.status).toBe(405);
  expect(del.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  expect(((await del.json()) as { error: { code: string } }).error.code).toBe('METHOD_NOT_ALLOWED');
  const put = await raw('PUT', '/api/orders', { 'content-type': 'application/json' }, '{}');
  expect([put.status, put.headers.get('allow')]).toEqual([405, 'POST, GET, HEAD, OPTIONS']);
  expect((await raw('GET', '/api/orders/SO-00001/cancel')).status).toBe(405);
  const options = await raw('OPTIONS', '/api/tickets/TCK-00001/visits');
  expect([options.status, options.headers.get('allow')]).toEqual([204, 'POST, OPTIONS']);
  expect((await raw('DELETE', '/api/no-such-thing')).status).toBe(404);
});

test('a body that is not JSON is 415 and nothing is written', async () => {
  const before = await h.stores.operations.salesOrder.count();
  const text = await raw('POST', '/api/orders', { 'content-type': 'text/plain' }, '{"customer":"C-0001"}');
  expect(text.status).toBe(415);
  expect(((await text.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  expect((await raw('POST', '/api/orders', {}, 'customer=C-0001')).status).toBe(415);
  expect((await raw('POST', '/api/orders', { 'content-type': 'application/json; charset=latin1' }, '{}')).status).toBe(415);
  expect((await raw('POST', '/api/orders', { 'content-type': 'application/json' }, '{"customer": ')).status).toBe(400);
  expect(await h.stores.operations.salesOrder.count()).toBe(before);
});

test('the document declares patterns, enums, statuses and error bodies as the server enforces them', async () => {
  const doc = (await h.get('/api/openapi.json', null)).body;
  const op = (method: string, path: string) => doc.paths[path][method];
  expect(Object.values(doc.paths).flatMap((p) => Object.keys(p as object))).toHaveLength(ENDPOINTS.length);
  const orderNumber = op('get', '/api/orders/{number}').parameters[0];
  expect(orderNumber).toMatchObject({ in: 'path', required: true, schema: { type: 'string', pattern: '^SO-\\d{5,}$' } });
  expect((await h.get('/api/orders/SO-1')).status).toBe(400); // the pattern is what the server checks
  const decision = op('post', '/api/tasks/{id}/decision').requestBody.content['application/json'].schema.properties.decision;
  expect(decision.enum).toEqual(expect.arrayContaining(['approve', 'reject', 'done', 'category:hardware']));
  expect(Object.keys(op('post', '/api/orders').responses)).toEqual([
    '200',
    '201',
    '400',
    '401',
    '403',
    '404',
    '409',
    '413',
    '415',
    '422',
    '503',
  ]);
  expect(op('post', '/api/orders').responses['415'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
  expect(doc.components.schemas.Error.properties.error.properties.code.enum).toEqual(
    expect.arrayContaining(['INVALID_INPUT', 'METHOD_NOT_ALLOWED']),
  );
  expect(op('post', '/api/purchase-orders/{number}/invoices')['x-access']).toEqual({ roles: ['ap_clerk'] });
  expect(op('get', '/api/tickets').responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Page' });
  // Trimmed texts: the pattern counts what is left after trimming, as the server does.
  const reason = op('post', '/api/orders/{number}/cancel').requestBody.content['application/json'].schema.properties.reason;
  expect(['abc', ' a b ', '  ab  ', '\f\u000e!'].map((v) => new RegExp(reason.pattern).test(v))).toEqual([true, true, false, false]);
  expect(doc.components.schemas.Page.required).toEqual(['page', 'pageSize', 'total', 'items']);
});

test('a NUL character in any text is 400 naming the field, documented, and nothing is written', async () => {
  const before = await h.stores.operations.salesOrder.count();
  const list = await h.get('/api/requisitions?requester=a%00b', 'buyer');
  expect(list.status).toBe(400);
  expect(list.body.error.details).toEqual([{ field: 'requester', message: expect.stringMatching(/NUL/) }]);
  const create = await h.post('/api/orders', { customer: 'C-0001', requestedDate: '2030-01-01', lines: [{ sku: 'X\u0000', quantity: 1 }] });
  expect(create.status).toBe(400);
  expect(create.body.error.details).toEqual([{ field: 'lines.0.sku', message: expect.stringMatching(/NUL/) }]);
  expect(await h.stores.operations.salesOrder.count()).toBe(before);
  const doc = (await h.get('/api/openapi.json', null)).body;
  const requester = doc.paths['/api/requisitions'].get.parameters.find((p: { name: string }) => p.name === 'requester');
  expect(new RegExp(requester.schema.pattern).test('a\u0000b')).toBe(false);
  expect(new RegExp(requester.schema.pattern).test('Rita Requester')).toBe(true);
});
