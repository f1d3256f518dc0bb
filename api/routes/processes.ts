import type { AppDeps } from '../deps';
import type { Handlers } from '../endpoint';
import { processHistory } from '../../domain/processes/history';
import type { processEndpoints } from './processes.endpoints';
import { ZWorkflowId } from './processes.schemas';

export function processHandlers(deps: AppDeps): Handlers<typeof processEndpoints> {
  return {
    history: async (req, res) => {
      res.json(await processHistory(deps.operations, deps.temporal, ZWorkflowId.parse(req.params).workflowId));
    },
  };
}
