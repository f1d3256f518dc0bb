// Document lines (SKU and quantity, and for requisitions the day needed): rows added and removed with buttons.
import { Field, type FieldErrors } from './field';

export interface LineInput {
  sku: string;
  quantity: string;
  neededBy?: string;
}

interface Props {
  lines: LineInput[];
  onChange: (lines: LineInput[]) => void;
  errors: FieldErrors;
  withNeededBy?: boolean;
}

export function LinesEditor({ lines, onChange, errors, withNeededBy }: Props) {
  const set = (i: number, patch: Partial<LineInput>) => onChange(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <fieldset class="lines">
      <legend>Lines</legend>
      {errors.lines && <p class="field-error">{errors.lines}</p>}
      {lines.map((l, i) => (
        <div class="line" key={i}>
          <Field name={`lines.${i}.sku`} label={`Line ${i + 1} SKU`} errors={errors}>
            {(a) => <input {...a} value={l.sku} onInput={(e) => set(i, { sku: e.currentTarget.value })} placeholder="GD-001" />}
          </Field>
          <Field name={`lines.${i}.quantity`} label="Quantity" errors={errors}>
            {(a) => (
              <input
                {...a}
                type="number"
                inputMode="numeric"
                value={l.quantity}
                onInput={(e) => set(i, { quantity: e.currentTarget.value })}
              />
            )}
          </Field>
          {withNeededBy && (
            <Field name={`lines.${i}.neededBy`} label="Needed by" errors={errors}>
              {(a) => <input {...a} type="date" value={l.neededBy} onInput={(e) => set(i, { neededBy: e.currentTarget.value })} />}
            </Field>
          )}
          {lines.length > 1 && (
            <button type="button" class="secondary" onClick={() => onChange(lines.filter((_, j) => j !== i))}>
              Remove line {i + 1}
            </button>
          )}
        </div>
      ))}
      <button
        type="button"
        class="secondary"
        onClick={() => onChange([...lines, { sku: '', quantity: '1', neededBy: lines.at(-1)?.neededBy }])}
      >
        Add a line
      </button>
    </fieldset>
  );
}

export const lineFields = (n: number, withNeededBy = false) =>
  Array.from({ length: n }, (_, i) => [`lines.${i}.sku`, `lines.${i}.quantity`, ...(withNeededBy ? [`lines.${i}.neededBy`] : [])]).flat();
