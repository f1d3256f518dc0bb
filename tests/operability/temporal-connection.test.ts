// The Temporal connection settings: bad combinations stop the start with the variable named, and the
// options the API, the workers and the scripts connect with carry exactly what was configured.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../config';
import { temporalConnectionOptions, temporalTlsEnabled } from '../../config/temporal-connection';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-tls-'));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};
const ca = file('ca.pem', '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n');
const crt = file('client.pem', '-----BEGIN CERTIFICATE-----\nCLIENT\n-----END CERTIFICATE-----\n');
const key = file('client.key', '-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const refused = (env: NodeJS.ProcessEnv) => {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('the configuration was accepted');
};

test('without TLS settings the connection is plain, to TEMPORAL_ADDRESS', () => {
  const cfg = loadConfig({ TEMPORAL_ADDRESS: 'temporal.internal:7233' });
  expect(temporalTlsEnabled(cfg)).toBe(false);
  expect(temporalConnectionOptions(cfg)).toEqual({ address: 'temporal.internal:7233' });
  expect(temporalConnectionOptions(cfg, '127.0.0.1:7433')).toEqual({ address: '127.0.0.1:7433' });
});

test('TEMPORAL_TLS=true alone uses the system CAs', () => {
  expect(temporalConnectionOptions(loadConfig({ TEMPORAL_TLS: 'true' }))).toEqual({ address: '127.0.0.1:7233', tls: {} });
});

test('mTLS: CA, client certificate and key are read from their files, the server name overrides the host', () => {
  const cfg = loadConfig({
    TEMPORAL_ADDRESS: '10.0.0.5:7233',
    TEMPORAL_TLS_CA_FILE: ca,
    TEMPORAL_TLS_CERT_FILE: crt,
    TEMPORAL_TLS_KEY_FILE: key,
    TEMPORAL_TLS_SERVER_NAME: 'frontend.temporal.internal',
  });
  expect(temporalTlsEnabled(cfg)).toBe(true);
  const options = temporalConnectionOptions(cfg);
  expect(options.address).toBe('10.0.0.5:7233');
  expect(options.apiKey).toBeUndefined();
  expect(options.tls?.serverNameOverride).toBe('frontend.temporal.internal');
  expect(Buffer.from(options.tls!.serverRootCACertificate!).toString()).toContain('CA');
  expect(Buffer.from(options.tls!.clientCertPair!.crt).toString()).toContain('CLIENT');
  expect(Buffer.from(options.tls!.clientCertPair!.key).toString()).toContain('PRIVATE KEY');
});

test('Temporal Cloud with an API key: TLS on by itself, the key sent', () => {
  const cfg = loadConfig({
    TEMPORAL_ADDRESS: 'eu-west-1.aws.api.temporal.io:7233',
    TEMPORAL_NAMESPACE: 'ns.acct',
    TEMPORAL_API_KEY: 'secret',
  });
  expect(temporalConnectionOptions(cfg)).toEqual({ address: 'eu-west-1.aws.api.temporal.io:7233', tls: {}, apiKey: 'secret' });
});

test('bad combinations are refused, naming the variable', () => {
  expect(refused({ TEMPORAL_TLS_CERT_FILE: crt })).toMatch(/TEMPORAL_TLS_KEY_FILE: must be set with TEMPORAL_TLS_CERT_FILE/);
  expect(refused({ TEMPORAL_TLS_KEY_FILE: key })).toMatch(/TEMPORAL_TLS_CERT_FILE: must be set with TEMPORAL_TLS_KEY_FILE/);
  expect(refused({ TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: 'secret' })).toMatch(
    /TEMPORAL_TLS: is false, but TEMPORAL_API_KEY need\(s\) TLS/,
  );
  expect(refused({ TEMPORAL_TLS: '0', TEMPORAL_TLS_CA_FILE: ca, TEMPORAL_TLS_SERVER_NAME: 'x' })).toMatch(
    /TEMPORAL_TLS: is false, but TEMPORAL_TLS_CA_FILE, TEMPORAL_TLS_SERVER_NAME need\(s\) TLS/,
  );
  expect(refused({ TEMPORAL_TLS: 'yes' })).toMatch(/TEMPORAL_TLS:/);
  expect(refused({ TEMPORAL_TLS_CA_FILE: path.join(dir, 'missing.pem') })).toMatch(/TEMPORAL_TLS_CA_FILE: must name a readable file/);
  expect(refused({ TEMPORAL_TLS_CERT_FILE: dir, TEMPORAL_TLS_KEY_FILE: key })).toMatch(/TEMPORAL_TLS_CERT_FILE: must name a readable file/);
  expect(refused({ TEMPORAL_API_KEY: '' })).toMatch(/TEMPORAL_API_KEY:/);
});
