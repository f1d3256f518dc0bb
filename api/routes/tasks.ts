import { Router } from 'express';
import { currentUser } from '../auth';
import type { AppDeps } from '../deps';
import { decideTask, getTask, listTasks } from '../../domain/tasks/inbox';
import { ZListTasksQuery, ZTaskDecisionRequest } from './tasks.schemas';

export function tasksRouter(deps: AppDeps): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    res.json(await listTasks(deps.operations, currentUser(req), ZListTasksQuery.parse(req.query)));
  });
  r.get('/:id', async (req, res) => {
    res.json(await getTask(deps.operations, req.params.id));
  });
  // Role checks depend on the task, so they happen in decideTask rather than as route middleware.
  r.post('/:id/decision', async (req, res) => {
    res.json(await decideTask(deps.operations, deps.temporal, currentUser(req), req.params.id, ZTaskDecisionRequest.parse(req.body)));
  });
  return r;
}
