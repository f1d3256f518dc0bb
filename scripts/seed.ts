// Loads reference data always and demo master data into an empty operations store.
import { config } from '../config';
import { closeStores, openConfiguredStores } from '../db/clients';
import { seedDemoData } from '../db/demo-data';
import { seedReferenceData } from '../db/reference-data';

export async function seed(opts: { demo: boolean }) {
  const cfg = config();
  const stores = await openConfiguredStores(cfg);
  const simulatorUrl = `http://127.0.0.1:${cfg.SIMULATOR_PORT}`;
  try {
    await seedReferenceData(stores.operations, { carrierUrl: `${simulatorUrl}/carriers/SWIFT` });
    if (opts.demo && (await stores.operations.customer.count()) === 0) {
      console.log('Seeding demo data...');
      await seedDemoData(stores.operations, stores.production, { simulatorUrl, log: (m) => console.log(`  ${m}`) });
    }
  } finally {
    await closeStores(stores);
  }
}

if (require.main === module) {
  seed({ demo: !process.argv.includes('--reference-only') }).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
