import type { Endpoint } from '../endpoint';
import { ZListTasksQuery, ZTaskDecisionRequest } from './tasks.schemas';

export const taskEndpoints: Endpoint[] = [
  { method: 'get', path: '/api/tasks', summary: 'Open human tasks for your roles, nearest due first', query: ZListTasksQuery },
  { method: 'get', path: '/api/tasks/{id}', summary: 'One task' },
  { method: 'post', path: '/api/tasks/{id}/decision', summary: 'Decide a task (needs the task role); the decision is recorded with your name', body: ZTaskDecisionRequest },
  { method: 'get', path: '/api/processes/{workflowId}/history', summary: 'The process history summarized: steps, attempts, timers, decisions and who made them' },
];
