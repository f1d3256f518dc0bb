import type { EndpointGroup } from '../endpoint';
import { ZPayablesDueQuery, ZPeriodQuery, ZReceivablesAgingQuery, ZThroughputQuery } from './reports.schemas';

// Figures across customers and suppliers: for those who run the business, not for each desk.
const managers = { roles: ['manager'] } as const;

export const reportEndpoints = {
  receivablesAging: {
    method: 'get',
    path: '/api/reports/receivables-aging',
    summary: "Customers' open invoices as of a day, in buckets by days past due, in total and for the largest customers",
    access: managers,
    query: ZReceivablesAgingQuery,
    success: [200],
  },
  payablesDue: {
    method: 'get',
    path: '/api/reports/payables-due',
    summary: 'Approved supplier invoices not yet paid, overdue and by week due, with the early-payment discounts still available',
    access: managers,
    query: ZPayablesDueQuery,
    success: [200],
  },
  sla: {
    method: 'get',
    path: '/api/reports/sla',
    summary:
      'Service tickets opened in a period: share closed within SLA, breaches per priority and policy, mean response and resolution times',
    access: managers,
    query: ZPeriodQuery,
    success: [200],
  },
  otif: {
    method: 'get',
    path: '/api/reports/otif',
    summary: 'Orders delivered in a period: on time, in full, the OTIF rate, and per customer',
    access: managers,
    query: ZPeriodQuery,
    success: [200],
  },
  throughput: {
    method: 'get',
    path: '/api/reports/throughput',
    summary: 'Processes of each kind started, completed and stopped per day or week, and the mean time to complete',
    access: managers,
    query: ZThroughputQuery,
    success: [200],
  },
} satisfies EndpointGroup;
