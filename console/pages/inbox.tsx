// My tasks: what the processes wait for from people with my roles, nearest due first.
import { useState } from 'preact/hooks';
import { api } from '../api';
import type { Me } from '../session';
import { when } from '../format';
import { LoadError, useLoad } from '../parts/use-load';
import { TaskCard, type Task } from '../parts/task-card';

export function InboxPage({ me }: { me: Me }) {
  const [role, setRole] = useState('');
  const { data, error, loading, reload } = useLoad(
    () => api<{ items: Task[]; total?: number }>('GET', '/tasks', { query: { role: role || undefined, pageSize: '100' } }),
    [role],
  );
  const [refreshedAt, setRefreshedAt] = useState(new Date().toISOString());
  const refresh = async () => {
    await reload();
    setRefreshedAt(new Date().toISOString());
  };
  const tasks = data?.items ?? [];
  const overdue = tasks.filter((t) => t.overdue).length;
  return (
    <section>
      <h1 tabIndex={-1}>Inbox</h1>
      <form class="toolbar" onSubmit={(e) => (e.preventDefault(), void refresh())}>
        <label for="inbox-role">Role</label>
        <select id="inbox-role" value={role} onChange={(e) => setRole(e.currentTarget.value)}>
          <option value="">All my roles ({me.roles.join(', ')})</option>
          {me.roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          Refresh
        </button>
        <span class="hint" aria-live="polite">
          {loading
            ? 'Loading…'
            : `${tasks.length} open task${tasks.length === 1 ? '' : 's'}${overdue ? `, ${overdue} overdue` : ''} · ${when(refreshedAt)}`}
        </span>
      </form>
      <LoadError error={error} what="Tasks" />
      {!loading && !error && tasks.length === 0 && (
        <p>Nothing waits for you. Tasks appear here when a process needs a person with your roles.</p>
      )}
      <ul class="tasks">
        {tasks.map((t) => (
          <li key={t.id}>
            <TaskCard task={t} onDecided={refresh} />
          </li>
        ))}
      </ul>
    </section>
  );
}
