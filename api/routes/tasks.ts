import { currentUser } from '../auth';
import type { AppDeps } from '../deps';
import type { Handlers } from '../endpoint';
import { decideTask, getTask, listTasks } from '../../domain/tasks/inbox';
import type { taskEndpoints } from './tasks.endpoints';
import { ZListTasksQuery, ZTaskDecisionRequest, ZTaskParams } from './tasks.schemas';

export function taskHandlers(deps: AppDeps): Handlers<typeof taskEndpoints> {
  return {
    list: async (req, res) => {
      res.json(await listTasks(deps.operations, currentUser(req), ZListTasksQuery.parse(req.query)));
    },
    get: async (req, res) => {
      res.json(await getTask(deps.operations, ZTaskParams.parse(req.params).id));
    },
    // Role checks depend on the task, so they happen in decideTask rather than as route middleware.
    decide: async (req, res) => {
      res.json(
        await decideTask(
          deps.operations,
          deps.temporal,
          currentUser(req),
          ZTaskParams.parse(req.params).id,
          ZTaskDecisionRequest.parse(req.body),
        ),
      );
    },
  };
}
