import type { EndpointGroup } from '../endpoint';
import {
  ZCreateQualityPointRequest,
  ZListQualityAlertsQuery,
  ZListQualityChecksQuery,
  ZListQualityPointsQuery,
  ZQualityPointParams,
} from './quality.schemas';

export const qualityEndpoints = {
  createPoint: {
    method: 'post',
    path: '/api/quality-points',
    summary: "A quality point: a measurement or an inspection of a product's output after one operation (or the finished goods)",
    access: { roles: ['production', 'quality', 'manager'] },
    body: ZCreateQualityPointRequest,
    success: [201],
  },
  listPoints: {
    method: 'get',
    path: '/api/quality-points',
    summary: 'Quality points, filtered by product and whether active, paginated',
    access: 'staff',
    query: ZListQualityPointsQuery,
    returns: 'page',
    success: [200],
  },
  deactivatePoint: {
    method: 'post',
    path: '/api/quality-points/{id}/deactivate',
    summary: 'Deactivate a quality point: manufacturing orders whose operations begin from now on no longer check it',
    access: { roles: ['production', 'quality', 'manager'] },
    params: ZQualityPointParams,
    success: [200],
  },
  listChecks: {
    method: 'get',
    path: '/api/quality-checks',
    summary: 'Quality checks of work orders (measured values, decisions, photo references), filtered by status, work center or order',
    access: 'staff',
    query: ZListQualityChecksQuery,
    returns: 'page',
    success: [200],
  },
  listAlerts: {
    method: 'get',
    path: '/api/quality-alerts',
    summary: 'Quality alerts: work centers that failed too many quality checks lately, open until a manager acknowledges them',
    access: 'staff',
    query: ZListQualityAlertsQuery,
    returns: 'page',
    success: [200],
  },
} satisfies EndpointGroup;
