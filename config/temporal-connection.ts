// The one way this project connects to Temporal: the API, the workers and the scripts all take
// their connection options from here, so TLS, mTLS and API keys work everywhere or nowhere.
import fs from 'node:fs';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import type { Config } from './index';

type TemporalSettings = Pick<
  Config,
  | 'TEMPORAL_ADDRESS'
  | 'TEMPORAL_TLS'
  | 'TEMPORAL_TLS_CA_FILE'
  | 'TEMPORAL_TLS_CERT_FILE'
  | 'TEMPORAL_TLS_KEY_FILE'
  | 'TEMPORAL_TLS_SERVER_NAME'
  | 'TEMPORAL_API_KEY'
>;

/** Options for `Connection.connect`/`Connection.lazy` (client) and `NativeConnection.connect` (workers) alike. */
export interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig;
  apiKey?: string;
}

/** Whether the settings ask for TLS: explicitly, or implied by a TLS file, a server name or an API key. */
export function temporalTlsEnabled(cfg: TemporalSettings): boolean {
  if (cfg.TEMPORAL_TLS !== undefined) return cfg.TEMPORAL_TLS === 'true' || cfg.TEMPORAL_TLS === '1';
  return !!(cfg.TEMPORAL_TLS_CA_FILE || cfg.TEMPORAL_TLS_CERT_FILE || cfg.TEMPORAL_TLS_SERVER_NAME || cfg.TEMPORAL_API_KEY);
}

/** Reads the certificate files named by the settings; `address` overrides TEMPORAL_ADDRESS (an external server given on a command line). */
export function temporalConnectionOptions(cfg: TemporalSettings, address = cfg.TEMPORAL_ADDRESS): TemporalConnectionOptions {
  const options: TemporalConnectionOptions = { address };
  if (temporalTlsEnabled(cfg)) {
    const tls: TLSConfig = {};
    if (cfg.TEMPORAL_TLS_SERVER_NAME) tls.serverNameOverride = cfg.TEMPORAL_TLS_SERVER_NAME;
    if (cfg.TEMPORAL_TLS_CA_FILE) tls.serverRootCACertificate = fs.readFileSync(cfg.TEMPORAL_TLS_CA_FILE);
    if (cfg.TEMPORAL_TLS_CERT_FILE && cfg.TEMPORAL_TLS_KEY_FILE)
      tls.clientCertPair = { crt: fs.readFileSync(cfg.TEMPORAL_TLS_CERT_FILE), key: fs.readFileSync(cfg.TEMPORAL_TLS_KEY_FILE) };
    options.tls = tls;
  }
  if (cfg.TEMPORAL_API_KEY) options.apiKey = cfg.TEMPORAL_API_KEY;
  return options;
}
