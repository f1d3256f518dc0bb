// The human-task inbox is shared by every process: a task is opened by a workflow, shown in
// GET /api/tasks to users with its role, and decided through the workflow's decideTask update.

export interface TaskSpec {
  id: string;
  workflowId: string;
  processType: string;
  documentRef: string;
  kind: string;
  title: string;
  description: string;
  role: string;
  decisions: string[];
  dueAt?: string;
}

export interface TaskDecision {
  taskId: string;
  decision: string;
  decidedBy: string;
  /** The decider's roles, for rules that depend on them (e.g. accepting a price difference needs approver rights). */
  decidedByRoles?: string[];
  comment?: string;
  /** Evidence the decider points to (e.g. an inspection photo's URL). */
  photoRef?: string;
}
