import type { AppDeps } from '../deps';
import type { Handlers } from '../endpoint';
import { businessTimeline } from '../../domain/timeline/timeline';
import type { timelineEndpoints } from './timeline.endpoints';
import { ZTimelineParams } from './timeline.schemas';

export function timelineHandlers(deps: AppDeps): Handlers<typeof timelineEndpoints> {
  return {
    get: async (req, res) => {
      const { documentType, number } = ZTimelineParams.parse(req.params);
      res.json(
        await businessTimeline({
          stores: { operations: deps.operations, production: deps.production },
          temporal: deps.temporal,
          temporalUiUrl: deps.temporalUiUrl,
          document: { type: documentType, number },
        }),
      );
    },
  };
}
