// What a person sees of a ticket: the record, its SLA deadlines with the business minutes left,
// visits, events and open tasks, plus the live state of its process (when it can be asked).
import type { Client } from '@temporalio/client';
import type { OperationsDb } from '../../db/clients';
import { businessMinutesBetween } from '../calendar';
import { notFound } from '../errors';
import { fromCents } from '../money';
import { pageOf, type PageQuery } from '../paging';
import { liveState, type ViewOptions } from '../processes/live-state';
import { ticketStateQuery } from '../../workflows/ticket/messages';
import { agreedPriority, slaPolicyFor } from './service-calendar';
import { ticketHandle } from './ticket-process';

export async function getTicketView(db: OperationsDb, temporal: Client, number: string, opts: ViewOptions = {}, now = new Date()) {
  const t = await db.ticket.findUnique({
    where: { number },
    include: { events: { orderBy: { id: 'asc' } }, visits: { include: { parts: true }, orderBy: { id: 'asc' } } },
  });
  if (!t) throw notFound(`Ticket ${number}`);
  const customer = await db.customer.findUniqueOrThrow({ where: { id: t.customerId } });
  const productIds = t.visits.flatMap((v) => v.parts.map((p) => p.productId));
  const skus = new Map((await db.product.findMany({ where: { id: { in: productIds } } })).map((p) => [p.id, p.sku]));
  const tasks = await db.task.findMany({ where: { documentRef: number, status: 'open' }, orderBy: { createdAt: 'asc' } });
  const invoice = await db.invoice.findUnique({ where: { key: `ticket:${number}:invoice` } });
  const process = await liveState(async () => (await ticketHandle(db, temporal, number)).query(ticketStateQuery), opts);

  const policy = await slaPolicyFor(db, await agreedPriority(db, t.id, t.priority), customer.tier);
  const live = 'sla' in process ? process.sla : undefined;
  const pausedSince = live?.pausedSince ? new Date(live.pausedSince) : undefined;
  // While the clock is paused, the time left stands still at what it was when it stopped.
  const clockNow = pausedSince ?? now;
  const target = (dueAt: Date | null, metAt: Date | null, breached: boolean, targetMinutes: number) =>
    dueAt && {
      targetMinutes,
      dueAt: dueAt.toISOString(),
      metAt: metAt?.toISOString() ?? null,
      breached,
      remainingBusinessMinutes: metAt ? null : businessMinutesBetween(clockNow, dueAt, policy.calendar),
    };
  return {
    number: t.number,
    status: t.status,
    priority: t.priority,
    category: t.category,
    customer: { code: customer.code, name: customer.name, tier: customer.tier },
    subject: t.subject,
    description: t.description,
    channel: t.channel,
    productSku: t.productSku,
    serialNumber: t.serialNumber,
    orderRef: t.orderRef,
    underWarranty: t.underWarranty,
    team: t.team,
    assignee: t.assignee,
    satisfaction: t.satisfaction,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    resolvedAt: t.resolvedAt?.toISOString() ?? null,
    closedAt: t.closedAt?.toISOString() ?? null,
    sla: {
      startedAt: live?.startedAt ?? null,
      paused: !!pausedSince,
      pausedBusinessMinutes: live?.pausedMinutes ?? null,
      calendar: policy.calendarCode,
      firstResponse: target(t.firstResponseDueAt, t.firstRespondedAt, t.breachedFirstResponse, policy.firstResponseMinutes),
      resolution: target(t.resolutionDueAt, t.closedAt, t.breachedResolution, policy.resolutionMinutes),
    },
    visits: t.visits.map((v) => ({
      number: v.number,
      technician: v.technician,
      slotStart: v.slotStart.toISOString(),
      slotEnd: v.slotEnd.toISOString(),
      status: v.status,
      minutesSpent: v.minutesSpent,
      notes: v.outcome,
      parts: v.parts.map((p) => ({ sku: skus.get(p.productId), reserved: p.reservedQty, used: p.usedQty })),
    })),
    invoice: invoice && { number: invoice.number, total: fromCents(invoice.totalCents), status: invoice.status },
    events: t.events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, actor: e.actor, data: JSON.parse(e.data) as unknown })),
    openTasks: tasks.map((x) => ({ id: x.id, kind: x.kind, title: x.title, role: x.role, dueAt: x.dueAt })),
    process,
  };
}

export async function listTickets(
  db: OperationsDb,
  q: PageQuery & { status?: string; priority?: string; breached?: boolean; assignee?: string; customer?: string },
) {
  const customer = q.customer ? await db.customer.findUnique({ where: { code: q.customer } }) : undefined;
  const breached =
    q.breached === undefined
      ? {}
      : q.breached
        ? { OR: [{ breachedFirstResponse: true }, { breachedResolution: true }] }
        : { breachedFirstResponse: false, breachedResolution: false };
  const where = {
    ...(q.status ? { status: q.status } : {}),
    ...(q.priority ? { priority: q.priority } : {}),
    ...(q.assignee ? { assignee: q.assignee } : {}),
    ...(q.customer ? { customerId: customer?.id ?? -1 } : {}),
    ...breached,
  };
  return pageOf(
    q,
    () => db.ticket.count({ where }),
    (window) => db.ticket.findMany({ where, orderBy: { id: 'desc' }, ...window }),
    (t) => ({
      number: t.number,
      status: t.status,
      priority: t.priority,
      category: t.category,
      subject: t.subject,
      assignee: t.assignee,
      firstResponseDueAt: t.firstResponseDueAt?.toISOString() ?? null,
      resolutionDueAt: t.resolutionDueAt?.toISOString() ?? null,
      breached: t.breachedFirstResponse || t.breachedResolution,
      createdAt: t.createdAt.toISOString(),
    }),
  );
}
