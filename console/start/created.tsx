// What a successful start answers: the new document, with the way to its page.
import type { DocumentType } from '../documents';
import { href } from '../router';

export function Created({ type, result, what }: { type: DocumentType; result?: { number?: string; status?: string }; what: string }) {
  if (!result?.number) return null;
  return (
    <p class="success" role="status">
      {what} <strong>{result.number}</strong> {result.status ? `(${result.status.replace(/_/g, ' ')})` : ''} —{' '}
      <a href={href('document', type, result.number)}>open {result.number}</a>
    </p>
  );
}
