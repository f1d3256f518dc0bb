import { useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorSummary, Field } from '../parts/field';
import { numberOf, textOf, useApiForm } from '../parts/use-api-form';
import { Created } from './created';

export function ManufacturingForm() {
  const [sku, setSku] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [dueDate, setDueDate] = useState('');
  const form = useApiForm((idempotencyKey) =>
    api('POST', '/manufacturing-orders', { idempotencyKey, body: { sku, quantity: numberOf(quantity), dueDate: textOf(dueDate) } }),
  );
  const { errors } = form;
  return (
    <form onSubmit={form.onSubmit} noValidate aria-labelledby="start-mo">
      <h2 id="start-mo">Create a manufacturing order</h2>
      <ErrorSummary message={form.message} errors={errors} known={['sku', 'quantity', 'dueDate']} />
      <div class="row">
        <Field name="sku" label="Product SKU" errors={errors} hint="A product with a bill of materials, e.g. SUB-001">
          {(a) => <input {...a} value={sku} onInput={(e) => setSku(e.currentTarget.value)} />}
        </Field>
        <Field name="quantity" label="Quantity" errors={errors}>
          {(a) => <input {...a} type="number" inputMode="numeric" value={quantity} onInput={(e) => setQuantity(e.currentTarget.value)} />}
        </Field>
        <Field name="dueDate" label="Wanted by (optional)" errors={errors}>
          {(a) => <input {...a} type="date" value={dueDate} onInput={(e) => setDueDate(e.currentTarget.value)} />}
        </Field>
      </div>
      <button type="submit" disabled={form.busy}>
        {form.busy ? 'Creating…' : 'Create manufacturing order'}
      </button>
      <Created type="manufacturing-order" result={form.result} what="Manufacturing order" />
    </form>
  );
}
