// The chaos run's only way into the system: the HTTP API, as a user would call it. A request the
// API never received (connection refused while it restarts) is sent again; anything else is
// returned to the caller, whose loop reads the record again and decides what is still to do.
export interface Reply<T = any> {
  status: number;
  body: T;
}

export const KEYS = {
  operator: 'chaos-operator',
  approver: 'chaos-approver',
  manager: 'chaos-manager',
  requester: 'chaos-requester',
  buyer: 'chaos-buyer',
  ap: 'chaos-ap',
  agent: 'chaos-agent',
  supervisor: 'chaos-supervisor',
  admin: 'chaos-admin',
  production: 'chaos-production',
  technician: 'chaos-technician',
  inspector: 'chaos-inspector',
} as const;
export type As = keyof typeof KEYS | `portal:${string}`;

/** The users the chaos run's API is started with; portal users are bound to one customer each. */
export function apiUsers(portalCustomers: string[]): string {
  return [
    `${KEYS.operator}:Olivia Operator:operator|warehouse`,
    `${KEYS.approver}:Arthur Approver:approver`,
    `${KEYS.manager}:Maria Manager:manager|approver`,
    `${KEYS.requester}:Rick Requester:requester`,
    `${KEYS.buyer}:Bella Buyer:buyer`,
    `${KEYS.production}:Paula Planner:production`,
    `${KEYS.technician}:Tom Technician:technician`,
    `${KEYS.inspector}:Ivy Inspector:quality`,
    `${KEYS.ap}:Amir Payables:ap_clerk|approver`,
    `${KEYS.agent}:Alex Agent:agent`,
    `${KEYS.supervisor}:Sofia Supervisor:supervisor|agent`,
    `${KEYS.admin}:Ada Admin:admin`,
    ...portalCustomers.map((c) => `chaos-portal-${c}:Portal ${c}:customer:${c}`),
  ].join(',');
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const jitter = (ms: number) => ms / 2 + Math.random() * ms;

export class Api {
  requests = 0;
  refused = 0;
  private inFlight = 0;
  private queue: (() => void)[] = [];

  /** `maxInFlight` keeps hundreds of pollers from drowning a two-core machine. */
  constructor(
    private readonly base: string,
    private readonly maxInFlight = 24,
  ) {}

  private async slot(): Promise<() => void> {
    if (this.inFlight >= this.maxInFlight) await new Promise<void>((r) => this.queue.push(r));
    this.inFlight++;
    return () => {
      this.inFlight--;
      this.queue.shift()?.();
    };
  }

  async call<T = any>(
    method: 'GET' | 'POST',
    path: string,
    as: As,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const key = as.startsWith('portal:') ? `chaos-portal-${as.slice(7)}` : KEYS[as as keyof typeof KEYS];
    for (let attempt = 0; ; attempt++) {
      const release = await this.slot();
      try {
        this.requests++;
        const res = await fetch(`${this.base}/api${path}`, {
          method,
          headers: { 'x-api-key': key, 'content-type': 'application/json', ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(60_000),
        });
        const text = await res.text();
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          /* not JSON: keep the text */
        }
        return { status: res.status, body: parsed as T };
      } catch (e) {
        const code = (e as { cause?: { code?: string } }).cause?.code;
        // Never reached the API: safe to send again. Any other failure may have been applied.
        if (code === 'ECONNREFUSED' || method === 'GET') {
          this.refused++;
          if (attempt > 600) throw e;
        } else {
          return { status: 0, body: { error: { message: String((e as Error).message) } } as T };
        }
      } finally {
        release();
      }
      await sleep(jitter(1000));
    }
  }

  get = <T = any>(path: string, as: As) => this.call<T>('GET', path, as);
  post = <T = any>(path: string, body: unknown, as: As, headers?: Record<string, string>) => this.call<T>('POST', path, as, body, headers);
  decide = (taskId: string, decision: string, as: As, comment?: string) =>
    this.post(`/tasks/${encodeURIComponent(taskId)}/decision`, { decision, ...(comment ? { comment } : {}) }, as);
}
