import { useState } from 'preact/hooks';
import { ApiError, messageOf } from '../api';
import { logIn, type Me } from '../session';

export function LoginPage({ onLoggedIn }: { onLoggedIn: (me: Me) => void }) {
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const onSubmit = (e: Event) => {
    e.preventDefault();
    void submit();
  };
  async function submit() {
    if (!key.trim()) return setProblem('Paste your API key.');
    setBusy(true);
    try {
      onLoggedIn(await logIn(key));
    } catch (err) {
      setProblem(err instanceof ApiError && err.status === 401 ? 'The API does not know this key.' : messageOf(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <main id="main" class="login">
      <h1>Process console</h1>
      <form onSubmit={onSubmit} noValidate>
        <label for="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="off"
          value={key}
          onInput={(e) => setKey(e.currentTarget.value)}
          aria-invalid={problem ? 'true' : undefined}
          aria-describedby="api-key-hint"
          autoFocus
        />
        <small id="api-key-hint" class="hint">
          Your administrator gives you a key; a demo installation accepts the demo keys listed in the README (e.g. operator-key). It is kept
          in this browser tab only.
        </small>
        {problem && (
          <p class="field-error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Checking…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
