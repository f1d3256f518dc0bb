import { currentUser } from '../auth';
import type { AppDeps } from '../deps';
import type { Handlers } from '../endpoint';
import type { meEndpoints } from './me.endpoints';

// The key itself is never echoed: a screen showing who is logged in must not show the secret too.
export function meHandlers(_deps: AppDeps): Handlers<typeof meEndpoints> {
  return {
    get: (req, res) => {
      const { name, roles, customer } = currentUser(req);
      res.json({ name, roles, ...(customer ? { customer } : {}) });
    },
  };
}
