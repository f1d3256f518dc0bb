// A labelled form field that shows the API's message for it, linked for screen readers.
import type { ComponentChildren } from 'preact';

export type FieldErrors = Record<string, string>;

interface Props {
  name: string;
  label: string;
  errors: FieldErrors;
  hint?: string;
  children: (attrs: { id: string; name: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string }) => ComponentChildren;
}

export const fieldId = (name: string) => `f-${name.replace(/[^\w-]/g, '-')}`;

export function Field({ name, label, errors, hint, children }: Props) {
  const id = fieldId(name);
  const error = errors[name];
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children({
        id,
        name,
        ...(error ? { 'aria-invalid': 'true' as const } : {}),
        ...(described ? { 'aria-describedby': described } : {}),
      })}
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
      {error && (
        <span id={`${id}-error`} class="field-error" data-field-error={name}>
          {error}
        </span>
      )}
    </div>
  );
}

/** Messages the form has no field for (or a refusal that is not about a field), above the form. */
export function ErrorSummary({ message, errors, known }: { message?: string; errors: FieldErrors; known: string[] }) {
  const other = Object.entries(errors).filter(([f]) => !known.includes(f));
  if (!message && other.length === 0) return null;
  return (
    <div class="error-summary" role="alert">
      {message && <p>{message}</p>}
      {other.length > 0 && (
        <ul>
          {other.map(([f, m]) => (
            <li key={f}>
              {f}: {m}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
