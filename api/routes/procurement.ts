import { currentUser } from '../auth';
import type { AppDeps } from '../deps';
import type { Handlers } from '../endpoint';
import { idempotencyOf } from '../idempotency-header';
import {
  cancelRequisition,
  closePurchaseOrderShort,
  receiveGoods,
  registerSupplierCreditNote,
  registerSupplierInvoice,
} from '../../domain/procurement/actions';
import { createRequisition } from '../../domain/procurement/create-requisition';
import { getPurchaseOrderView, getRequisitionView, listIncomingInspections, listRequisitions } from '../../domain/procurement/views';
import {
  ZCancelRequisitionRequest,
  ZCloseShortRequest,
  ZCreateRequisitionRequest,
  ZCreditNoteRequest,
  ZGoodsReceiptRequest,
  ZListIncomingInspectionsQuery,
  ZListRequisitionsQuery,
  ZPurchaseOrderParams,
  ZRequisitionParams,
  ZSupplierInvoiceRequest,
} from './procurement.schemas';
import type { procurementEndpoints } from './procurement.endpoints';

export function procurementHandlers(deps: AppDeps): Handlers<typeof procurementEndpoints> {
  const { operations: db, temporal } = deps;

  return {
    createRequisition: async (req, res) => {
      const input = ZCreateRequisitionRequest.parse(req.body);
      const requester = currentUser(req).name;
      const { number, created } = await createRequisition({
        db,
        temporal,
        policy: deps.policies.procurement,
        input,
        requester,
        keyed: idempotencyOf(req, requester, 'requisitions', input),
      });
      res
        .status(created ? 201 : 200)
        .location(`/api/requisitions/${number}`)
        .json(await getRequisitionView(db, temporal, number, { justStarted: created }));
    },
    listRequisitions: async (req, res) => void res.json(await listRequisitions(db, ZListRequisitionsQuery.parse(req.query))),
    getRequisition: async (req, res) => void res.json(await getRequisitionView(db, temporal, ZRequisitionParams.parse(req.params).number)),
    cancelRequisition: async (req, res) => {
      const { number } = ZRequisitionParams.parse(req.params);
      await cancelRequisition(db, temporal, currentUser(req), number, ZCancelRequisitionRequest.parse(req.body).reason);
      res.json(await getRequisitionView(db, temporal, number));
    },

    getPurchaseOrder: async (req, res) =>
      void res.json(await getPurchaseOrderView(db, temporal, ZPurchaseOrderParams.parse(req.params).number)),
    receiveGoods: async (req, res) => {
      const { number } = ZPurchaseOrderParams.parse(req.params);
      const result = await receiveGoods(db, temporal, number, ZGoodsReceiptRequest.parse(req.body), currentUser(req).name);
      res.status('duplicate' in result ? 200 : 201).json(result);
    },
    registerInvoice: async (req, res) => {
      const { number } = ZPurchaseOrderParams.parse(req.params);
      const invoice = await registerSupplierInvoice(db, temporal, number, ZSupplierInvoiceRequest.parse(req.body), currentUser(req).name);
      res.status(invoice.duplicate ? 200 : 201).json(invoice);
    },
    registerCreditNote: async (req, res) => {
      const { number } = ZPurchaseOrderParams.parse(req.params);
      const note = await registerSupplierCreditNote(db, temporal, number, ZCreditNoteRequest.parse(req.body), currentUser(req).name);
      res.status(note.duplicate ? 200 : 201).json(note);
    },
    closeShort: async (req, res) => {
      const { number } = ZPurchaseOrderParams.parse(req.params);
      res.json(await closePurchaseOrderShort(db, temporal, number, ZCloseShortRequest.parse(req.body).reason, currentUser(req).name));
    },
    listIncomingInspections: async (req, res) =>
      void res.json(await listIncomingInspections(db, ZListIncomingInspectionsQuery.parse(req.query))),
  };
}
