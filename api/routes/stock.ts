import { currentUser } from '../auth';
import type { AppDeps } from '../deps';
import type { Handlers } from '../endpoint';
import { receiveStock } from '../../domain/stock/receive-stock';
import type { stockEndpoints } from './stock.endpoints';
import { ZStockReceiptRequest } from './stock.schemas';

export function stockHandlers(deps: AppDeps): Handlers<typeof stockEndpoints> {
  return {
    receive: async (req, res) => {
      const result = await receiveStock(deps.operations, deps.temporal, ZStockReceiptRequest.parse(req.body), currentUser(req).name);
      res.status(result.duplicate ? 200 : 201).json(result);
    },
  };
}
