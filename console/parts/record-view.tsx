// A record as the API answers it, shown generically: its plain fields as a list, its lists (lines,
// shipments, invoices, work orders…) as tables. The same view serves every kind of document.
import { label, when } from '../format';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isPlain = (v: Json) => v === null || typeof v !== 'object';
const isObject = (v: Json): v is { [k: string]: Json } => !!v && typeof v === 'object' && !Array.isArray(v);

/** A value in one cell: plain values as text, a small object (a customer: code and name) on one line. */
function show(v: Json): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.length ? v.map(show).join(', ') : '—';
  if (isObject(v)) return Object.values(v).filter(isPlain).map(show).join(' · ');
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return when(v);
  return String(v);
}

// The live process state is shown by the timeline and the process box; here it would only repeat them.
const LEFT_OUT = new Set(['process', 'openTasks']);

export function RecordView({ record }: { record: { [k: string]: Json } }) {
  const entries = Object.entries(record).filter(([k]) => !LEFT_OUT.has(k));
  const fields = entries.filter(
    ([, v]) => isPlain(v) || (isObject(v) && Object.values(v).every(isPlain)) || (Array.isArray(v) && v.every(isPlain)),
  );
  const tables = entries.filter(([, v]) => Array.isArray(v) && v.length > 0 && v.every(isObject)) as [string, { [k: string]: Json }[]][];
  return (
    <div class="record">
      <dl class="fields">
        {fields.map(([k, v]) => (
          <div key={k}>
            <dt>{label(k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())}</dt>
            <dd>{show(v)}</dd>
          </div>
        ))}
      </dl>
      {tables.map(([k, rows]) => {
        const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
        return (
          <div key={k} class="table-box">
            <table class="compact">
              <caption>{label(k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())}</caption>
              <thead>
                <tr>
                  {columns.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={i}>
                    {columns.map((c) => (
                      <td key={c}>{show(r[c] ?? null)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </div>
  );
}
