import { Router } from 'express';
import { requireRole, currentUser } from '../auth';
import type { AppDeps } from '../deps';
import { receiveStock } from '../../domain/stock/receive-stock';
import { ZStockReceiptRequest } from './stock.schemas';

export function stockRouter(deps: AppDeps): Router {
  const r = Router();
  r.post('/receipts', requireRole('warehouse', 'operator'), async (req, res) => {
    const result = await receiveStock(deps.operations, deps.temporal, ZStockReceiptRequest.parse(req.body), currentUser(req).name);
    res.status(result.duplicate ? 200 : 201).json(result);
  });
  return r;
}
