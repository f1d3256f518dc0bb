// Test files against one external Temporal server (TEST_TEMPORAL_ADDRESS, e.g. the cluster of
// scripts/cluster.sh): files run in parallel and use the same task queue names, so each file gets a
// namespace of its own, with the processes' search attributes, and drops it when done.
import type { Connection } from '@temporalio/client';
import { createFreshNamespace, dropNamespace } from '../../scripts/temporal-namespace';

export const externalTemporalAddress = (): string | undefined => process.env.TEST_TEMPORAL_ADDRESS || undefined;

export const createTestNamespace = (connection: Connection) => createFreshNamespace(connection, 'test');
export const dropTestNamespace = dropNamespace;
