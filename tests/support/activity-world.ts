// For activity tests called directly, without a worker: fresh databases with the reference data and
// the operations activities over them, closed after the file; the invariants checked after each test.
import { createOperationsActivities } from '../../activities/operations';
import { closeStores, openStores, type Stores } from '../../db/clients';
import { seedReferenceData } from '../../db/reference-data';
import { freshDatabases, type TestDatabases } from './databases';
import { assertInvariants } from './invariants';

export interface ActivityWorld {
  stores: Stores;
  ops: ReturnType<typeof createOperationsActivities>;
}

/** Registers the file's hooks; the world's fields are filled once beforeAll has run. */
export function activityWorld(): ActivityWorld {
  const world = {} as ActivityWorld;
  let dbs: TestDatabases;
  beforeAll(async () => {
    dbs = await freshDatabases();
    world.stores = await openStores(dbs);
    await seedReferenceData(world.stores.operations, { carrierUrl: 'http://127.0.0.1:9/carriers/SWIFT' });
    world.ops = createOperationsActivities(world.stores.operations);
  });
  afterAll(async () => {
    await closeStores(world.stores);
    await dbs.drop();
  });
  afterEach(async () => assertInvariants(world.stores.operations));
  return world;
}
