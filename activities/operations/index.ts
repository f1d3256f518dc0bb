import type { OperationsDb } from '../../db/clients';
import { withFailureTypes } from '../errors';
import { createInvoicingActivities } from './invoicing';
import { createOrderActivities } from './orders';
import { createShippingActivities } from './shipping';
import { createStockActivities } from './stock';
import { createTaskActivities } from './tasks';

/** Every activity that touches the operations store; registered on the operations task queue. */
export function createOperationsActivities(db: OperationsDb) {
  return withFailureTypes({
    ...createOrderActivities(db),
    ...createStockActivities(db),
    ...createShippingActivities(db),
    ...createInvoicingActivities(db),
    ...createTaskActivities(db),
  });
}

export type OperationsActivities = ReturnType<typeof createOperationsActivities>;
