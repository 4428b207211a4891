import { useState } from 'preact/hooks';
import type { PrechatField } from './api';
import type { Strings } from './i18n';

const inputType = (key: string, type: string): string => (key === 'email' ? 'email' : key === 'phone' ? 'tel' : ['email', 'tel', 'number', 'date'].includes(type) ? type : 'text');

/** The channel's pre-chat fields (seed 002: name and e-mail before the chat), required ones marked. */
export function PrechatForm(props: { t: Strings; message: string; fields: PrechatField[]; error: { field?: string; message: string } | null; onSubmit: (values: Record<string, string | boolean>) => void }) {
  const { t, fields } = props;
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const set = (key: string, value: string | boolean) => setValues({ ...values, [key]: value });
  return (
    <form class="prechat" onSubmit={(e) => (e.preventDefault(), props.onSubmit(values))}>
      <p class="prechat-title">{props.message || t.prechatTitle}</p>
      {fields.map((f) => {
        const id = `f-${f.key}`;
        const invalid = props.error?.field === `body.values.${f.key}`;
        return (
          <label key={f.key} for={id} class={invalid ? 'invalid' : ''}>
            <span>
              {f.label}
              {f.required ? <em> ({t.required})</em> : null}
            </span>
            {f.type === 'select' ? (
              <select id={id} required={f.required} onChange={(e) => set(f.key, (e.target as HTMLSelectElement).value)}>
                <option value="" />
                {(f.options ?? []).map((o) => <option key={o}>{o}</option>)}
              </select>
            ) : f.type === 'checkbox' ? (
              <input id={id} type="checkbox" onChange={(e) => set(f.key, (e.target as HTMLInputElement).checked)} />
            ) : (
              <input id={id} name={f.key} type={inputType(f.key, f.type) as 'text'} required={f.required} onInput={(e) => set(f.key, (e.target as HTMLInputElement).value)} />
            )}
          </label>
        );
      })}
      {props.error ? <p class="error" role="alert">{props.error.message}</p> : null}
      <button type="submit" class="primary">{t.start}</button>
    </form>
  );
}
