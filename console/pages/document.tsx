// One document: its record, the process's state and ETA, its timeline (kept current while the page is
// open) and the run in the Temporal Web UI.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { DOCUMENT_TYPES, documentLabel, isDocumentType, numberLooksRight, recordPath, workflowIdOf, type DocumentType } from '../documents';
import { label, relative, when } from '../format';
import { RecordView } from '../parts/record-view';
import { TimelineView, type Timeline } from '../parts/timeline';
import { LoadError, useLoad } from '../parts/use-load';
import { href, navigate } from '../router';
import type { ProcessSummary } from './processes';

const REFRESH_MS = 3_000;

export function DocumentPage({ type, number }: { type?: string; number?: string }) {
  if (!type || !number || !isDocumentType(type)) return <Lookup type={type} />;
  return <DocumentView key={`${type}/${number}`} type={type} number={number} />;
}

function Lookup({ type }: { type?: string }) {
  const [t, setT] = useState<DocumentType>(type && isDocumentType(type) ? type : 'order');
  const [n, setN] = useState('');
  const [problem, setProblem] = useState<string>();
  const open = (e: Event) => {
    e.preventDefault();
    const number = n.trim().toUpperCase();
    if (!numberLooksRight(t, number)) return setProblem(`That is not a ${documentLabel(t).toLowerCase()} number.`);
    navigate(href('document', t, number));
  };
  return (
    <section>
      <h1 tabIndex={-1}>Open a document</h1>
      <form class="toolbar" onSubmit={open} noValidate>
        <label for="doc-type">Type</label>
        <select id="doc-type" value={t} onChange={(e) => setT(e.currentTarget.value as DocumentType)}>
          {DOCUMENT_TYPES.map((d) => (
            <option key={d} value={d}>
              {documentLabel(d)}
            </option>
          ))}
        </select>
        <label for="doc-number">Number</label>
        <input
          id="doc-number"
          value={n}
          onInput={(e) => setN(e.currentTarget.value)}
          placeholder="SO-00001"
          aria-describedby="doc-problem"
        />
        <button type="submit">Open</button>
        <span id="doc-problem" class="field-error" role="alert">
          {problem}
        </span>
      </form>
      <p class="hint">
        Or find it in <a href={href('processes')}>Processes</a> or your <a href={href('inbox')}>Inbox</a>.
      </p>
    </section>
  );
}

function DocumentView({ type, number }: { type: DocumentType; number: string }) {
  const workflowId = workflowIdOf(type, number);
  const record = useLoad(() => api('GET', recordPath(type, number)), []);
  const process = useLoad(
    () =>
      api<ProcessSummary & { openTasks?: { id: string; title: string; role: string; dueAt: string | null }[] }>(
        'GET',
        `/processes/${encodeURIComponent(workflowId)}`,
      ),
    [],
  );
  const timeline = useLoad(() => api<Timeline>('GET', `/timeline/${type}/${encodeURIComponent(number)}`), []);
  const [live, setLive] = useState(true);
  const [refreshedAt, setRefreshedAt] = useState(new Date().toISOString());
  const refresh = async () => {
    await Promise.all([record.reload(), process.reload(), timeline.reload()]);
    setRefreshedAt(new Date().toISOString());
  };
  useEffect(() => {
    if (!live) return;
    const t = setInterval(() => document.visibilityState === 'visible' && void refresh(), REFRESH_MS);
    return () => clearInterval(t);
  }, [live]);
  const p = process.data;
  const status = (record.data as { status?: string })?.status ?? p?.status;
  const runs =
    timeline.data?.processes ??
    (p ? [{ workflowId, kind: p.kind, document: number, status: p.status, relation: 'self', temporalUiUrl: p.temporalUiUrl }] : []);
  return (
    <section>
      <h1 tabIndex={-1}>
        {documentLabel(type)} {number}
        {status && <span class="badge status">{label(status)}</span>}
      </h1>
      <div class="toolbar">
        <button type="button" class="secondary" onClick={() => void refresh()}>
          Refresh
        </button>
        <label class="choice">
          <input type="checkbox" checked={live} onChange={(e) => setLive(e.currentTarget.checked)} /> Keep up to date (every{' '}
          {REFRESH_MS / 1000} s)
        </label>
        <span class="hint" aria-live="off">
          Updated {when(refreshedAt)}
        </span>
      </div>
      <div class="columns">
        <div>
          <h2>Process</h2>
          {p ? (
            <dl class="fields">
              <div>
                <dt>Status / step</dt>
                <dd>{label(p.status)}</dd>
              </div>
              <div>
                <dt>Waiting on</dt>
                <dd>{p.waitingOn && p.waitingOn !== 'nothing' ? `${p.waitingOn}${p.waitingFor ? `: ${p.waitingFor}` : ''}` : 'nothing'}</dd>
              </div>
              {p.dueAt && (
                <div>
                  <dt>Due</dt>
                  <dd class={p.overdue ? 'due overdue' : ''}>
                    {p.overdue ? 'Overdue: ' : ''}
                    {when(p.dueAt)}
                  </dd>
                </div>
              )}
              <div>
                <dt>Expected done (ETA)</dt>
                <dd data-testid="eta">
                  {p.eta?.expectedAt
                    ? `${when(p.eta.expectedAt)} (${relative(p.eta.expectedAt)}), from ${p.eta.basedOnRuns} past run${p.eta.basedOnRuns === 1 ? '' : 's'}` +
                      (p.eta.range ? `; between ${when(p.eta.range.earliest)} and ${when(p.eta.range.latest)}` : '')
                    : p.running
                      ? `No estimate${p.eta?.reason ? `: ${p.eta.reason}` : ''}`
                      : `Closed ${when(p.closedAt)}`}
                </dd>
              </div>
            </dl>
          ) : (
            <LoadError error={process.error} what="Process state" />
          )}
          {p?.openTasks && p.openTasks.length > 0 && (
            <>
              <h3>Waiting for people</h3>
              <ul class="runs">
                {p.openTasks.map((t) => (
                  <li key={t.id}>
                    {t.title} — for {t.role}
                    {t.dueAt ? `, due ${when(t.dueAt)}` : ''} (<a href={href('inbox')}>inbox</a>)
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>In the Temporal Web UI</h3>
          <ul class="runs">
            {runs.map((r) => (
              <li key={r.workflowId}>
                <a href={r.temporalUiUrl} target="_blank" rel="noopener noreferrer">
                  {r.workflowId}
                </a>{' '}
                <span class="hint">
                  {r.relation !== 'self' ? `${r.relation}, ` : ''}
                  {label(r.status)}
                </span>
              </li>
            ))}
          </ul>
          <h2>Record</h2>
          <LoadError error={record.error} what={`${documentLabel(type)} ${number}`} />
          {record.data && <RecordView record={record.data} />}
        </div>
        <div>
          <h2>Timeline</h2>
          <LoadError error={timeline.error} what="Timeline" />
          {timeline.data && <TimelineView timeline={timeline.data} />}
        </div>
      </div>
    </section>
  );
}
