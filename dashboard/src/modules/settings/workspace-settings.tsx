import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Alert, Button, Group, NumberInput, Paper, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { languages } from '../../i18n/i18n';
import type { FieldErrors } from '../auth/validation';
import { serverErrors } from './form-errors';
import { useSettingsAccess } from './settings-access';
import { QueryState, SettingsSection } from './settings-ui';
import { MAX_REOPEN_WINDOW_MINUTES, validateWorkspace, validateWorkspacePolicies } from './settings-validation';
import { useUpdateWorkspace, useWorkspace, type Workspace, type WorkspaceChanges } from './workspace.api';
import { ConversationPolicyFields, PresencePolicyFields, policyChanges, policyFields, policyForm, type PolicyField, type PolicyForm } from './workspace-policy-fields';

type BasicField = 'name' | 'timezone' | 'language' | 'reopenWindowMinutes';
type Field = BasicField | PolicyField;
const fields: Field[] = ['name', 'timezone', 'language', 'reopenWindowMinutes', ...policyFields];
type Form = { name: string; timezone: string; language: string; reopenWindowMinutes: number | string } & PolicyForm;

const formOf = (w: Workspace): Form => ({ name: w.name, timezone: w.timezone, language: w.language, reopenWindowMinutes: w.reopenWindowMinutes, ...policyForm(w) });

/** IANA zones the browser knows, with the current one first in line even if the browser lacks it. */
export function timezoneOptions(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return Array.from(new Set([current, 'UTC', ...zones].filter(Boolean)));
}

/** Only what changed travels. */
export function workspaceChanges(saved: Workspace, form: { name: string; timezone: string; language: string; reopenWindowMinutes: number }): WorkspaceChanges {
  const changes: WorkspaceChanges = {};
  if (form.name.trim() !== saved.name) changes.name = form.name.trim();
  if (form.timezone !== saved.timezone) changes.timezone = form.timezone;
  if (form.language !== saved.language) changes.language = form.language;
  if (form.reopenWindowMinutes !== saved.reopenWindowMinutes) changes.reopenWindowMinutes = form.reopenWindowMinutes;
  return changes;
}

function WorkspaceForm({ workspace, readOnly }: { workspace: Workspace; readOnly: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateWorkspace();
  const [form, setForm] = useState<Form>(() => formOf(workspace));
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [error, setError] = useState<string | null>(null);
  const timezones = useMemo(() => timezoneOptions(workspace.timezone), [workspace.timezone]);

  useEffect(() => {
    setForm(formOf(workspace));
  }, [workspace]);

  const set = (field: Field, value: Form[Field]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((x) => ({ ...x, [field]: undefined }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found = { ...validateWorkspace(t, form, timezones), ...validateWorkspacePolicies(t, form) };
    setErrors(found);
    if (Object.keys(found).length) return;
    const changes = { ...workspaceChanges(workspace, { ...form, reopenWindowMinutes: Number(form.reopenWindowMinutes) }), ...policyChanges(workspace, form) };
    if (Object.keys(changes).length === 0) return;
    update.mutate(changes, {
      onSuccess: () => notifications.show({ color: 'teal', message: t('settings.saved') }),
      onError: (err) => {
        const result = serverErrors(t, err, fields);
        setErrors(result.fieldErrors);
        setError(result.message);
      },
    });
  };

  const minutes = typeof form.reopenWindowMinutes === 'number' ? form.reopenWindowMinutes : 0;
  const reopenHint =
    minutes === 0
      ? t('settings.workspace.reopenNever')
      : minutes % 1440 === 0
        ? t('settings.workspace.reopenDays', { count: minutes / 1440 })
        : minutes % 60 === 0
          ? t('settings.workspace.reopenHours', { count: minutes / 60 })
          : t('settings.workspace.reopenMinutes', { count: minutes });

  return (
    <Paper withBorder p="lg" maw={720}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput label={t('settings.workspace.name')} value={form.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} disabled={readOnly} required />
          <Group grow align="flex-start">
            <Select
              label={t('fields.timezone')}
              description={t('settings.workspace.timezoneHint')}
              value={form.timezone}
              onChange={(value) => value && set('timezone', value)}
              data={timezones}
              searchable
              allowDeselect={false}
              nothingFoundMessage={t('common.nothingFound')}
              error={errors.timezone}
              disabled={readOnly}
            />
            <Select
              label={t('fields.language')}
              description={t('settings.workspace.languageHint')}
              value={form.language}
              onChange={(value) => value && set('language', value)}
              data={languages.map((lng) => ({ value: lng, label: t(`language.name.${lng}`) }))}
              allowDeselect={false}
              error={errors.language}
              disabled={readOnly}
            />
          </Group>
          <NumberInput
            label={t('settings.workspace.reopenWindow')}
            description={`${t('settings.workspace.reopenWindowHint')} ${reopenHint}`}
            value={form.reopenWindowMinutes}
            onChange={(value) => set('reopenWindowMinutes', value)}
            min={0}
            max={MAX_REOPEN_WINDOW_MINUTES}
            allowDecimal={false}
            allowNegative={false}
            suffix={` ${t('settings.workspace.minutesSuffix')}`}
            error={errors.reopenWindowMinutes}
            disabled={readOnly}
            maw={320}
          />
          <ConversationPolicyFields form={form} set={set} errors={errors} readOnly={readOnly} />
          <PresencePolicyFields form={form} set={set} errors={errors} readOnly={readOnly} />
          {!readOnly && (
            <Group>
              <Button type="submit" loading={update.isPending}>
                {t('settings.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

/**
 * The workspace's name, time zone (reports, business hours, transcripts), language (mails) and reopen window; who
 * replies and what closing does (Conversations); when members show as away and offline (Presence).
 */
export function WorkspaceSettings() {
  const { t } = useTranslation();
  const { isAdmin } = useSettingsAccess();
  const workspace = useWorkspace();
  return (
    <SettingsSection title={t('settings.nav.workspace')} description={t('settings.workspace.description')} readOnly={!isAdmin}>
      <QueryState query={workspace}>{() => <WorkspaceForm workspace={workspace.data!} readOnly={!isAdmin} />}</QueryState>
    </SettingsSection>
  );
}
