import { currentUser } from '../auth';
import type { AppDeps } from '../deps';
import type { Handlers } from '../endpoint';
import {
  deleteMaintenancePlan,
  getMaintenancePlan,
  putMaintenancePlan,
  rescheduleMaintenance,
} from '../../domain/production/maintenance-plans';
import type { maintenancePlanEndpoints } from './maintenance-plans.endpoints';
import { ZMaintenancePlanRequest, ZMaintenanceRequestParams, ZRescheduleMaintenanceRequest } from './maintenance-plans.schemas';
import { ZWorkCenterParams } from './work-centers.schemas';

export function maintenancePlanHandlers(deps: AppDeps): Handlers<typeof maintenancePlanEndpoints> {
  const stores = { operations: deps.operations, production: deps.production };
  const { temporal } = deps;
  return {
    put: async (req, res) => {
      const { code } = ZWorkCenterParams.parse(req.params);
      const input = ZMaintenancePlanRequest.parse(req.body);
      res.json(await putMaintenancePlan({ stores, temporal, code, input, userName: currentUser(req).name }));
    },
    get: async (req, res) => {
      res.json(await getMaintenancePlan(deps.production, ZWorkCenterParams.parse(req.params).code));
    },
    delete: async (req, res) => {
      const { code } = ZWorkCenterParams.parse(req.params);
      res.json(await deleteMaintenancePlan({ stores, temporal, code, userName: currentUser(req).name }));
    },
    reschedule: async (req, res) => {
      const { number } = ZMaintenanceRequestParams.parse(req.params);
      const { plannedStart } = ZRescheduleMaintenanceRequest.parse(req.body);
      res.json(
        await rescheduleMaintenance({ production: deps.production, temporal, number, plannedStart, userName: currentUser(req).name }),
      );
    },
  };
}
