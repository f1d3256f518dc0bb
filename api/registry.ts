// The one list of API endpoints. Express routes, role checks, the OpenAPI document, the docs page
// and the authorization tests are all derived from it, so a new endpoint cannot be served
// undocumented or unchecked.
import type { AppDeps } from './deps';
import type { Endpoint, EndpointGroup, Handlers } from './endpoint';
import { customerEndpoints } from './routes/customers.endpoints';
import { customerHandlers } from './routes/customers';
import { invoiceEndpoints } from './routes/invoices.endpoints';
import { invoiceHandlers } from './routes/invoices';
import { maintenanceEndpoints } from './routes/maintenance.endpoints';
import { maintenanceHandlers } from './routes/maintenance';
import { meEndpoints } from './routes/me.endpoints';
import { meHandlers } from './routes/me';
import { manufacturingEndpoints } from './routes/manufacturing.endpoints';
import { manufacturingHandlers } from './routes/manufacturing';
import { maintenancePlanEndpoints } from './routes/maintenance-plans.endpoints';
import { maintenancePlanHandlers } from './routes/maintenance-plans';
import { orderEndpoints } from './routes/orders.endpoints';
import { orderHandlers } from './routes/orders';
import { productEndpoints } from './routes/products.endpoints';
import { productHandlers } from './routes/products';
import { processEndpoints } from './routes/processes.endpoints';
import { processHandlers } from './routes/processes';
import { qualityEndpoints } from './routes/quality.endpoints';
import { qualityHandlers } from './routes/quality';
import { returnEndpoints } from './routes/returns.endpoints';
import { returnHandlers } from './routes/returns';
import { reportEndpoints } from './routes/reports.endpoints';
import { reportHandlers } from './routes/reports';
import { procurementEndpoints } from './routes/procurement.endpoints';
import { procurementHandlers } from './routes/procurement';
import { supplierEndpoints } from './routes/suppliers.endpoints';
import { supplierHandlers } from './routes/suppliers';
import { stockEndpoints } from './routes/stock.endpoints';
import { stockHandlers } from './routes/stock';
import { taskEndpoints } from './routes/tasks.endpoints';
import { taskHandlers } from './routes/tasks';
import { ticketEndpoints } from './routes/tickets.endpoints';
import { ticketHandlers } from './routes/tickets';
import { timelineEndpoints } from './routes/timeline.endpoints';
import { timelineHandlers } from './routes/timeline';
import { workCenterEndpoints } from './routes/work-centers.endpoints';
import { workCenterHandlers } from './routes/work-centers';

const GROUPS = {
  me: meEndpoints,
  orders: orderEndpoints,
  stock: stockEndpoints,
  invoices: invoiceEndpoints,
  tasks: taskEndpoints,
  processes: processEndpoints,
  timeline: timelineEndpoints,
  procurement: procurementEndpoints,
  tickets: ticketEndpoints,
  manufacturing: manufacturingEndpoints,
  // Before the work centers: its paths are deeper, so they are matched first.
  maintenancePlans: maintenancePlanEndpoints,
  workCenters: workCenterEndpoints,
  quality: qualityEndpoints,
  maintenance: maintenanceEndpoints,
  returns: returnEndpoints,
  reports: reportEndpoints,
  products: productEndpoints,
  customers: customerEndpoints,
  suppliers: supplierEndpoints,
} as const;
type Groups = typeof GROUPS;

const HANDLERS: { [K in keyof Groups]: (deps: AppDeps) => Handlers<Groups[K]> } = {
  me: meHandlers,
  orders: orderHandlers,
  stock: stockHandlers,
  invoices: invoiceHandlers,
  tasks: taskHandlers,
  processes: processHandlers,
  timeline: timelineHandlers,
  procurement: procurementHandlers,
  tickets: ticketHandlers,
  manufacturing: manufacturingHandlers,
  maintenancePlans: maintenancePlanHandlers,
  workCenters: workCenterHandlers,
  quality: qualityHandlers,
  maintenance: maintenanceHandlers,
  returns: returnHandlers,
  reports: reportHandlers,
  products: productHandlers,
  customers: customerHandlers,
  suppliers: supplierHandlers,
};

/** Every endpoint with its name (`group.name`), in the order Express matches them. */
export const ENDPOINTS: (Endpoint & { id: string })[] = Object.entries(GROUPS).flatMap(([group, g]) =>
  Object.entries(g as EndpointGroup).map(([name, e]) => ({ ...e, id: `${group}.${name}` })),
);

/** Each endpoint paired with its handler, built over the given dependencies. */
export function boundEndpoints(deps: AppDeps) {
  return Object.entries(GROUPS).flatMap(([group, g]) => {
    const handlers = HANDLERS[group as keyof Groups](deps) as Record<string, Handlers<EndpointGroup>[string]>;
    return Object.entries(g as EndpointGroup).map(([name, e]) => ({ endpoint: e, handler: handlers[name] }));
  });
}
