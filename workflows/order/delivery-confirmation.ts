// Confirming that a shipment arrived, in full or short. The lines reported must be lines of that
// shipment and no more than was shipped on them: anything else is refused before a thing is written.
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import { ops } from '../shared/activities';
import { REFUSAL, asRefusal, refuse } from '../shared/messages';
import type { OrderContext } from './context';
import { confirmDeliveryUpdate, type DeliveryConfirmation } from './messages';
import type { Turns } from './payments';
import type { ShipmentInfo } from './types';

/** A refusal naming the field of the request that is wrong (answered as 400). */
const badField = (field: string, message: string) =>
  ApplicationFailure.create({ type: REFUSAL.invalid, message: `${field}: ${message}`, details: [{ field, message }] });

/** Field names are those of the request (`lines.<i>.deliveredQuantity`), so the caller can find them. */
export function checkDeliveredLines(shipment: ShipmentInfo, lines: DeliveryConfirmation['lines']): void {
  const seen = new Set<number>();
  (lines ?? []).forEach((l, i) => {
    const line = shipment.lines.find((s) => s.lineNo === l.lineNo);
    if (!line) {
      const carried = shipment.lines.map((s) => s.lineNo).join(', ');
      throw badField(`lines.${i}.lineNo`, `shipment ${shipment.number} carries no order line ${l.lineNo} (it carries ${carried})`);
    }
    if (seen.has(l.lineNo)) throw badField(`lines.${i}.lineNo`, `order line ${l.lineNo} is listed more than once`);
    seen.add(l.lineNo);
    if (l.deliveredQty > line.quantity) {
      const message = `${l.deliveredQty} is more than the ${line.quantity} shipped on line ${l.lineNo} of ${shipment.number}`;
      throw badField(`lines.${i}.deliveredQuantity`, message);
    }
  });
}

export function acceptDeliveryConfirmations(ctx: OrderContext, turns: Turns): void {
  /** Shipments whose confirmation is under way, so a second one is refused at once. */
  const confirming = new Set<string>();
  const waiting = () => ctx.state.shipments.filter((s) => s.status === 'shipped' && !confirming.has(s.number));

  setHandler(
    confirmDeliveryUpdate,
    async (c) => {
      const shipment = c.shipmentNumber ?? waiting()[0].number;
      confirming.add(shipment);
      return turns.run(async () => {
        try {
          const info = await ops.confirmShipmentDelivery({
            shipmentNumber: shipment,
            at: new Date().toISOString(),
            confirmedBy: c.confirmedBy,
            lines: c.lines,
          });
          ctx.putShipment(info);
          ctx.note('delivered', `${shipment} confirmed by ${c.confirmedBy}`);
          return info;
        } catch (e) {
          confirming.delete(shipment);
          return asRefusal(e);
        }
      });
    },
    {
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
          throw refuse(
            open.length === 0
              ? `Order ${ctx.orderNumber} has no shipment awaiting delivery confirmation`
              : `Order ${ctx.orderNumber} has ${open.length} shipments in transit; name one with shipmentNumber (${names})`,
          );
        }
        checkDeliveredLines(named ?? open[0], c.lines);
      },
    },
  );
}
