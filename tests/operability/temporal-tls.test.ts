// The connection options over a real TLS handshake: a local HTTP/2 server with its own CA asks for a
// client certificate (mTLS) and answers every gRPC call with an empty message. The client connection
// (API, scripts) and the native one (workers) must verify the server through the configured CA and
// server name, present the client certificate and send the API key.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http2 from 'node:http2';
import os from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../../config';
import { temporalConnectionOptions } from '../../config/temporal-connection';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-tls-'));
const p = (name: string) => path.join(dir, name);
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });

/** A CA, a server certificate for frontend.temporal.test and a client certificate, all signed by the CA. */
function makeCertificates() {
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=Test CA', '-keyout', 'ca.key', '-out', 'ca.pem');
  // Version 3 certificates with their purposes: the workers' TLS (rustls) accepts nothing older.
  fs.writeFileSync(p('server.ext'), 'subjectAltName=DNS:frontend.temporal.test\nextendedKeyUsage=serverAuth\n');
  fs.writeFileSync(p('client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const [name, cn, ext] of [
    ['server', 'frontend.temporal.test', ['-extfile', 'server.ext']],
    ['client', 'engine-client', ['-extfile', 'client.ext']],
  ] as const) {
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${cn}`, '-keyout', `${name}.key`, '-out', `${name}.csr`);
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '1',
      '-out',
      `${name}.pem`,
      ...ext,
    );
  }
}

interface Seen {
  path: string;
  authorization?: string;
  serverName?: string;
  clientCn?: string;
}
let server: http2.Http2SecureServer;
let port: number;
const seen: Seen[] = [];

beforeAll(async () => {
  makeCertificates();
  server = http2.createSecureServer({
    key: fs.readFileSync(p('server.key')),
    cert: fs.readFileSync(p('server.pem')),
    ca: fs.readFileSync(p('ca.pem')),
    requestCert: true,
    rejectUnauthorized: true,
  });
  server.on('stream', (stream, headers) => {
    const socket = stream.session?.socket as TLSSocket | undefined;
    seen.push({
      path: String(headers[':path']),
      authorization: headers.authorization as string | undefined,
      serverName: (socket as unknown as { servername?: string })?.servername,
      clientCn: socket?.getPeerCertificate()?.subject?.CN as string | undefined,
    });
    stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
    stream.end(Buffer.from([0, 0, 0, 0, 0])); // an empty message: the default answer of any call
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

const settings = (extra: NodeJS.ProcessEnv = {}) =>
  loadConfig({
    TEMPORAL_ADDRESS: `127.0.0.1:${port}`,
    TEMPORAL_TLS_CA_FILE: p('ca.pem'),
    TEMPORAL_TLS_CERT_FILE: p('client.pem'),
    TEMPORAL_TLS_KEY_FILE: p('client.key'),
    TEMPORAL_TLS_SERVER_NAME: 'frontend.temporal.test',
    TEMPORAL_API_KEY: 'secret-key',
    ...extra,
  });

test('the client connection verifies the server by the CA and server name, shows its certificate and sends the API key', async () => {
  seen.length = 0;
  const connection = await Connection.connect(temporalConnectionOptions(settings()));
  await connection.close();
  expect(seen.length).toBeGreaterThan(0);
  expect(seen[0]).toEqual({
    path: '/temporal.api.workflowservice.v1.WorkflowService/GetSystemInfo',
    authorization: 'Bearer secret-key',
    serverName: 'frontend.temporal.test',
    clientCn: 'engine-client',
  });
});

test('the workers’ native connection does the same', async () => {
  seen.length = 0;
  const connection = await NativeConnection.connect(temporalConnectionOptions(settings()));
  await connection.close();
  expect(seen.map((s) => s.path)).toContain('/temporal.api.workflowservice.v1.WorkflowService/GetSystemInfo');
  expect(seen.every((s) => s.authorization === 'Bearer secret-key' && s.clientCn === 'engine-client')).toBe(true);
  expect(seen[0].serverName).toBe('frontend.temporal.test');
});

test('without the CA the server is not trusted, and without the client certificate the server refuses', async () => {
  seen.length = 0;
  const noCa = temporalConnectionOptions(settings({ TEMPORAL_TLS_CA_FILE: undefined }));
  await expect(Connection.connect({ ...noCa, connectTimeout: 3_000 })).rejects.toThrow();
  const noCert = temporalConnectionOptions(settings({ TEMPORAL_TLS_CERT_FILE: undefined, TEMPORAL_TLS_KEY_FILE: undefined }));
  await expect(Connection.connect({ ...noCert, connectTimeout: 3_000 })).rejects.toThrow();
  expect(seen).toEqual([]);
});
