// Reserve → (pick → pack →) ship → delivery, repeated for backorders as stock arrives.
import { ActivityFailure, condition, patched, startChild } from '@temporalio/workflow';
import { requisitionWorkflowId } from '../procurement/messages';
import { ticketWorkflowId } from '../ticket/messages';
import { ops, partners } from '../shared/activities';
import type { OrderContext } from './context';
import { makeToOrder } from './make-to-order';
import type { ReservationRound } from './types';
import { publish } from '../shared/visibility';

const reservedAny = (r: ReservationRound) => r.lines.some((l) => l.reserved > 0);
const backordered = (r: ReservationRound) => r.lines.some((l) => l.backordered > 0);

export async function fulfil(ctx: OrderContext): Promise<void> {
  if (ctx.input.manufacturingPolicy && ctx.input.procurementPolicy && patched('make-to-order')) await makeToOrder(ctx);
  await ctx.setStatus('reserving');
  ctx.compensations.push({
    name: 'cancel backorders',
    run: () => ops.cancelOrderBackorders({ orderNumber: ctx.orderNumber, key: `${ctx.workflowId}:cancel-backorders` }),
  });
  ctx.compensations.push({
    name: 'release reservations',
    run: () => ops.releaseOrderReservations({ orderNumber: ctx.orderNumber, key: `${ctx.workflowId}:release` }),
  });
  let round = 0;
  // Receipts seen so far; one that arrives while a round is reserving or shipping triggers the next round.
  let handled = ctx.restocks;
  let result = await ops.reserveOrderStock({ orderNumber: ctx.orderNumber, key: `${ctx.workflowId}:reserve:${round}` });
  let shipments = 0;
  if (reservedAny(result)) await shipOut(ctx, ++shipments);

  const deadline = Date.now() + ctx.policy.backorderWaitMs;
  while (backordered(result)) {
    const open = result.lines
      .filter((l) => l.backordered > 0)
      .map((l) => `${l.sku} × ${l.backordered}`)
      .join(', ');
    publish({ status: 'backordered', waitingOn: 'timer', waitingFor: 'restock', dueAt: new Date(deadline) });
    await ctx.setStatus('backordered', `waiting for stock: ${open}`);
    const restocked = await condition(() => ctx.restocks > handled, Math.max(1, deadline - Date.now()));
    if (!restocked) {
      await ops.cancelOrderBackorders({ orderNumber: ctx.orderNumber, key: `${ctx.workflowId}:backorder-expired` });
      ctx.note('backorder_cancelled', `no stock within the wait; cancelled ${open}`);
      break;
    }
    handled = ctx.restocks;
    result = await ops.reserveOrderStock({ orderNumber: ctx.orderNumber, key: `${ctx.workflowId}:reserve:${++round}` });
    if (reservedAny(result)) await shipOut(ctx, ++shipments);
  }
  const shipped = ctx.state.shipments.filter((s) => s.status === 'shipped');
  if (shipped.length) {
    const carrier = shipped.at(-1)!.carrierCode ?? 'carrier';
    publish({
      status: 'awaiting_delivery',
      waitingOn: 'partner',
      waitingFor: carrier,
      dueAt: new Date(Date.now() + ctx.policy.deliveryConfirmationMs),
    });
    await ctx.setStatus('awaiting_delivery');
  }
  await Promise.all(ctx.deliveryWatchers);
}

async function shipOut(ctx: OrderContext, seq: number): Promise<void> {
  const number = `${ctx.orderNumber}-S${seq}`;
  const shipment = await ops.createShipment({ orderNumber: ctx.orderNumber, shipmentNumber: number });
  if (!shipment) return;
  ctx.putShipment(shipment);
  if (ctx.order.deliverySteps >= 2) await warehouseStep(ctx, number, 'picked');
  if (ctx.order.deliverySteps === 3) await warehouseStep(ctx, number, 'packed');
  await ctx.setStatus('shipping');
  ctx.shippingStarted = true;
  publish({ waitingOn: 'partner', waitingFor: shipment.carrierCode ?? 'carrier' });
  const booking = await bookCarrier(ctx, number);
  ctx.putShipment(await ops.shipShipment({ shipmentNumber: number, at: new Date().toISOString() }));
  ctx.note('shipped', `${number} tracking ${booking.trackingNumber}`);
  ctx.deliveryWatchers.push(watchDelivery(ctx, number));
  if (ctx.input.procurementPolicy && patched('reorder-after-shipment')) await replenish(ctx, number);
}

/** Stock that fell below its reorder point is bought again by its own procure-to-pay process. */
async function replenish(ctx: OrderContext, shipmentNumber: string): Promise<void> {
  const requisitions = await ops.raiseReorderRequisitions({ shipmentNumber, at: new Date().toISOString() });
  for (const requisitionNumber of requisitions) {
    // ABANDON: buying stock goes on whatever happens to this order.
    await startChild('procureToPay', {
      workflowId: requisitionWorkflowId(requisitionNumber),
      args: [{ requisitionNumber, policy: ctx.input.procurementPolicy! }],
      parentClosePolicy: 'ABANDON',
    });
    ctx.note('reorder', `${requisitionNumber} raised for stock below its reorder point`);
  }
}

/** Warehouse staff confirm each pick and pack through the task inbox. */
async function warehouseStep(ctx: OrderContext, shipmentNumber: string, step: 'picked' | 'packed'): Promise<void> {
  const verb = step === 'picked' ? 'Pick' : 'Pack';
  await ctx.setStatus(step === 'picked' ? 'picking' : 'packing', shipmentNumber);
  const id = await ctx.tasks.ask({
    id: `${ctx.workflowId}:${step === 'picked' ? 'pick' : 'pack'}:${shipmentNumber}`,
    documentRef: ctx.orderNumber,
    kind: step === 'picked' ? 'pick' : 'pack',
    role: 'warehouse',
    decisions: ['done'],
    title: `${verb} shipment ${shipmentNumber}`,
    description: `${verb} ${ctx.state.shipments
      .find((s) => s.number === shipmentNumber)!
      .lines.map((l) => `${l.quantity} × ${l.sku}`)
      .join(', ')}`,
  });
  await ctx.tasks.decision(id);
  await ops.recordShipmentStep({ shipmentNumber, step, at: new Date().toISOString() });
  ctx.putShipment({ ...ctx.state.shipments.find((s) => s.number === shipmentNumber)!, status: step });
}

/** Retries with backoff are automatic; when they run out, an operator is asked before trying again. */
async function bookCarrier(ctx: OrderContext, shipmentNumber: string): Promise<{ trackingNumber: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await partners.bookCarrier({ shipmentNumber });
    } catch (e) {
      if (!(e instanceof ActivityFailure)) throw e;
      ctx.note('carrier_unavailable', e.cause?.message ?? e.message);
      const id = await ctx.tasks.ask({
        id: `${ctx.workflowId}:carrier:${shipmentNumber}:${attempt}`,
        documentRef: ctx.orderNumber,
        kind: 'carrier-unavailable',
        role: 'operator',
        decisions: ['retry'],
        title: `Carrier booking failed for ${shipmentNumber}`,
        description: `The carrier did not accept the booking after repeated attempts (${e.cause?.message ?? e.message}). Check the carrier, then choose retry.`,
      });
      await ctx.tasks.decision(id);
    }
  }
}

async function watchDelivery(ctx: OrderContext, shipmentNumber: string): Promise<void> {
  await awaitDelivery(ctx, shipmentNumber);
  const shipment = ctx.state.shipments.find((s) => s.number === shipmentNumber)!;
  if (shipment.lines.some((l) => l.deliveredQty < l.quantity) && ctx.input.ticketPolicy && patched('complaint-on-short-delivery')) {
    await complain(ctx, shipmentNumber);
  }
}

/** What did not arrive becomes a service ticket, so the service desk follows it up with the customer. */
async function complain(ctx: OrderContext, shipmentNumber: string): Promise<void> {
  const ticketNumber = await ops.openDeliveryComplaint({ orderNumber: ctx.orderNumber, shipmentNumber });
  // ABANDON: the complaint is worked on whatever happens to the order's own process.
  await startChild('serviceTicket', {
    workflowId: ticketWorkflowId(ticketNumber),
    args: [{ ticketNumber, policy: ctx.input.ticketPolicy!, orderPolicy: ctx.policy }],
    parentClosePolicy: 'ABANDON',
  });
  ctx.note('complaint', `${ticketNumber} opened for the short delivery of ${shipmentNumber}`);
}

async function awaitDelivery(ctx: OrderContext, shipmentNumber: string): Promise<void> {
  const delivered = () => ctx.state.shipments.find((s) => s.number === shipmentNumber)?.status === 'delivered';
  if (await condition(delivered, ctx.policy.deliveryConfirmationMs)) return;
  ctx.note('delivery_overdue', shipmentNumber);
  const id = await ctx.tasks.ask({
    id: `${ctx.workflowId}:delivery-overdue:${shipmentNumber}`,
    documentRef: ctx.orderNumber,
    kind: 'delivery-overdue',
    role: 'operator',
    decisions: ['delivered', 'lost'],
    title: `No delivery confirmation for ${shipmentNumber}`,
    description:
      'The carrier has not confirmed delivery by the deadline. Check with the carrier or customer: confirm delivered, or report the shipment lost.',
  });
  const decision = await ctx.tasks.decision(id, undefined, delivered);
  if (delivered()) return ctx.tasks.withdraw('delivery confirmed', [id]);
  const shipment = ctx.state.shipments.find((s) => s.number === shipmentNumber)!;
  const lines = decision!.decision === 'lost' ? shipment.lines.map((l) => ({ lineNo: l.lineNo, deliveredQty: 0 })) : undefined;
  ctx.putShipment(
    await ops.confirmShipmentDelivery({ shipmentNumber, at: new Date().toISOString(), confirmedBy: decision!.decidedBy, lines }),
  );
}
