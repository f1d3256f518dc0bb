import { currentUser } from '../auth';
import type { AppDeps } from '../deps';
import type { Handlers } from '../endpoint';
import { listWorkCenters, workCenterBoard, workCenterReliabilityOf, workCenterStatus } from '../../domain/production/work-centers';
import { createWorkCenter, updateWorkCenter } from '../../domain/master-data/work-centers';
import type { workCenterEndpoints } from './work-centers.endpoints';
import {
  ZCreateWorkCenterRequest,
  ZListWorkCentersQuery,
  ZUpdateWorkCenterRequest,
  ZWorkCenterBoardQuery,
  ZWorkCenterParams,
  ZWorkCenterReliabilityQuery,
} from './work-centers.schemas';

export function workCenterHandlers(deps: AppDeps): Handlers<typeof workCenterEndpoints> {
  const db = deps.production;
  return {
    list: async (req, res) => {
      res.json(await listWorkCenters(db, ZListWorkCentersQuery.parse(req.query)));
    },
    get: async (req, res) => {
      res.json(await workCenterStatus(db, ZWorkCenterParams.parse(req.params).code));
    },
    board: async (req, res) => {
      const { code } = ZWorkCenterParams.parse(req.params);
      res.json(await workCenterBoard(db, code, ZWorkCenterBoardQuery.parse(req.query)));
    },
    reliability: async (req, res) => {
      const { code } = ZWorkCenterParams.parse(req.params);
      res.json(await workCenterReliabilityOf(db, code, ZWorkCenterReliabilityQuery.parse(req.query)));
    },
    create: async (req, res) => {
      res.status(201).json(await createWorkCenter(deps, ZCreateWorkCenterRequest.parse(req.body), currentUser(req).name));
    },
    update: async (req, res) => {
      const { code } = ZWorkCenterParams.parse(req.params);
      res.json(await updateWorkCenter(deps, code, ZUpdateWorkCenterRequest.parse(req.body), currentUser(req).name));
    },
  };
}
