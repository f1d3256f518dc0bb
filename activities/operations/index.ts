import type { OperationsDb } from '../../db/clients';
import { withFailureTypes } from '../errors';
import { createInvoicingActivities } from './invoicing';
import { createMaintenanceCostActivities } from './maintenance';
import { createManufacturingActivities } from './manufacturing';
import { createOrderActivities } from './orders';
import { createProcurementActivities } from './procurement';
import { createRepairSendBackActivities } from './repair-send-back';
import { createReturnRecordActivities } from './returns-records';
import { createReturnSettlementActivities } from './returns-settlement';
import { createReturnStockActivities } from './returns-stock';
import { createShippingActivities } from './shipping';
import { createStockActivities } from './stock';
import { createTaskActivities } from './tasks';
import { createTicketActivities } from './tickets';

/** Every activity that touches the operations store; registered on the operations task queue. */
export function createOperationsActivities(db: OperationsDb) {
  return withFailureTypes({
    ...createOrderActivities(db),
    ...createStockActivities(db),
    ...createShippingActivities(db),
    ...createInvoicingActivities(db),
    ...createTaskActivities(db),
    ...createProcurementActivities(db),
    ...createTicketActivities(db),
    ...createManufacturingActivities(db),
    ...createMaintenanceCostActivities(db),
    ...createReturnStockActivities(db),
    ...createReturnSettlementActivities(db),
    ...createReturnRecordActivities(db),
    ...createRepairSendBackActivities(db),
  });
}

export type OperationsActivities = ReturnType<typeof createOperationsActivities>;
