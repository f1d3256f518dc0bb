import { currentUser } from '../auth';
import type { AppDeps } from '../deps';
import type { Handlers } from '../endpoint';
import {
  createQualityPoint,
  deactivateQualityPoint,
  listQualityAlerts,
  listQualityChecks,
  listQualityPoints,
} from '../../domain/production/quality';
import {
  ZCreateQualityPointRequest,
  ZListQualityAlertsQuery,
  ZListQualityChecksQuery,
  ZListQualityPointsQuery,
  ZQualityPointParams,
} from './quality.schemas';
import type { qualityEndpoints } from './quality.endpoints';

export function qualityHandlers(deps: AppDeps): Handlers<typeof qualityEndpoints> {
  const db = deps.production;
  return {
    createPoint: async (req, res) => {
      const point = await createQualityPoint(db, ZCreateQualityPointRequest.parse(req.body), currentUser(req).name);
      res.status(201).json(point);
    },
    listPoints: async (req, res) => {
      res.json(await listQualityPoints(db, ZListQualityPointsQuery.parse(req.query)));
    },
    deactivatePoint: async (req, res) => {
      res.json(await deactivateQualityPoint(db, Number(ZQualityPointParams.parse(req.params).id)));
    },
    listChecks: async (req, res) => {
      res.json(await listQualityChecks(db, ZListQualityChecksQuery.parse(req.query)));
    },
    listAlerts: async (req, res) => {
      res.json(await listQualityAlerts(db, ZListQualityAlertsQuery.parse(req.query)));
    },
  };
}
