// Loading something from the API for a page: its data, its error, and a way to load it again.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';

export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError | Error>();
  const [loading, setLoading] = useState(true);
  // The caller names what the load depends on, as with useEffect.
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await run());
      setError(undefined);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setLoading(false);
    }
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, loading, reload };
}

export function LoadError({ error, what }: { error?: Error; what: string }) {
  if (!error) return null;
  const status = error instanceof ApiError ? error.status : 0;
  const why =
    status === 403
      ? `Your roles do not allow this (${error.message}).`
      : status === 404
        ? `${what} is not available on this server: ${error.message}`
        : error.message;
  return (
    <p class="error-summary" role="alert">
      Could not load {what.toLowerCase()}: {why}
    </p>
  );
}
