import type { OperationsDb } from '../../db/clients';
import { createInspectionActivities } from './procurement-inspections';
import { createPurchaseOrderActivities } from './procurement-orders';
import { createSupplierInvoiceActivities } from './procurement-invoices';
import { createRequisitionActivities } from './procurement-requisitions';

/** Procure-to-pay activities on the operations store. */
export function createProcurementActivities(db: OperationsDb) {
  return {
    ...createRequisitionActivities(db),
    ...createPurchaseOrderActivities(db),
    ...createSupplierInvoiceActivities(db),
    ...createInspectionActivities(db),
  };
}
