// A document's timeline: every step, timer, signal, decision and audit entry of its processes, in order.
import { label, when } from '../format';

export interface TimelineEntry {
  at: string;
  workflowId: string;
  kind: string;
  document: string;
  type: 'step' | 'timer' | 'signal' | 'decision' | 'process' | 'audit';
  step: string;
  outcome?: string;
  attempts?: number;
  actor?: string;
  detail?: string;
  link?: string;
}

export interface Timeline {
  document: { type: string; number: string };
  processes: { workflowId: string; kind: string; document: string; status: string; relation: string; temporalUiUrl: string }[];
  entries: TimelineEntry[];
}

export function TimelineView({ timeline }: { timeline: Timeline }) {
  const several = new Set(timeline.entries.map((e) => e.document)).size > 1;
  if (timeline.entries.length === 0) return <p>Nothing has happened yet.</p>;
  return (
    <ol class="timeline" aria-label="Timeline, oldest first">
      {timeline.entries.map((e, i) => (
        <li key={i} class={`entry ${e.type}`} data-type={e.type}>
          <time dateTime={e.at}>{when(e.at)}</time>
          <span class="badge">{e.type}</span>
          {several && <span class="doc">{e.document}</span>}
          <strong class="step">{e.step}</strong>
          {e.outcome && <span class="outcome"> — {label(e.outcome)}</span>}
          {e.attempts && e.attempts > 1 ? <span class="attempts"> after {e.attempts} attempts</span> : null}
          {e.actor && <span class="actor"> by {e.actor}</span>}
          {e.detail && <span class="detail">{e.detail}</span>}
          {e.link && (
            <a class="link" href={e.link}>
              details
            </a>
          )}
        </li>
      ))}
    </ol>
  );
}
