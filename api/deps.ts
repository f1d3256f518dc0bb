import type { Client } from '@temporalio/client';
import type { ApiUser } from '../config';
import type { OperationsDb, ProductionDb } from '../db/clients';
import type { Logger } from '../observability/logger';
import type { Policies } from './policy';

/** Everything the API needs, injected so tests run it against databases and a Temporal server of their choosing. */
export interface AppDeps {
  operations: OperationsDb;
  production: ProductionDb;
  temporal: Client;
  users: ApiUser[];
  policies: Policies;
  /** Base address of the Temporal Web UI, for links to a process's run (default: the dev server's UI on port 8233). */
  temporalUiUrl?: string;
  /** The built web console served at /console/ (default: generated/console). */
  consoleDir?: string;
  /** Where request lines and unexpected errors are logged (default: the process's JSON logger). */
  logger?: Logger;
}
