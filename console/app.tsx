// The frame of every page: who is logged in, the navigation, and the page the address names.
import { useEffect, useRef, useState } from 'preact/hooks';
import { LOGGED_OUT, messageOf } from './api';
import { DashboardsPage } from './pages/dashboards';
import { DocumentPage } from './pages/document';
import { InboxPage } from './pages/inbox';
import { LoginPage } from './pages/login';
import { ProcessesPage } from './pages/processes';
import { StartPage } from './pages/start';
import { href, useRoute } from './router';
import { hasKey, logOut, whoAmI, type Me } from './session';

const PAGES = [
  ['inbox', 'Inbox'],
  ['start', 'Start'],
  ['processes', 'Processes'],
  ['document', 'Document'],
  ['dashboards', 'Dashboards'],
] as const;

export function App() {
  const [me, setMe] = useState<Me | null>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    const out = () => setMe(null);
    window.addEventListener(LOGGED_OUT, out);
    if (!hasKey()) setMe(null);
    else
      whoAmI()
        .then(setMe)
        .catch((e) => (setProblem(messageOf(e)), setMe(null)));
    return () => window.removeEventListener(LOGGED_OUT, out);
  }, []);
  if (me === undefined) return <p class="loading">Loading…</p>;
  if (me === null)
    return (
      <>
        {problem && <p class="error-summary">{problem}</p>}
        <LoginPage onLoggedIn={(m) => (setProblem(undefined), setMe(m))} />
      </>
    );
  return <Shell me={me} onLogOut={() => (logOut(), setMe(null))} />;
}

function Shell({ me, onLogOut }: { me: Me; onLogOut: () => void }) {
  const route = useRoute();
  const [page = 'inbox', ...rest] = route.path;
  const main = useRef<HTMLElement>(null);
  // After moving to another page, keyboard and screen-reader users start at its heading.
  useEffect(() => {
    main.current?.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  }, [page]);
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => (e.preventDefault(), main.current?.querySelector<HTMLElement>('h1')?.focus())}>
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Process console</span>
        <nav aria-label="Pages">
          {PAGES.map(([p, text]) => (
            <a key={p} href={href(p)} aria-current={p === page ? 'page' : undefined}>
              {text}
            </a>
          ))}
        </nav>
        <span class="who" data-testid="who">
          {me.name} <span class="roles">({me.roles.join(', ')})</span>
        </span>
        <button type="button" class="secondary" onClick={onLogOut}>
          Log out
        </button>
      </header>
      <main id="main" ref={main}>
        {page === 'inbox' && <InboxPage me={me} />}
        {page === 'start' && <StartPage which={rest[0]} />}
        {page === 'processes' && <ProcessesPage query={route.query} />}
        {page === 'document' && <DocumentPage type={rest[0]} number={rest[1]} />}
        {page === 'dashboards' && <DashboardsPage query={route.query} />}
        {!PAGES.some(([p]) => p === page) && (
          <section>
            <h1 tabIndex={-1}>Not found</h1>
            <p>
              There is no page {page}; go to the <a href={href('inbox')}>inbox</a>.
            </p>
          </section>
        )}
      </main>
    </>
  );
}
