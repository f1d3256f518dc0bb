import type { EndpointGroup } from '../endpoint';
import { ZTimeline, ZTimelineParams } from './timeline.schemas';

export const timelineEndpoints = {
  get: {
    method: 'get',
    path: '/api/timeline/{documentType}/{number}',
    summary:
      'One chronological view of a document across every process it touched (its own, children, follow-ups, what caused it), ' +
      'with audit rows and Temporal UI links',
    access: 'staff',
    params: ZTimelineParams,
    response: ZTimeline,
    success: [200],
  },
} satisfies EndpointGroup;
