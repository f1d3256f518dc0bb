// The carrier and supplier simulators alone, as their own OS process, on SIMULATOR_PORT.
import { config } from '../config';
import { startPartnerSimulator } from '../simulators/partners';

startPartnerSimulator(config().SIMULATOR_PORT)
  .then((sim) => {
    console.log(`carrier and supplier simulators on ${sim.url}`);
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => sim.server.close(() => process.exit(0)));
  })
  .catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
