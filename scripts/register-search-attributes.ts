// Registers the processes' search attributes on the Temporal server at TEMPORAL_ADDRESS, namespace
// TEMPORAL_NAMESPACE: `npx tsx scripts/register-search-attributes.ts`. Needed once per namespace on an
// external cluster; `npm start`'s dev server registers them itself.
import { Connection } from '@temporalio/client';
import { config } from '../config';
import { temporalConnectionOptions } from '../config/temporal-connection';
import { registerSearchAttributes } from '../domain/processes/register-search-attributes';

async function main() {
  const cfg = config();
  const connection = await Connection.connect(temporalConnectionOptions(cfg));
  try {
    const added = await registerSearchAttributes(connection, cfg.TEMPORAL_NAMESPACE);
    console.log(
      added.length
        ? `Registered ${added.join(', ')} on ${cfg.TEMPORAL_ADDRESS} (namespace ${cfg.TEMPORAL_NAMESPACE})`
        : `All search attributes were already registered on ${cfg.TEMPORAL_ADDRESS} (namespace ${cfg.TEMPORAL_NAMESPACE})`,
    );
  } finally {
    await connection.close();
  }
}

main().catch((e: unknown) => {
  console.error(`Could not register the search attributes: ${(e as Error).message}`);
  process.exit(1);
});
