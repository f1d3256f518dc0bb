import { currentUser } from '../auth';
import type { AppDeps } from '../deps';
import type { Handlers } from '../endpoint';
import { idempotencyOf } from '../idempotency-header';
import {
  addMaintenancePart,
  createMaintenanceRequest,
  getMaintenanceRequestView,
  listMaintenanceRequests,
  reportMaintenanceLabour,
} from '../../domain/production/maintenance-view';
import type { maintenanceEndpoints } from './maintenance.endpoints';
import {
  ZCreateMaintenanceRequest,
  ZListMaintenanceRequestsQuery,
  ZMaintenanceLabourRequest,
  ZMaintenancePartRequest,
  ZMaintenanceRequestParams,
} from './maintenance.schemas';

export function maintenanceHandlers(deps: AppDeps): Handlers<typeof maintenanceEndpoints> {
  const stores = { operations: deps.operations, production: deps.production };
  const { temporal } = deps;
  return {
    create: async (req, res) => {
      const input = ZCreateMaintenanceRequest.parse(req.body);
      const userName = currentUser(req).name;
      const result = await createMaintenanceRequest({
        stores,
        temporal,
        input,
        userName,
        keyed: idempotencyOf(req, userName, 'maintenance-requests', input),
      });
      res
        .status(result.created ? 201 : 200)
        .location(`/api/maintenance-requests/${result.number}`)
        .json(await getMaintenanceRequestView(stores, temporal, result.number, { justStarted: result.created }));
    },

    list: async (req, res) => {
      res.json(await listMaintenanceRequests(deps.production, ZListMaintenanceRequestsQuery.parse(req.query)));
    },

    get: async (req, res) => {
      res.json(await getMaintenanceRequestView(stores, temporal, ZMaintenanceRequestParams.parse(req.params).number));
    },

    parts: async (req, res) => {
      const { number } = ZMaintenanceRequestParams.parse(req.params);
      const part = ZMaintenancePartRequest.parse(req.body);
      const by = currentUser(req).name;
      await addMaintenancePart(stores, temporal, number, part, by, idempotencyOf(req, by, `maintenance-parts:${number}`, part));
      res.json(await getMaintenanceRequestView(stores, temporal, number));
    },

    labour: async (req, res) => {
      const { number } = ZMaintenanceRequestParams.parse(req.params);
      const { minutes } = ZMaintenanceLabourRequest.parse(req.body);
      const by = currentUser(req).name;
      await reportMaintenanceLabour(
        stores,
        temporal,
        number,
        minutes,
        by,
        idempotencyOf(req, by, `maintenance-labour:${number}`, { minutes }),
      );
      res.json(await getMaintenanceRequestView(stores, temporal, number));
    },
  };
}
