// Invoice on delivered quantities (or settle an up-front invoice), then wait for payment with
// reminders on the payment term, and finally hand the debt to a manager.
import { condition } from '@temporalio/workflow';
import { ops } from '../shared/activities';
import type { OrderContext } from './context';
import type { OrderStatus } from './messages';
import { publish } from '../shared/visibility';

const DAY_MS = 86_400_000;

/** Up-front invoicing (policy "ordered"): issued before anything ships, voided if the order is cancelled. */
export async function invoiceUpFront(ctx: OrderContext): Promise<void> {
  ctx.compensations.push({
    name: 'void invoice',
    run: () => ops.voidOrderInvoices({ orderNumber: ctx.orderNumber, at: new Date().toISOString() }),
  });
  const invoice = await ops.issueOrderInvoice({ orderNumber: ctx.orderNumber, basis: 'ordered', at: new Date().toISOString() });
  if (invoice) {
    ctx.state.invoice = invoice;
    ctx.note('invoiced', `${invoice.number} on ordered quantities`);
  }
}

export async function bill(ctx: OrderContext): Promise<OrderStatus> {
  await ctx.setStatus('invoicing');
  if (ctx.order.invoicePolicy === 'ordered') {
    const credited = await ops.creditUndelivered({ orderNumber: ctx.orderNumber, at: new Date().toISOString() });
    if (credited) {
      ctx.state.invoice = credited;
      ctx.note('credited', `credit note on ${credited.number} for undelivered goods`);
    }
  } else {
    const invoice = await ops.issueOrderInvoice({ orderNumber: ctx.orderNumber, basis: 'delivered', at: new Date().toISOString() });
    if (invoice) {
      ctx.state.invoice = invoice;
      ctx.note('invoiced', `${invoice.number} on delivered quantities`);
    }
  }
  const invoice = ctx.state.invoice;
  if (!invoice) return 'closed'; // nothing was delivered, so nothing is owed
  const paid = () => (ctx.state.invoice?.outstandingCents ?? 0) === 0;
  if (paid()) return 'paid';

  // Waiting on the customer's payment, due on the invoice's date.
  const payer = { waitingOn: 'partner', waitingFor: ctx.order.customerCode, dueAt: invoice.dueAt } as const;
  publish({ status: 'awaiting_payment', ...payer });
  await ctx.setStatus('awaiting_payment', `${invoice.number} due ${invoice.dueAt.slice(0, 10)}`);
  const due = Date.parse(invoice.dueAt);
  const reminders = ctx.policy.paymentReminderDays;
  for (let level = 1; level <= reminders.length; level++) {
    const remindAt = due + reminders[level - 1] * DAY_MS;
    if (await condition(paid, Math.max(1, remindAt - Date.now()))) return 'paid';
    publish({ status: 'overdue', ...payer });
    await ctx.setStatus('overdue', `${invoice.number} unpaid after its due date`);
    await ops.sendPaymentReminder({ invoiceNumber: invoice.number, level, at: new Date().toISOString() });
    ctx.state.remindersSent = level;
    ctx.note('payment_reminder', `reminder ${level} for ${invoice.number}`);
  }
  const id = await ctx.tasks.ask({
    id: `${ctx.workflowId}:collections`,
    documentRef: ctx.orderNumber,
    kind: 'collections',
    role: 'manager',
    decisions: ['keep-collecting', 'write-off'],
    title: `Collections: ${invoice.number} (${ctx.order.customerCode}) is overdue`,
    description: `${reminders.length} reminders sent and ${(ctx.state.invoice!.outstandingCents / 100).toFixed(2)} is still outstanding. Keep collecting or write the debt off.`,
  });
  const decision = await ctx.tasks.decision(id, undefined, paid);
  if (paid()) {
    await ctx.tasks.withdraw('invoice paid', [id]);
    return 'paid';
  }
  if (decision?.decision === 'write-off') {
    ctx.state.invoice = await ops.writeOffInvoice({
      invoiceNumber: invoice.number,
      at: new Date().toISOString(),
      decidedBy: decision.decidedBy,
    });
    return 'written_off';
  }
  await condition(paid);
  return 'paid';
}
