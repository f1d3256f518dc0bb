// Confirming that a shipment arrived, in full or short; one confirmation per shipment.
import { setHandler } from '@temporalio/workflow';
import { ops } from '../shared/activities';
import { REFUSAL, asRefusal, refuse } from '../shared/messages';
import type { OrderContext } from './context';
import { confirmDeliveryUpdate } from './messages';
import type { Turns } from './payments';

export function acceptDeliveryConfirmations(ctx: OrderContext, turns: Turns): void {
  /** Shipments whose confirmation is under way, so a second one is refused at once. */
  const confirming = new Set<string>();
  const waiting = () => ctx.state.shipments.filter((s) => s.status === 'shipped' && !confirming.has(s.number));

  setHandler(confirmDeliveryUpdate, async (c) => {
    const shipment = c.shipmentNumber ?? waiting()[0].number;
    confirming.add(shipment);
    return turns.run(async () => {
      try {
        const info = await ops.confirmShipmentDelivery({
          shipmentNumber: shipment, at: new Date().toISOString(), confirmedBy: c.confirmedBy, lines: c.lines,
        });
        ctx.putShipment(info);
        ctx.note('delivered', `${shipment} confirmed by ${c.confirmedBy}`);
        return info;
      } catch (e) {
        confirming.delete(shipment);
        return asRefusal(e);
      }
    });
  }, {
    validator: (c) => {
      const open = waiting();
      const named = c.shipmentNumber ? ctx.state.shipments.find((s) => s.number === c.shipmentNumber) : undefined;
      if (c.shipmentNumber && !named) {
        throw refuse(`Shipment ${c.shipmentNumber} does not belong to order ${ctx.orderNumber}`, REFUSAL.invalid);
      }
      if (c.shipmentNumber && !open.some((s) => s.number === c.shipmentNumber)) {
        throw refuse(`Shipment ${c.shipmentNumber} is not awaiting delivery confirmation`);
      }
      if (!c.shipmentNumber && open.length !== 1) {
        const names = open.map((s) => s.number).join(', ');
        throw refuse(open.length === 0 ? `Order ${ctx.orderNumber} has no shipment awaiting delivery confirmation`
          : `Order ${ctx.orderNumber} has ${open.length} shipments in transit; name one with shipmentNumber (${names})`);
      }
    },
  });
}
