import { z } from 'zod';
import { ROLES } from '../../config';

// --- responses

export const ZMeView = z.object({
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  /** Set for a customer-portal key: the one customer it acts for. */
  customer: z.string().optional(),
});
