// Submitting a form to the API: the fields it names in a 400 get their messages, anything else goes
// above the form, and one Idempotency-Key per document makes a double submit create it once.
import { useState } from 'preact/hooks';
import { ApiError, messageOf } from '../api';
import { fieldId, type FieldErrors } from './field';

export function useApiForm<T>(send: (idempotencyKey: string) => Promise<T>) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<T>();
  const [key, setKey] = useState(() => crypto.randomUUID());

  const onSubmit = (e: Event) => {
    e.preventDefault();
    void submit();
  };
  async function submit() {
    if (busy) return;
    setBusy(true);
    setMessage(undefined);
    setResult(undefined);
    try {
      const r = await send(key);
      setErrors({});
      setResult(r);
      setKey(crypto.randomUUID());
    } catch (err) {
      const found: FieldErrors = {};
      if (err instanceof ApiError) for (const d of err.details) found[d.field] ??= d.message;
      setErrors(found);
      setMessage(
        err instanceof ApiError && err.details.length ? 'The API refused some fields; see the messages at the fields.' : messageOf(err),
      );
      // The first field named gets the focus, so keyboard users land on what to fix.
      requestAnimationFrame(() => {
        const first = Object.keys(found)
          .map((f) => document.getElementById(fieldId(f)))
          .find(Boolean);
        first?.focus();
      });
    } finally {
      setBusy(false);
    }
  }
  return { errors, message, busy, result, onSubmit };
}

/** A number input's value for the API: empty stays out (the API then names the field), text is sent as is. */
export const numberOf = (v: string): number | string | undefined => (v.trim() === '' ? undefined : Number.isNaN(Number(v)) ? v : Number(v));
/** A text input's value: empty stays out (optional fields). */
export const textOf = (v: string): string | undefined => (v.trim() === '' ? undefined : v);
