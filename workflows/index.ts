// The workflow bundle's entry: every process the orchestration worker runs.
export { orderToDelivery } from './order-to-delivery';
export { procureToPay } from './procure-to-pay';
export { purchaseOrder } from './purchase-order';
export { serviceTicket } from './service-ticket';
export { manufacturingOrder } from './manufacturing-order';
export { qualityAlert } from './quality-alert';
export { maintenanceRequest } from './maintenance-request';
export { preventiveMaintenance } from './preventive-maintenance';
export { preventiveMaintenanceJob } from './preventive-maintenance-job';
export { customerReturn } from './customer-return';
