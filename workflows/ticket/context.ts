// State and helpers shared by the steps of one service-ticket process.
import { condition, workflowInfo } from '@temporalio/workflow';
import { ops } from '../shared/activities';
import { HumanTasks } from '../shared/human-tasks';
import type { TicketProcessState } from './messages';
import type { OrderPolicy } from '../order/types';
import type { SlaState, TicketCarriedState, TicketPolicy, TicketSnapshot, TicketStatus } from './types';
import { publish } from '../shared/visibility';

export { refuse } from '../shared/messages';
const now = () => new Date().toISOString();

export class TicketContext {
  readonly workflowId = workflowInfo().workflowId;
  readonly tasks = new HumanTasks('service-ticket');
  ticket!: TicketSnapshot;
  state: TicketProcessState;
  /** Flags the status is derived from; set before the activity that records them, so validators see them at once. */
  waiting = false;
  resolved = false;
  closed = false;
  /** Bumped whenever deadlines or the pause state change, so the SLA watcher re-arms its timer. */
  slaVersion = 0;
  resolutions = 0;
  readonly warned = new Set<string>();
  /** True while the SLA watcher records a warning or a breach: no continue-as-new in the middle of it. */
  slaBusy = false;
  /** Runs of this ticket before the current one (continue-as-new). */
  runs = 0;
  private seq = 0;

  constructor(
    readonly ticketNumber: string,
    readonly policy: TicketPolicy,
    readonly orderPolicy?: OrderPolicy,
  ) {
    this.state = {
      ticketNumber,
      status: 'new',
      priority: 'normal',
      category: 'general',
      visits: [],
      replacementOrders: [],
      openTasks: [],
      events: [],
    };
  }

  /** A key for the next step's side effects; handlers run in a deterministic order, so replays get the same keys. */
  key(step: string): string {
    return `${this.workflowId}:${step}:${++this.seq}`;
  }

  note(step: string, note?: string) {
    this.state.events.push({ at: now(), step, ...(note ? { note } : {}) });
  }

  get status(): TicketStatus {
    if (this.closed) return 'closed';
    if (this.resolved) return 'resolved';
    if (this.waiting) return 'waiting_on_customer';
    return this.state.assignee ? 'open' : 'new';
  }

  /** Records a ticket event together with the status it leads to. */
  async record(kind: string, actor: string, data: object = {}, set: Record<string, unknown> = {}) {
    this.state.status = this.status;
    this.publish();
    this.note(kind, `by ${actor}`);
    await ops.recordTicketEvent({
      ticketNumber: this.ticketNumber,
      key: this.key(kind),
      at: now(),
      kind,
      actor,
      data,
      set: { status: this.status, ...set },
    });
  }

  /** Starts, pauses, resumes (or re-reads) the SLA clock and re-arms the watcher. */
  async sla(event?: 'sla_started' | 'paused' | 'resumed', actor = 'process', data: object = {}) {
    await condition(() => event === 'sla_started' || this.state.sla !== undefined);
    const sla: SlaState = await ops.updateTicketSla({
      ticketNumber: this.ticketNumber,
      at: now(),
      warningPercent: this.policy.warningPercent,
      ...(event ? { event: { key: this.key(event), kind: event, actor, data } } : {}),
    });
    this.setSla(sla);
  }

  setSla(sla: SlaState) {
    this.state.sla = sla;
    this.slaVersion++;
    this.publish();
  }

  /** Status and wait for visibility: the assignee until the SLA's next deadline, or the customer. */
  publish() {
    const status = this.status;
    const customer = this.ticket?.customerCode;
    const due = this.state.sla?.firstResponse?.dueAt ?? this.state.sla?.resolution?.dueAt;
    if (status === 'open' && this.state.assignee) publish({ status, waitingOn: 'person', waitingFor: this.state.assignee, dueAt: due });
    else if ((status === 'waiting_on_customer' || status === 'resolved') && customer)
      publish({ status, waitingOn: 'partner', waitingFor: customer });
    else publish({ status });
  }

  /** Everything the next run needs to go on where this one stops. */
  carry(): TicketCarriedState {
    return {
      ticket: this.ticket,
      state: this.snapshot(),
      waiting: this.waiting,
      resolved: this.resolved,
      closed: this.closed,
      resolutions: this.resolutions,
      warned: [...this.warned],
      seq: this.seq,
      tasks: this.tasks.carry(),
      runs: this.runs + 1,
    };
  }

  restore(c: TicketCarriedState) {
    this.ticket = c.ticket;
    this.state = c.state;
    Object.assign(this, {
      waiting: c.waiting,
      resolved: c.resolved,
      closed: c.closed,
      resolutions: c.resolutions,
      seq: c.seq,
      runs: c.runs,
    });
    for (const w of c.warned) this.warned.add(w);
    this.tasks.restore(c.tasks);
  }

  snapshot(): TicketProcessState {
    return { ...this.state, status: this.status, openTasks: this.tasks.openTaskIds };
  }
}
