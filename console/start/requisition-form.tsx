import { useState } from 'preact/hooks';
import { api } from '../api';
import { isoDayFromNow } from '../format';
import { ErrorSummary, Field } from '../parts/field';
import { LinesEditor, lineFields, type LineInput } from '../parts/lines';
import { numberOf, useApiForm } from '../parts/use-api-form';
import { Created } from './created';

export function RequisitionForm() {
  const [costCenter, setCostCenter] = useState('');
  const [justification, setJustification] = useState('');
  const [lines, setLines] = useState<LineInput[]>([{ sku: '', quantity: '1', neededBy: isoDayFromNow(21) }]);
  const form = useApiForm((idempotencyKey) =>
    api('POST', '/requisitions', {
      idempotencyKey,
      body: { costCenter, justification, lines: lines.map((l) => ({ sku: l.sku, quantity: numberOf(l.quantity), neededBy: l.neededBy })) },
    }),
  );
  const { errors } = form;
  return (
    <form onSubmit={form.onSubmit} noValidate aria-labelledby="start-requisition">
      <h2 id="start-requisition">Raise a requisition</h2>
      <ErrorSummary
        message={form.message}
        errors={errors}
        known={['costCenter', 'justification', 'lines', ...lineFields(lines.length, true)]}
      />
      <div class="row">
        <Field name="costCenter" label="Cost center" errors={errors}>
          {(a) => <input {...a} value={costCenter} onInput={(e) => setCostCenter(e.currentTarget.value)} placeholder="CC-100" />}
        </Field>
        <Field name="justification" label="Justification" errors={errors}>
          {(a) => <input {...a} class="wide" value={justification} onInput={(e) => setJustification(e.currentTarget.value)} />}
        </Field>
      </div>
      <LinesEditor lines={lines} onChange={setLines} errors={errors} withNeededBy />
      <button type="submit" disabled={form.busy}>
        {form.busy ? 'Raising…' : 'Raise requisition'}
      </button>
      <Created type="requisition" result={form.result} what="Requisition" />
    </form>
  );
}
