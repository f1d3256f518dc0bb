// Shared steps of the service-ticket tests: open a ticket through the API, triage it, move the
// time-skipping server's clock to a known business moment.
import { localDate, zonedInstant } from '../../domain/calendar';
import type { Harness } from '../support/harness';
import { customer } from '../support/fixtures';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
const TZ = 'Europe/Berlin';

/** Moves the test server's clock forward to `at` (never back). */
export async function sleepUntil(h: Harness, at: number): Promise<void> {
  const now = await h.env.currentTimeMs();
  if (at > now) await h.env.sleep(at - now);
}

/** The next given ISO weekday (1 = Monday) after today, at `hour`:`minute` Berlin time. */
export async function nextWeekdayAt(h: Harness, isoWeekday: number, hour: number, minute = 0): Promise<number> {
  const now = await h.env.currentTimeMs();
  let day = Date.parse(`${localDate(new Date(now), TZ)}T00:00:00Z`) + DAY;
  while (((new Date(day).getUTCDay() + 6) % 7) + 1 !== isoWeekday) day += DAY;
  return zonedInstant(day + (hour * 60 + minute) * MINUTE, TZ);
}

export async function ticketRow(h: Harness, number: string) {
  return h.stores.operations.ticket.findUniqueOrThrow({ where: { number } });
}

export async function events(h: Harness, number: string, kind: string) {
  return h.stores.operations.ticketEvent.findMany({ where: { ticket: { number }, kind }, orderBy: { id: 'asc' } });
}

export async function waitForTicket(
  h: Harness,
  number: string,
  check: (t: Awaited<ReturnType<typeof ticketRow>>) => boolean,
  what: string,
) {
  return h.eventually(async () => {
    const t = await ticketRow(h, number);
    return check(t) && t;
  }, `${number}: ${what}`);
}

/** Opens a ticket as an agent, confirms triage and waits for the assignment. */
export async function openTicket(h: Harness, body: Record<string, unknown> = {}, opts: { triage?: string } = {}) {
  const c = body.customer ? undefined : await customer(h.stores.operations);
  const res = await h.post(
    '/api/tickets',
    { customer: c?.code, subject: 'Lamp flickers', description: 'The desk lamp flickers after ten minutes.', channel: 'phone', ...body },
    'agent',
  );
  expect(res.status).toBe(201);
  const number = res.body.number as string;
  await waitForTicket(h, number, (t) => t.firstResponseDueAt !== null, 'SLA started');
  if (opts.triage !== 'skip') {
    const task = await h.openTask(number, 'ticket-triage');
    expect((await h.decide(task.id, opts.triage ?? 'confirm', 'agent', 'checked')).status).toBe(200);
    await waitForTicket(h, number, (t) => t.assignee !== null, 'assigned');
  }
  return { number, customerCode: (c?.code ?? body.customer) as string, view: res.body };
}
