import { useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorSummary, Field } from '../parts/field';
import { textOf, useApiForm } from '../parts/use-api-form';
import { Created } from './created';

const CHANNELS = ['email', 'phone', 'portal', 'web'];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
const CATEGORIES = ['hardware', 'software', 'installation', 'billing', 'general'];
const FIELDS = ['customer', 'subject', 'description', 'channel', 'priority', 'category', 'productSku', 'serialNumber', 'orderRef'];

export function TicketForm() {
  const [v, setV] = useState<Record<string, string>>({ channel: 'phone', priority: 'normal', category: '' });
  const set = (k: string) => (e: { currentTarget: { value: string } }) => setV({ ...v, [k]: e.currentTarget.value });
  const form = useApiForm((idempotencyKey) =>
    api('POST', '/tickets', { idempotencyKey, body: Object.fromEntries(FIELDS.map((f) => [f, textOf(v[f] ?? '')])) }),
  );
  const { errors } = form;
  const text = (name: string, label: string, hint?: string) => (
    <Field name={name} label={label} errors={errors} hint={hint}>
      {(a) => <input {...a} value={v[name] ?? ''} onInput={set(name)} />}
    </Field>
  );
  const choice = (name: string, label: string, options: string[], optional = false) => (
    <Field name={name} label={label} errors={errors}>
      {(a) => (
        <select {...a} value={v[name]} onChange={set(name)}>
          {optional && <option value="">(decided by triage)</option>}
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <form onSubmit={form.onSubmit} noValidate aria-labelledby="start-ticket">
      <h2 id="start-ticket">Open a ticket</h2>
      <ErrorSummary message={form.message} errors={errors} known={FIELDS} />
      <div class="row">
        {text('customer', 'Customer code', 'e.g. C-0001')}
        {text('subject', 'Subject')}
      </div>
      <Field name="description" label="Description" errors={errors}>
        {(a) => <textarea {...a} rows={4} value={v.description ?? ''} onInput={set('description')} />}
      </Field>
      <div class="row">
        {choice('channel', 'Channel', CHANNELS)}
        {choice('priority', 'Priority', PRIORITIES)}
        {choice('category', 'Category', CATEGORIES, true)}
      </div>
      <div class="row">
        {text('productSku', 'Product SKU (optional)')}
        {text('serialNumber', 'Serial number (optional)')}
        {text('orderRef', 'Order (optional)', 'e.g. SO-00001, for warranty')}
      </div>
      <button type="submit" disabled={form.busy}>
        {form.busy ? 'Opening…' : 'Open ticket'}
      </button>
      <Created type="ticket" result={form.result} what="Ticket" />
    </form>
  );
}
