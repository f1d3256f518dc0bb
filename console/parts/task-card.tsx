// One task with its decision form: a decision (radio buttons), an optional comment, Enter submits.
import { useState } from 'preact/hooks';
import { api, messageOf } from '../api';
import { typeOfNumber } from '../documents';
import { label, relative, when } from '../format';
import { href } from '../router';

export interface Task {
  id: string;
  workflowId: string;
  documentRef: string;
  kind: string;
  title: string;
  description: string;
  role: string;
  decisions: string[];
  dueAt: string | null;
  overdue: boolean;
  escalationLevel: number;
  createdAt: string;
}

const DUE_SOON_MS = 24 * 3_600_000;

export function TaskCard({ task, onDecided }: { task: Task; onDecided: () => Promise<void> }) {
  const [decision, setDecision] = useState('');
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const dueSoon = !task.overdue && task.dueAt && new Date(task.dueAt).getTime() - Date.now() < DUE_SOON_MS;
  const state = task.overdue ? 'overdue' : dueSoon ? 'due-soon' : '';
  const type = typeOfNumber(task.documentRef);
  const base = `task-${task.id.replace(/[^\w-]/g, '-')}`;

  const onSubmit = (e: Event) => {
    e.preventDefault();
    void decide();
  };
  async function decide() {
    if (!decision) {
      setProblem('Choose a decision first.');
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      await api('POST', `/tasks/${encodeURIComponent(task.id)}/decision`, { body: { decision, ...(comment.trim() ? { comment } : {}) } });
      await onDecided();
    } catch (err) {
      setProblem(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <article class={`task ${state}`} aria-labelledby={`${base}-title`} data-task-id={task.id}>
      <header>
        <h2 id={`${base}-title`}>{task.title}</h2>
        <p class="meta">
          {type ? <a href={href('document', type, task.documentRef)}>{task.documentRef}</a> : task.documentRef} · for {task.role} ·{' '}
          {task.dueAt ? (
            <span class={`due ${state}`}>
              {task.overdue ? 'Overdue: ' : dueSoon ? 'Due soon: ' : 'Due '}
              {when(task.dueAt)} ({relative(task.dueAt)})
            </span>
          ) : (
            'no due date'
          )}
          {task.escalationLevel > 0 && <span class="badge">escalated ×{task.escalationLevel}</span>}
        </p>
      </header>
      <p>{task.description}</p>
      <form onSubmit={onSubmit} class="decide">
        <fieldset>
          <legend>Decision</legend>
          {task.decisions.map((d) => (
            <label key={d} class="choice">
              <input type="radio" name={`${base}-decision`} value={d} checked={decision === d} onChange={() => setDecision(d)} />
              {label(d)}
            </label>
          ))}
        </fieldset>
        <label for={`${base}-comment`}>Comment</label>
        <input id={`${base}-comment`} class="wide" value={comment} maxLength={1000} onInput={(e) => setComment(e.currentTarget.value)} />
        <button type="submit" disabled={busy}>
          {busy ? 'Deciding…' : 'Decide'}
        </button>
        {problem && (
          <p class="field-error" role="alert">
            {problem}
          </p>
        )}
      </form>
    </article>
  );
}
