import type { AppDeps } from '../deps';
import type { Handlers } from '../endpoint';
import { processHistory } from '../../domain/processes/history';
import { listProcesses, processDetail, processEta } from '../../domain/processes/process-view';
import type { processEndpoints } from './processes.endpoints';
import { ZProcessId, ZProcessSearchQuery, ZWorkflowId } from './processes.schemas';

export function processHandlers(deps: AppDeps): Handlers<typeof processEndpoints> {
  const ctx = { temporal: deps.temporal, temporalUiUrl: deps.temporalUiUrl };
  return {
    search: async (req, res) => {
      const { pageSize, pageToken, ...filter } = ZProcessSearchQuery.parse(req.query);
      res.json(await listProcesses(ctx, filter, { pageSize, pageToken }));
    },
    get: async (req, res) => {
      res.json(await processDetail({ ...ctx, db: deps.operations }, ZProcessId.parse(req.params).workflowId));
    },
    eta: async (req, res) => {
      res.json(await processEta(ctx, ZProcessId.parse(req.params).workflowId));
    },
    history: async (req, res) => {
      res.json(await processHistory(deps.operations, deps.temporal, ZWorkflowId.parse(req.params).workflowId));
    },
  };
}
