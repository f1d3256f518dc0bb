import { Router } from 'express';
import { currentUser, requireRole } from '../auth';
import type { AppDeps } from '../deps';
import { idempotencyOf } from '../idempotency-header';
import { cancelRequisition, closePurchaseOrderShort, receiveGoods, registerSupplierCreditNote, registerSupplierInvoice } from '../../domain/procurement/actions';
import { createRequisition } from '../../domain/procurement/create-requisition';
import { getPurchaseOrderView, getRequisitionView, listRequisitions } from '../../domain/procurement/views';
import {
  ZCancelRequisitionRequest, ZCloseShortRequest, ZCreateRequisitionRequest, ZCreditNoteRequest, ZGoodsReceiptRequest, ZListRequisitionsQuery,
  ZPurchaseOrderParams, ZRequisitionParams, ZSupplierInvoiceRequest,
} from './procurement.schemas';

export function procurementRouter(deps: AppDeps): Router {
  const r = Router();
  const { operations: db, temporal } = deps;

  r.post('/requisitions', requireRole('requester'), async (req, res) => {
    const input = ZCreateRequisitionRequest.parse(req.body);
    const requester = currentUser(req).name;
    const { number, created } = await createRequisition({ db, temporal, policy: deps.policies.procurement, input, requester, keyed: idempotencyOf(req, requester, 'requisitions', input) });
    res.status(created ? 201 : 200).location(`/api/requisitions/${number}`).json(await getRequisitionView(db, temporal, number));
  });
  r.get('/requisitions', async (req, res) => void res.json(await listRequisitions(db, ZListRequisitionsQuery.parse(req.query))));
  r.get('/requisitions/:number', async (req, res) => void res.json(await getRequisitionView(db, temporal, ZRequisitionParams.parse(req.params).number)));
  r.post('/requisitions/:number/cancel', requireRole('requester', 'buyer', 'manager'), async (req, res) => {
    const { number } = ZRequisitionParams.parse(req.params);
    await cancelRequisition(db, temporal, currentUser(req), number, ZCancelRequisitionRequest.parse(req.body).reason);
    res.json(await getRequisitionView(db, temporal, number));
  });

  r.get('/purchase-orders/:number', async (req, res) => void res.json(await getPurchaseOrderView(db, temporal, ZPurchaseOrderParams.parse(req.params).number)));
  r.post('/purchase-orders/:number/receipts', requireRole('warehouse'), async (req, res) => {
    const { number } = ZPurchaseOrderParams.parse(req.params);
    const result = await receiveGoods(db, temporal, number, ZGoodsReceiptRequest.parse(req.body), currentUser(req).name);
    res.status('duplicate' in result ? 200 : 201).json(result);
  });
  r.post('/purchase-orders/:number/invoices', requireRole('ap_clerk'), async (req, res) => {
    const { number } = ZPurchaseOrderParams.parse(req.params);
    const invoice = await registerSupplierInvoice(db, temporal, number, ZSupplierInvoiceRequest.parse(req.body), currentUser(req).name);
    res.status(invoice.duplicate ? 200 : 201).json(invoice);
  });
  r.post('/purchase-orders/:number/credit-notes', requireRole('ap_clerk'), async (req, res) => {
    const { number } = ZPurchaseOrderParams.parse(req.params);
    const note = await registerSupplierCreditNote(db, temporal, number, ZCreditNoteRequest.parse(req.body), currentUser(req).name);
    res.status(note.duplicate ? 200 : 201).json(note);
  });
  r.post('/purchase-orders/:number/close-short', requireRole('buyer'), async (req, res) => {
    const { number } = ZPurchaseOrderParams.parse(req.params);
    res.json(await closePurchaseOrderShort(db, temporal, number, ZCloseShortRequest.parse(req.body).reason, currentUser(req).name));
  });
  return r;
}
