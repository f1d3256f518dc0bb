// A quality alert: a work center failed too many quality checks lately. The managers are asked to look at it
// and acknowledge it. It runs on its own (started by the manufacturing order whose check raised it, but not
// tied to it), so the task neither holds up that order nor is left behind when the order ends.
import { workflowInfo } from '@temporalio/workflow';
import { production } from './shared/activities';
import { HumanTasks } from './shared/human-tasks';
import type { QualityAlertInput } from './quality/messages';
import { publish, publishIdentity } from './shared/visibility';

export async function qualityAlert(input: QualityAlertInput): Promise<{ number: string; acknowledgedBy: string }> {
  const tasks = new HumanTasks('quality-alert');
  publishIdentity({ kind: 'quality-alert', document: input.number, status: 'open' });
  const id = await tasks.ask({
    id: `${workflowInfo().workflowId}:acknowledge`,
    documentRef: input.number,
    kind: 'quality-alert',
    role: 'manager',
    decisions: ['acknowledge'],
    title: `Quality alert ${input.number}: ${input.workCenterCode} keeps failing quality checks`,
    description:
      `${input.reason} (the last raised by ${input.raisedBy}). Look into the work center (tooling, settings, operators), ` +
      'then acknowledge the alert; a new one is raised only after this one is acknowledged.',
  });
  const decision = (await tasks.decision(id))!;
  await production.acknowledgeQualityAlert({ number: input.number, by: decision.decidedBy, at: new Date().toISOString() });
  publish({ status: 'acknowledged' });
  return { number: input.number, acknowledgedBy: decision.decidedBy };
}
