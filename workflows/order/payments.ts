// Payments on the order's invoice. They take turns with the other money handlers, and each checks
// the invoice again once it is its turn: two payments accepted against the same outstanding amount
// must not both be applied. A bank reference already applied is answered as a duplicate.
import { currentUpdateInfo, setHandler } from '@temporalio/workflow';
import { ops } from '../shared/activities';
import { asRefusal, refuse } from '../shared/messages';
import type { OrderContext } from './context';
import { recordPaymentUpdate, type PaymentNotice, type PaymentResult } from './messages';
import type { InvoiceInfo } from './types';

/** Runs a handler's critical section in turn with the others (or at once, for histories from before the lock). */
export interface Turns {
  serialised: boolean;
  run<T>(critical: () => Promise<T>): Promise<T>;
}

const money = (cents: number) => (cents / 100).toFixed(2);

export function acceptPayments(ctx: OrderContext, turns: Turns): void {
  /** Bank reference → amount of each payment applied on this order, to answer repeats without applying them. */
  const applied = new Map<string, number>();

  const conflict = (p: PaymentNotice, amountCents: number) =>
    refuse(
      `Payment reference ${p.reference} was already used on order ${ctx.orderNumber} for ${money(amountCents)}; a different payment needs its own reference`,
    );

  /** Why the invoice, as the process knows it now, cannot take this payment. */
  const refusal = (p: PaymentNotice): string | undefined => {
    const invoice = ctx.state.invoice;
    if (ctx.state.status === 'cancelled' || !invoice || invoice.outstandingCents === 0) {
      return `Order ${ctx.orderNumber} has no open invoice to pay`;
    }
    if (p.amountCents > invoice.outstandingCents) {
      return `Payment of ${money(p.amountCents)} exceeds the outstanding ${money(invoice.outstandingCents)} on ${invoice.number}`;
    }
    return undefined;
  };

  setHandler(
    recordPaymentUpdate,
    async (p): Promise<PaymentResult> => {
      // The update's id is the same on every retry of the activity and differs between two requests.
      const requestId = currentUpdateInfo()?.id;
      return turns.run(async () => {
        if (turns.serialised) {
          const earlier = applied.get(p.reference);
          if (earlier !== undefined && earlier !== p.amountCents) throw conflict(p, earlier);
          if (earlier !== undefined) return { ...ctx.state.invoice!, duplicate: true };
          const why = refusal(p);
          if (why) throw refuse(why);
        }
        try {
          const result = await ops.recordCustomerPayment({
            orderNumber: ctx.orderNumber,
            reference: p.reference,
            amountCents: p.amountCents,
            method: p.method,
            recordedBy: p.recordedBy,
            at: new Date().toISOString(),
            requestId,
          });
          // Histories from before the activity told a repeat apart carry the bare invoice.
          const { invoice, applied: appliedNow } = 'applied' in result ? result : { invoice: result as InvoiceInfo, applied: true };
          ctx.state.invoice = invoice;
          applied.set(p.reference, p.amountCents);
          if (appliedNow) ctx.note('payment', `${money(p.amountCents)} (${p.reference}) recorded by ${p.recordedBy}`);
          return { ...invoice, duplicate: !appliedNow };
        } catch (e) {
          return asRefusal(e);
        }
      });
    },
    {
      validator: (p) => {
        const earlier = applied.get(p.reference);
        if (earlier !== undefined && earlier !== p.amountCents) throw conflict(p, earlier);
        if (earlier !== undefined) return;
        const why = refusal(p);
        if (why) throw refuse(why);
      },
    },
  );
}
