// The API alone, as its own OS process: `tsx scripts/start-api.ts` (config from the environment,
// see config/index.ts). Workers, simulators and the Temporal server run elsewhere.
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../api/app';
import { policiesFrom } from '../api/policy';
import { config } from '../config';
import { temporalConnectionOptions } from '../config/temporal-connection';
import { closeStores, openConfiguredStores } from '../db/clients';
import { ensureMaintenanceSchedules } from '../domain/production/maintenance-plans';
import { rootLogger } from '../observability/logger';

async function main() {
  const cfg = config();
  const logger = rootLogger().child({ service: 'api' });
  const stores = await openConfiguredStores(cfg);
  // lazy: the API comes up (and answers reads) even while the Temporal server is restarting.
  const connection = Connection.lazy(temporalConnectionOptions(cfg));
  const temporal = new Client({ connection, namespace: cfg.TEMPORAL_NAMESPACE });
  const app = createApp({
    ...stores,
    temporal,
    users: cfg.API_USERS,
    policies: policiesFrom(cfg),
    temporalUiUrl: cfg.TEMPORAL_UI_URL,
    logger,
  });
  // Every active plan has its schedule (a new namespace, a restored database); a Temporal server that is
  // down now only delays this to the next start, it does not keep the API from serving.
  ensureMaintenanceSchedules(stores.production, temporal).catch((e: unknown) =>
    logger.error({ err: e }, 'maintenance schedules not ensured; the next start tries again'),
  );
  const server = app.listen(cfg.API_PORT, cfg.API_HOST, () =>
    logger.info({ url: `http://${cfg.API_HOST}:${cfg.API_PORT}/api` }, 'API listening'),
  );
  const stop = () =>
    server.close(() => {
      void Promise.all([connection.close(), closeStores(stores)]).finally(() => process.exit(0));
    });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e) => {
  rootLogger().fatal({ err: e }, 'API stopped on an error');
  process.exit(1);
});
