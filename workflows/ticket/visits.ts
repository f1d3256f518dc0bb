// Field visits: scheduled by an agent or supervisor, reported by the technician. A failed visit or
// a no-show books the next free slot at once (same parts), so the customer is never left without one.
import { patched, setHandler } from '@temporalio/workflow';
import { asRefusal } from '../shared/messages';
import { ops } from '../shared/activities';
import { refuse, type TicketContext } from './context';
import { reportVisitUpdate, scheduleVisitUpdate } from './messages';
import type { VisitInfo } from './types';

const now = () => new Date().toISOString();

export function handleVisits(ctx: TicketContext) {
  const n = ctx.ticketNumber;
  let booking = false;
  const reporting = new Set<string>();
  const put = (v: VisitInfo) => {
    const i = ctx.state.visits.findIndex((x) => x.number === v.number);
    if (i >= 0) ctx.state.visits[i] = v;
    else ctx.state.visits.push(v);
  };
  const book = async (req: {
    notBefore?: string;
    technician?: string;
    slotStart?: string;
    parts: { sku: string; quantity: number }[];
    by: string;
  }) => {
    const visitNumber = `${n}-V${ctx.state.visits.length + 1}`;
    const visit = await ops.scheduleVisit({ ticketNumber: n, visitNumber, at: now(), ...req });
    put(visit);
    ctx.note('visit_scheduled', `${visit.number}: ${visit.technician} at ${visit.slotStart} (by ${req.by})`);
    return visit;
  };

  setHandler(
    scheduleVisitUpdate,
    async (req) => {
      booking = true;
      try {
        return await book(req);
      } catch (e) {
        return asRefusal(e);
      } finally {
        booking = false;
      }
    },
    {
      validator: (_req) => {
        if (ctx.closed || ctx.resolved) throw refuse(`Ticket ${n} is ${ctx.status}; reopen it before planning a visit`);
        const open = ctx.state.visits.find((v) => v.status === 'scheduled');
        if (open || booking) throw refuse(`Ticket ${n} already has visit ${open?.number ?? '(being booked)'} scheduled; report it first`);
      },
    },
  );

  setHandler(
    reportVisitUpdate,
    async (r) => {
      reporting.add(r.visit);
      let visit: VisitInfo;
      try {
        visit = await ops.reportVisit({
          ticketNumber: n,
          visitNumber: r.visit,
          at: now(),
          outcome: r.outcome,
          minutesSpent: r.minutesSpent,
          partsUsed: r.partsUsed,
          notes: r.notes,
          by: r.by,
        });
      } catch (e) {
        return asRefusal(e);
      } finally {
        reporting.delete(r.visit);
      }
      put(visit);
      ctx.note('visit_reported', `${visit.number}: ${r.outcome} by ${r.by}`);
      if (r.outcome === 'completed') return { visit };
      const parts = visit.parts.map((p) => ({ sku: p.sku, quantity: p.reserved }));
      booking = true;
      try {
        // Same technician first, then anyone with the skill, in the next free slot.
        const next = { notBefore: visit.slotEnd, parts, by: 'process' };
        const rescheduled = await book({ ...next, technician: visit.technician }).catch(() => book(next));
        return { visit, rescheduled };
      } catch (e) {
        ctx.note('visit_reschedule_failed', String((e as Error).message));
        // The report itself stands; an agent plans the next visit by hand. The task is opened before the
        // report is answered, so it cannot be lost to a process that completes meanwhile.
        const asked = ctx.tasks.ask({
          id: `${ctx.workflowId}:reschedule:${visit.number}`,
          documentRef: n,
          kind: 'visit-reschedule',
          role: 'agent',
          decisions: ['done'],
          title: `Plan a new visit for ticket ${n}`,
          description: `Visit ${visit.number} ended ${r.outcome} and no new slot could be booked automatically (${(e as Error).message}).`,
        });
        if (patched('ticket-visit-await-task')) await asked;
        return { visit };
      } finally {
        booking = false;
      }
    },
    {
      validator: (r) => {
        const visit = ctx.state.visits.find((v) => v.number === r.visit);
        if (!visit) throw refuse(`Visit ${r.visit} does not belong to ticket ${n}`);
        if (visit.status !== 'scheduled' || reporting.has(r.visit))
          throw refuse(
            `Visit ${r.visit} is ${reporting.has(r.visit) ? 'being reported' : visit.status}; only a scheduled visit can be reported`,
          );
      },
    },
  );
}
