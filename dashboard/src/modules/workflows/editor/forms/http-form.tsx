import { useState } from 'react';
import { Select, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { HTTP_METHODS, type HttpMethod } from '../../workflow-types';
import { PairRows } from '../mapping-rows';
import { TemplateField } from '../template-input';
import { WholeNumber, type StepFormProps } from './form-kit';

const bodyText = (body: unknown) => (body === null || body === undefined ? '' : JSON.stringify(body, null, 2));

/** The body as JSON: empty is no body; text that does not parse stays in the box, with an error, and is not saved. */
function JsonBody({ body, onChange }: { body: unknown; onChange: (body: unknown) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => bodyText(body));
  const [invalid, setInvalid] = useState(false);
  const change = (next: string) => {
    setText(next);
    if (!next.trim()) {
      setInvalid(false);
      return onChange(null);
    }
    try {
      onChange(JSON.parse(next));
      setInvalid(false);
    } catch {
      setInvalid(true);
    }
  };
  return (
    <Textarea
      label={t('workflows.http.body')}
      description={t('workflows.http.bodyHint', { placeholder: '{{variables}}' })}
      value={text}
      onChange={(e) => change(e.currentTarget.value)}
      error={invalid ? t('workflows.http.invalidJson') : undefined}
      autosize
      minRows={4}
      maxRows={16}
      styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
      spellCheck={false}
    />
  );
}

/** A call to another system: method, URL, headers, JSON body, values read from the answer, timeout. */
export function HttpRequestForm({ step, onChange }: StepFormProps<'http_request'>) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Select
        label={t('workflows.http.method')}
        data={[...HTTP_METHODS]}
        value={step.method}
        allowDeselect={false}
        onChange={(v) => v && onChange({ ...step, method: v as HttpMethod, ...(v === 'GET' && { body: null }) })}
      />
      <TemplateField label={t('workflows.http.url')} placeholder="https://" value={step.url} onChange={(url) => onChange({ ...step, url })} />
      <PairRows
        label={t('workflows.http.headers')}
        rows={step.headers}
        keys={['name', 'value']}
        placeholders={[t('workflows.http.headerName'), t('workflows.http.headerValue')]}
        onChange={(headers) => onChange({ ...step, headers })}
        addLabel={t('workflows.http.addHeader')}
      />
      {step.method === 'GET' ? (
        <Text size="xs" c="dimmed">
          {t('workflows.http.noBodyForGet')}
        </Text>
      ) : (
        <JsonBody key={step.id} body={step.body} onChange={(body) => onChange({ ...step, body })} />
      )}
      <PairRows
        label={t('workflows.http.saveResponse')}
        rows={step.saveResponse}
        keys={['path', 'variable']}
        placeholders={[t('workflows.http.responsePath'), t('workflows.http.variable')]}
        onChange={(saveResponse) => onChange({ ...step, saveResponse })}
        addLabel={t('workflows.http.addSave')}
      />
      <WholeNumber label={t('workflows.http.timeout')} value={Math.round(step.timeoutMs / 1000)} min={1} max={30} onChange={(s) => onChange({ ...step, timeoutMs: s * 1000 })} />
      <Text size="xs" c="dimmed">
        {t('workflows.http.onFailureHint')}
      </Text>
    </Stack>
  );
}
