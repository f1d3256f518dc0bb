// Service tickets through the API: triage (the same decision twice at once), a question to the
// customer, a field visit with spare parts, resolution, a rejected and then a confirmed
// resolution, and the invoice for billable work paid (the same payment twice at once).
import { drive, newRun, ok, twice, type DriveContext, type Run } from './run';
import { ORDER_SKUS } from './orders';

export const TICKET_PLANS = ['simple', 'duplicate-triage', 'ask-customer', 'visit', 'reopen'] as const;
// Customers whose portal keys the run's API knows (standard, gold and platinum tiers).
export const TICKET_CUSTOMERS = ['C-0011', 'C-0012', 'C-0013', 'C-0014', 'C-0015', 'C-0016', 'C-0017', 'C-0018'];

export function planTicket(index: number): Run {
  return newRun('ticket', index, TICKET_PLANS[index % TICKET_PLANS.length], 'closed');
}

export async function driveTicket(ctx: DriveContext, run: Run): Promise<void> {
  const { api } = ctx;
  const i = run.index;
  const customer = TICKET_CUSTOMERS[i % TICKET_CUSTOMERS.length];
  const portal = `portal:${customer}` as const;
  const part = ORDER_SKUS[(i * 7) % ORDER_SKUS.length];
  const body = {
    customer,
    subject: `Chaos ticket ${i}`,
    description: `Reported during the chaos run (${run.plan}).`,
    channel: 'phone',
    ...(run.plan === 'visit' ? { productSku: part, category: 'hardware' } : {}),
  };
  let asked = false;
  let rejected = false;
  let lastPaid = 0;
  await drive(ctx, run, async () => {
    if (!run.number) {
      const created = await api.post('/tickets', body, 'agent', { 'idempotency-key': `chaos-ticket-${i}` });
      if (ok(created.status)) run.number = created.body.number;
      else run.lastSeen = `create → ${created.status} ${JSON.stringify(created.body).slice(0, 200)}`;
      return undefined;
    }
    const path = `/tickets/${run.number}`;
    const v = (await api.get(path, 'agent')).body;
    run.lastSeen = v?.status;
    for (const t of v?.openTasks ?? []) {
      if (t.kind === 'ticket-triage') {
        if (run.plan === 'duplicate-triage') {
          const [a, b] = await twice(run, () => api.decide(t.id, 'confirm', 'agent'));
          if (ok(a.status) && ok(b.status)) run.anomalies.push(`task ${t.id} accepted the same decision twice`);
        } else {
          await api.decide(t.id, 'confirm', 'agent');
        }
      } else if (t.kind === 'sla-escalation') {
        await api.decide(t.id, 'acknowledge', 'supervisor');
      } else if (t.kind === 'visit-reschedule') {
        await api.decide(t.id, 'done', 'agent');
      }
    }
    if (v?.status === 'open' && v.assignee) {
      if (run.plan === 'ask-customer' && !asked) {
        const r = await api.post(`${path}/responses`, { message: 'Which model is it?', askCustomer: true }, 'agent');
        asked = ok(r.status) || /already waiting/.test(JSON.stringify(r.body));
        return undefined;
      }
      if (run.plan === 'visit') {
        const visits: { number: string; status: string }[] = v.visits ?? [];
        if (!visits.length) {
          await api.post(`${path}/visits`, { parts: [{ sku: part, quantity: 1 }] }, 'agent');
          return undefined;
        }
        const scheduled = visits.find((x) => x.status === 'scheduled');
        if (scheduled) {
          const report = { outcome: 'completed', minutesSpent: 40, partsUsed: [{ sku: part, quantity: 1 }] };
          await api.post(`${path}/visits/${scheduled.number}/report`, report, 'supervisor');
          return undefined;
        }
      }
      await api.post(`${path}/resolution`, { resolution: rejected ? 'Fixed for good this time' : 'Fixed' }, 'agent');
    } else if (v?.status === 'waiting_on_customer') {
      await api.post(`${path}/customer-replies`, { message: 'It is the L-200' }, portal);
    } else if (v?.status === 'resolved') {
      if (run.plan === 'reopen' && !rejected) {
        const r = await api.post(`${path}/confirmation`, { decision: 'reject', comment: 'Still broken' }, portal);
        rejected = ok(r.status);
      } else {
        await api.post(`${path}/confirmation`, { decision: 'confirm', satisfaction: 4 }, portal);
      }
    } else if (v?.status === 'closed') {
      if (run.plan !== 'visit') return 'closed';
      if (!v.invoice) return undefined; // billing follows the close
      if (v.invoice.status === 'paid') return 'closed';
      if (Date.now() - lastPaid > 10_000) {
        lastPaid = Date.now();
        const invoice = (await api.get(`/invoices/${v.invoice.number}`, 'operator')).body;
        const payment = { reference: `CHAOS-${v.invoice.number}`, amount: invoice.outstanding };
        if (payment.amount > 0) {
          const [a, b] = await twice(run, () => api.post(`/invoices/${v.invoice.number}/payments`, payment, 'operator'));
          if (a.status === 201 && b.status === 201) run.anomalies.push(`payment ${payment.reference} was accepted twice as new`);
        }
      }
    }
    return undefined;
  });
}
