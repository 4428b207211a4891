import { Button, CloseButton, Group, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../../app/password-field';
import type { FieldErrors } from '../../auth/validation';
import { collectFields, type CollectField } from '../bots.api';
import { MAX_COLLECT, secretKey, type BotField, type BotForm } from './bot-form';

interface Props {
  form: BotForm;
  set: <K extends BotField>(field: K, value: BotForm[K]) => void;
  errors: FieldErrors<BotField>;
  /** The bot has its secret saved: the field may stay empty to keep it. */
  hasSecret: boolean;
}

/** The chosen kind's settings, its write-only secret, and the hand-off message every kind has. */
export function BotSettingsFields({ form, set, errors, hasSecret }: Props) {
  const { t } = useTranslation();
  const input = (field: 'url' | 'projectId' | 'languageCode' | 'baseUrl' | 'handoffParameter' | 'model', required = false, placeholder?: string) => (
    <TextInput
      label={t(`bots.fields.${field}`)}
      description={t(`bots.hints.${field}`)}
      placeholder={placeholder}
      value={form[field]}
      onChange={(e) => set(field, e.currentTarget.value)}
      error={errors[field]}
      required={required}
    />
  );
  const long = (field: 'greeting' | 'fallback' | 'instructions' | 'handoffMessage', rows = 2) => (
    <Textarea
      label={t(`bots.fields.${field}`)}
      description={t(`bots.hints.${field}`)}
      value={form[field]}
      onChange={(e) => set(field, e.currentTarget.value)}
      error={errors[field]}
      autosize
      minRows={rows}
      maxRows={10}
    />
  );
  const whole = (field: 'threshold' | 'maxFailures' | 'answerWithinSeconds', min: number, max: number, suffix?: string) => (
    <NumberInput
      label={t(`bots.fields.${field}`)}
      description={t(`bots.hints.${field}`)}
      value={form[field]}
      onChange={(value) => set(field, value)}
      min={min}
      max={max}
      allowDecimal={false}
      allowNegative={false}
      suffix={suffix}
      error={errors[field]}
    />
  );
  const secret = secretKey[form.kind];

  return (
    <Stack gap="sm" data-testid={`bot-settings-${form.kind}`}>
      {form.kind === 'builtin' && (
        <>
          {long('greeting')}
          {long('fallback')}
          <Group grow align="flex-start">
            {whole('threshold', 5, 100, ' %')}
            {whole('maxFailures', 0, 10)}
          </Group>
          <CollectEditor collect={form.collect} onChange={(collect) => set('collect', collect)} error={errors.collect} />
        </>
      )}
      {form.kind === 'webhook' && (
        <>
          {input('url', true, 'https://example.com/atiende/bot')}
          {whole('answerWithinSeconds', 0, 3600, ` ${t('bots.seconds')}`)}
        </>
      )}
      {form.kind === 'dialogflow' && (
        <>
          <Group grow align="flex-start">
            {input('projectId', true)}
            {input('languageCode', true)}
          </Group>
          {input('baseUrl', false, 'https://dialogflow.googleapis.com')}
          {input('handoffParameter')}
        </>
      )}
      {form.kind === 'llm' && (
        <>
          {input('baseUrl', true, 'https://api.openai.com/v1')}
          {input('model', true)}
          {long('instructions', 4)}
        </>
      )}
      {secret && (
        <PasswordField
          label={t(`bots.fields.${secret}`)}
          description={hasSecret ? t('bots.secretSaved') : t(`bots.hints.${secret}`)}
          placeholder={hasSecret ? t('bots.secretPlaceholder') : undefined}
          value={form.secret}
          onChange={(e) => set('secret', e.currentTarget.value)}
          error={errors.secret}
          required={!hasSecret}
          autoComplete="off"
        />
      )}
      {long('handoffMessage')}
    </Stack>
  );
}

/** What the built-in bot asks before answering (name, email, phone), in order. */
function CollectEditor({ collect, onChange, error }: { collect: BotForm['collect']; onChange: (c: BotForm['collect']) => void; error?: string }) {
  const { t } = useTranslation();
  const unused = collectFields.filter((f) => !collect.some((c) => c.field === f));
  const change = (index: number, patch: Partial<BotForm['collect'][number]>) => onChange(collect.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <Stack gap={6} data-testid="bot-collect">
      <div>
        <Text size="sm" fw={500}>
          {t('bots.fields.collect')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('bots.hints.collect')}
        </Text>
      </div>
      {collect.map((item, index) => (
        <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
          <Select
            aria-label={t('bots.collectField', { n: index + 1 })}
            data={collectFields.filter((f) => f === item.field || unused.includes(f)).map((f) => ({ value: f, label: t(`bots.collectFields.${f}`) }))}
            value={item.field}
            onChange={(value) => value && change(index, { field: value as CollectField })}
            allowDeselect={false}
            w={140}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            aria-label={t('bots.collectPrompt', { n: index + 1 })}
            placeholder={t(`bots.collectPrompts.${item.field}`)}
            value={item.prompt}
            onChange={(e) => change(index, { prompt: e.currentTarget.value })}
            style={{ flex: 1 }}
          />
          <CloseButton aria-label={t('bots.collectRemove', { n: index + 1 })} onClick={() => onChange(collect.filter((_, i) => i !== index))} mt={6} />
        </Group>
      ))}
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
      {collect.length < MAX_COLLECT && unused.length > 0 && (
        <Group>
          <Button size="compact-sm" variant="light" onClick={() => onChange([...collect, { field: unused[0]!, prompt: t(`bots.collectPrompts.${unused[0]!}`) }])}>
            {t('bots.collectAdd')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
