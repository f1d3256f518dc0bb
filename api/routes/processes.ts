import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../deps';
import { processHistory } from '../../domain/processes/history';

const ZWorkflowId = z.object({ workflowId: z.string().regex(/^[a-z-]+-[A-Z]+-\d+$/, 'must be a process id such as order-SO-00001') });

export function processesRouter(deps: AppDeps): Router {
  const r = Router();
  r.get('/:workflowId/history', async (req, res) => {
    res.json(await processHistory(deps.operations, deps.temporal, ZWorkflowId.parse(req.params).workflowId));
  });
  return r;
}
