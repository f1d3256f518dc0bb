import { useState } from 'preact/hooks';
import { api } from '../api';
import { isoDayFromNow } from '../format';
import { ErrorSummary, Field } from '../parts/field';
import { LinesEditor, lineFields, type LineInput } from '../parts/lines';
import { numberOf, textOf, useApiForm } from '../parts/use-api-form';
import { Created } from './created';

export function OrderForm() {
  const [customer, setCustomer] = useState('');
  const [requestedDate, setRequestedDate] = useState(isoDayFromNow(14));
  const [deliverySteps, setDeliverySteps] = useState('1');
  const [warehouse, setWarehouse] = useState('');
  const [lines, setLines] = useState<LineInput[]>([{ sku: '', quantity: '1' }]);
  const form = useApiForm((idempotencyKey) =>
    api('POST', '/orders', {
      idempotencyKey,
      body: {
        customer,
        requestedDate,
        deliverySteps: Number(deliverySteps),
        warehouse: textOf(warehouse),
        lines: lines.map((l) => ({ sku: l.sku, quantity: numberOf(l.quantity) })),
      },
    }),
  );
  const { errors } = form;
  return (
    <form onSubmit={form.onSubmit} noValidate aria-labelledby="start-order">
      <h2 id="start-order">Place an order</h2>
      <ErrorSummary
        message={form.message}
        errors={errors}
        known={['customer', 'requestedDate', 'deliverySteps', 'warehouse', 'lines', ...lineFields(lines.length)]}
      />
      <div class="row">
        <Field name="customer" label="Customer code" errors={errors}>
          {(a) => (
            <input {...a} value={customer} onInput={(e) => setCustomer(e.currentTarget.value)} placeholder="C-0001" autoComplete="off" />
          )}
        </Field>
        <Field name="requestedDate" label="Requested delivery date" errors={errors}>
          {(a) => <input {...a} type="date" value={requestedDate} onInput={(e) => setRequestedDate(e.currentTarget.value)} />}
        </Field>
        <Field name="deliverySteps" label="Delivery steps" errors={errors}>
          {(a) => (
            <select {...a} value={deliverySteps} onChange={(e) => setDeliverySteps(e.currentTarget.value)}>
              <option value="1">1 — ship</option>
              <option value="2">2 — pick, then ship</option>
              <option value="3">3 — pick, pack, then ship</option>
            </select>
          )}
        </Field>
        <Field name="warehouse" label="Warehouse (optional)" errors={errors} hint="Default MAIN">
          {(a) => <input {...a} value={warehouse} onInput={(e) => setWarehouse(e.currentTarget.value)} />}
        </Field>
      </div>
      <LinesEditor lines={lines} onChange={setLines} errors={errors} />
      <button type="submit" disabled={form.busy}>
        {form.busy ? 'Placing…' : 'Place order'}
      </button>
      <Created type="order" result={form.result} what="Order" />
    </form>
  );
}
