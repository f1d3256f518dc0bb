// Process search: every process the engine runs, filtered by the business facts it publishes.
import { useState } from 'preact/hooks';
import { PROCESS_KINDS, WAITING_ON } from '../../domain/processes/kinds';
import { api } from '../api';
import { typeOfKind } from '../documents';
import { amount, label, relative, when } from '../format';
import { LoadError, useLoad } from '../parts/use-load';
import { href, navigate } from '../router';

export interface Eta {
  expectedAt: string | null;
  basedOnRuns: number;
  range?: { earliest: string; latest: string };
  fromStatus?: string;
  method?: string;
  reason?: string;
}

export interface ProcessSummary {
  workflowId: string;
  kind: string;
  document: string;
  status: string;
  customer?: string;
  supplier?: string;
  waitingOn?: string;
  waitingFor?: string;
  dueAt?: string;
  overdue: boolean;
  amountCents?: number;
  startedAt: string;
  closedAt?: string;
  running: boolean;
  eta?: Eta | null;
  temporalUiUrl: string;
}

const FILTERS = [
  'kind',
  'status',
  'customer',
  'supplier',
  'waitingOn',
  'waitingFor',
  'overdue',
  'running',
  'document',
  'startedAfter',
  'startedBefore',
] as const;

// The API takes instants; the form takes days, from the start of the first to the end of the last (UTC).
const instants = (f: Record<string, string>) => ({
  ...f,
  startedAfter: f.startedAfter ? `${f.startedAfter}T00:00:00Z` : undefined,
  startedBefore: f.startedBefore ? `${f.startedBefore}T23:59:59.999Z` : undefined,
});

export function ProcessesPage({ query }: { query: URLSearchParams }) {
  const filters = Object.fromEntries(FILTERS.map((f) => [f, query.get(f) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const [form, setForm] = useState(filters);
  const pageToken = query.get('pageToken') ?? undefined;
  const key = query.toString();
  const { data, error, loading } = useLoad(
    () =>
      api<{ items: ProcessSummary[]; nextPageToken?: string; count: number }>('GET', '/processes', {
        query: { ...instants(filters), pageToken, pageSize: '50' },
      }),
    [key],
  );
  const set = (k: string) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [k]: e.currentTarget.value });
  const search = (e: Event) => {
    e.preventDefault();
    navigate(href('processes', form));
  };
  const select = (name: string, text: string, options: [string, string][]) => (
    <div class="field">
      <label for={`pf-${name}`}>{text}</label>
      <select id={`pf-${name}`} value={form[name as keyof typeof form]} onChange={set(name)}>
        <option value="">Any</option>
        {options.map(([v, t]) => (
          <option key={v} value={v}>
            {t}
          </option>
        ))}
      </select>
    </div>
  );
  const input = (name: string, text: string, placeholder?: string, type = 'text') => (
    <div class="field">
      <label for={`pf-${name}`}>{text}</label>
      <input id={`pf-${name}`} type={type} value={form[name as keyof typeof form]} onInput={set(name)} placeholder={placeholder} />
    </div>
  );
  return (
    <section>
      <h1 tabIndex={-1}>Processes</h1>
      <form class="filters" onSubmit={search}>
        {select(
          'kind',
          'Kind',
          PROCESS_KINDS.map((k) => [k, label(k)]),
        )}
        {input('status', 'Status', 'e.g. credit_hold')}
        {input('customer', 'Customer', 'C-0001')}
        {input('supplier', 'Supplier', 'S-001')}
        {select(
          'waitingOn',
          'Waiting on',
          WAITING_ON.map((w) => [w, w]),
        )}
        {input('waitingFor', 'Waiting for', 'approver, SWIFT, CUT')}
        {select('overdue', 'Overdue', [
          ['true', 'Overdue only'],
          ['false', 'Not overdue'],
        ])}
        {select('running', 'Running', [
          ['true', 'Running'],
          ['false', 'Closed'],
        ])}
        {input('document', 'Document', 'SO-00001')}
        {input('startedAfter', 'Started on or after', undefined, 'date')}
        {input('startedBefore', 'Started on or before', undefined, 'date')}
        <div class="actions">
          <button type="submit">Search</button>
          <a
            class="button secondary"
            href={href('processes')}
            onClick={() => setForm(Object.fromEntries(FILTERS.map((f) => [f, ''])) as typeof form)}
          >
            Clear
          </a>
        </div>
      </form>
      <LoadError error={error} what="Process search" />
      <p class="hint" aria-live="polite">
        {loading
          ? 'Searching…'
          : data
            ? `${data.count} process${data.count === 1 ? '' : 'es'} found${pageToken ? ' (a later page)' : ''}`
            : ''}
      </p>
      {data && data.items.length > 0 && <ProcessTable items={data.items} />}
      <nav class="pager" aria-label="Pages of results">
        {pageToken && <a href={href('processes', { ...filters })}>First page</a>}
        {data?.nextPageToken && <a href={href('processes', { ...filters, pageToken: data.nextPageToken })}>Next page</a>}
      </nav>
    </section>
  );
}

function ProcessTable({ items }: { items: ProcessSummary[] }) {
  return (
    <table class="processes">
      <caption class="sr-only">Processes, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Document</th>
          <th scope="col">Kind</th>
          <th scope="col">Status / step</th>
          <th scope="col">Party</th>
          <th scope="col">Waiting on</th>
          <th scope="col">Due</th>
          <th scope="col">ETA</th>
          <th scope="col">Amount</th>
          <th scope="col">Started</th>
        </tr>
      </thead>
      <tbody>
        {items.map((p) => {
          const type = typeOfKind(p.kind);
          return (
            <tr key={p.workflowId} class={p.overdue ? 'overdue' : ''}>
              <td>
                {type ? (
                  <a href={href('document', type, p.document)}>{p.document}</a>
                ) : (
                  <a href={p.temporalUiUrl}>{p.document || p.workflowId}</a>
                )}
              </td>
              <td>{label(p.kind)}</td>
              <td>
                {label(p.status)}
                {!p.running && <span class="badge">closed {when(p.closedAt)}</span>}
              </td>
              <td>{p.customer ?? p.supplier ?? '—'}</td>
              <td>{p.waitingOn && p.waitingOn !== 'nothing' ? `${p.waitingOn}${p.waitingFor ? `: ${p.waitingFor}` : ''}` : '—'}</td>
              <td class={p.overdue ? 'due overdue' : ''}>{p.dueAt ? `${p.overdue ? 'Overdue: ' : ''}${when(p.dueAt)}` : '—'}</td>
              <td>{p.eta?.expectedAt ? `${when(p.eta.expectedAt)} (${relative(p.eta.expectedAt)})` : '—'}</td>
              <td class="num">{p.amountCents === undefined ? '—' : amount(p.amountCents / 100)}</td>
              <td>{when(p.startedAt)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
