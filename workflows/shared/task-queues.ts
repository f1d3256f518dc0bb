/** Workflows run on one queue; each store's activities on their own, so each side scales and fails on its own. */
export const TASK_QUEUES = {
  orchestration: 'orchestration',
  operations: 'operations',
  production: 'production',
} as const;
