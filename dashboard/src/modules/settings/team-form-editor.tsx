import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Alert, Button, Center, Group, Loader, NativeSelect, Paper, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client';
import { errorMessage } from '../../app/error-message';
import type { FieldErrors } from '../auth/validation';
import { useSettingsAccess } from './settings-access';
import { keyFromLabel, reservedFieldKeys, validateContactField } from './settings-validation';
import { formFieldTypes, MAX_FORM_FIELDS, useSaveTeamForm, useTeamForm, type FormField, type FormFieldType } from './team-form.api';

type RowField = 'key' | 'label' | 'options';
/** A field being edited: `uid` keeps React's rows apart while keys are typed; `savedKey` is the key it has on the server. */
interface Row extends FormField {
  uid: number;
  savedKey: string | null;
  keyTouched: boolean;
}

let nextUid = 1;
const toRow = (f: FormField): Row => ({ ...f, uid: nextUid++, savedKey: f.key, keyTouched: true });
const toField = (r: Row): FormField => ({
  key: r.key.trim(),
  label: r.label.trim(),
  type: r.type,
  options: r.type === 'select' ? r.options.map((o) => o.trim()).filter(Boolean) : [],
  required: r.required,
});

/** The contact field rules (key pattern, label length, select options) plus what a form adds: keys unique within it. */
export function validateFormRows(t: TFunction, rows: Array<Pick<FormField, 'key' | 'label' | 'type' | 'options'>>): Array<FieldErrors<RowField>> {
  const seen = new Set<string>();
  return rows.map((row) => {
    const errors: FieldErrors<RowField> = validateContactField(t, row);
    const key = row.key.trim();
    // Contacts reserve their own columns' names; a team form has no such columns.
    if (reservedFieldKeys.includes(key) && errors.key === t('settings.validation.fieldKeyReserved')) delete errors.key;
    if (!errors.key && seen.has(key)) errors.key = t('settings.validation.taken');
    seen.add(key);
    return errors;
  });
}

/** The server names a refused field as `body.fields.<index>.<field>`. */
function serverRowErrors(t: TFunction, err: unknown): Array<FieldErrors<RowField>> | null {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return null;
  const errors: Array<FieldErrors<RowField>> = [];
  for (const detail of err.details as Array<{ field?: string }>) {
    const match = /^body\.fields\.(\d+)\.(key|label|options)/.exec(detail.field ?? '');
    if (!match) continue;
    const index = Number(match[1]);
    errors[index] = { ...errors[index], [match[2] as RowField]: t('validation.invalid') };
  }
  return errors.length ? errors : null;
}

/**
 * A team's form (seed 004): the fields agents fill during its conversations, in order. Add, remove, move,
 * choose the type (a list of options needs its options) and whether closing asks for it; Save replaces the
 * whole form at once. Values already filled stay with their conversations under each key.
 */
export function TeamFormEditor({ teamId }: { teamId: number }) {
  const { t } = useTranslation();
  const { isAdmin } = useSettingsAccess();
  const form = useTeamForm(teamId);
  const save = useSaveTeamForm(teamId);
  const [rows, setRows] = useState<Row[]>([]);
  const [errors, setErrors] = useState<Array<FieldErrors<RowField>>>([]);
  const [error, setError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const loadedFor = useRef<number | null>(null);

  // The draft starts from the saved form once per team; later refetches do not overwrite someone's editing.
  useEffect(() => {
    if (!form.data || loadedFor.current === teamId) return;
    loadedFor.current = teamId;
    setRows(form.data.fields.map(toRow));
    setErrors([]);
    setDirty(false);
  }, [form.data, teamId]);

  if (form.isPending) {
    return (
      <Center p="md">
        <Loader size="sm" />
      </Center>
    );
  }
  if (form.isError) {
    return (
      <Alert color="red" role="alert">
        {errorMessage(t, form.error)}
      </Alert>
    );
  }

  const change = (next: Row[]) => {
    setRows(next);
    setDirty(true);
    setError(null);
  };
  const update = (uid: number, patch: Partial<Row>) => {
    change(rows.map((r) => (r.uid === uid ? { ...r, ...patch } : r)));
    const index = rows.findIndex((r) => r.uid === uid);
    setErrors((all) => all.map((e, i) => (i === index ? Object.fromEntries(Object.entries(e).filter(([k]) => !(k in patch))) : e)));
  };
  const move = (index: number, step: -1 | 1) => {
    const next = [...rows];
    const [moved] = next.splice(index, 1);
    next.splice(index + step, 0, moved!);
    change(next);
    setErrors([]);
  };
  const remove = (index: number) => {
    change(rows.filter((_, i) => i !== index));
    setErrors([]);
  };
  const add = () => change([...rows, { uid: nextUid++, key: '', label: '', type: 'text', options: [], required: false, savedKey: null, keyTouched: false }]);

  const submit = () => {
    const fields = rows.map(toField);
    const found = validateFormRows(t, fields);
    setErrors(found);
    if (found.some((e) => Object.keys(e).length)) return;
    save.mutate(fields, {
      onSuccess: (saved) => {
        setRows(saved.fields.map(toRow));
        setErrors([]);
        setDirty(false);
        notifications.show({ color: 'teal', message: t('settings.saved') });
      },
      onError: (err) => {
        const rowErrors = serverRowErrors(t, err);
        if (rowErrors) setErrors(rowErrors);
        else setError(errorMessage(t, err));
      },
    });
  };

  const readOnly = !isAdmin;
  return (
    <Stack gap="sm" data-testid="team-form-editor">
      <Text size="sm" c="dimmed">
        {t('settings.teamForm.description')}
      </Text>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {rows.length === 0 && (
        <Text size="sm" c="dimmed" ta="center" py="sm">
          {t('settings.teamForm.empty')}
        </Text>
      )}
      {rows.map((row, index) => {
        const n = index + 1;
        const rowErrors = errors[index] ?? {};
        return (
          <Paper key={row.uid} withBorder p="xs" data-testid="team-form-row">
            <Stack gap={6}>
              <Group gap="xs" align="flex-start" wrap="nowrap">
                <Stack gap={0}>
                  <ActionIcon size="sm" variant="subtle" color="gray" disabled={readOnly || index === 0} onClick={() => move(index, -1)} aria-label={t('settings.teamForm.moveUp', { n })}>
                    ↑
                  </ActionIcon>
                  <ActionIcon size="sm" variant="subtle" color="gray" disabled={readOnly || index === rows.length - 1} onClick={() => move(index, 1)} aria-label={t('settings.teamForm.moveDown', { n })}>
                    ↓
                  </ActionIcon>
                </Stack>
                <TextInput
                  style={{ flex: 2 }}
                  size="xs"
                  label={t('settings.teamForm.label')}
                  aria-label={t('settings.teamForm.labelOf', { n })}
                  value={row.label}
                  disabled={readOnly}
                  error={rowErrors.label}
                  onChange={(e) => {
                    const label = e.currentTarget.value;
                    update(row.uid, { label, ...(row.keyTouched ? {} : { key: keyFromLabel(label) }) });
                  }}
                />
                <TextInput
                  style={{ flex: 1.5 }}
                  size="xs"
                  label={t('settings.teamForm.key')}
                  aria-label={t('settings.teamForm.keyOf', { n })}
                  description={row.savedKey && row.key.trim() !== row.savedKey ? t('settings.teamForm.keyChange') : undefined}
                  value={row.key}
                  disabled={readOnly}
                  error={rowErrors.key}
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                  onChange={(e) => update(row.uid, { key: e.currentTarget.value, keyTouched: true })}
                />
                <NativeSelect
                  style={{ flex: 1.2 }}
                  size="xs"
                  label={t('settings.teamForm.type')}
                  aria-label={t('settings.teamForm.typeOf', { n })}
                  value={row.type}
                  disabled={readOnly}
                  data={formFieldTypes.map((type) => ({ value: type, label: t(`settings.contactFields.types.${type}`) }))}
                  onChange={(e) => update(row.uid, { type: e.currentTarget.value as FormFieldType })}
                />
                <Switch
                  mt={24}
                  size="xs"
                  label={t('settings.teamForm.required')}
                  aria-label={t('settings.teamForm.requiredOf', { n })}
                  checked={row.required}
                  disabled={readOnly}
                  onChange={(e) => update(row.uid, { required: e.currentTarget.checked })}
                />
                {!readOnly && (
                  <ActionIcon mt={22} variant="subtle" color="red" onClick={() => remove(index)} aria-label={t('settings.teamForm.remove', { n })}>
                    ×
                  </ActionIcon>
                )}
              </Group>
              {row.type === 'select' && (
                <TagsInput
                  size="xs"
                  ml={36}
                  label={t('settings.teamForm.options')}
                  aria-label={t('settings.teamForm.optionsOf', { n })}
                  description={t('settings.teamForm.optionsHint')}
                  value={row.options}
                  disabled={readOnly}
                  error={rowErrors.options}
                  onChange={(options) => update(row.uid, { options })}
                  clearable
                />
              )}
            </Stack>
          </Paper>
        );
      })}
      {!readOnly && (
        <Group justify="space-between">
          <Button variant="default" size="xs" onClick={add} disabled={rows.length >= MAX_FORM_FIELDS} title={rows.length >= MAX_FORM_FIELDS ? t('settings.teamForm.max', { count: MAX_FORM_FIELDS }) : undefined}>
            {t('settings.teamForm.add')}
          </Button>
          <Group gap="xs">
            {dirty && (
              <Text size="xs" c="dimmed">
                {t('settings.teamForm.unsaved')}
              </Text>
            )}
            <Button size="xs" onClick={submit} loading={save.isPending} disabled={!dirty}>
              {t('settings.save')}
            </Button>
          </Group>
        </Group>
      )}
    </Stack>
  );
}
