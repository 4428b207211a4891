import type { ReactNode } from 'react';
import { Alert, Box, Button, Center, Divider, Group, Loader, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, invalidFields } from '../../../app/api-client';
import { errorMessage } from '../../../app/error-message';
import { useRealtimeEvent } from '../../../app/realtime/realtime-provider';
import { InlineCheckboxField, InlineSelectField, InlineTextField } from '../../contacts/inline-field';
import { parseFieldInput } from '../../contacts/contacts.api';
import type { FormField } from '../../settings/team-form.api';
import { useConversation } from '../conversation-queries';
import { conversationFormKey, useConversationForm, useSaveConversationForm, type ConversationForm, type FormValue, type FormValues } from './conversation-form.api';

export interface ConversationFormPanelProps {
  conversationId: number;
  /** Shows the values without inputs (a closed conversation is always read-only). */
  readOnly?: boolean;
}

/**
 * The team form beside the conversation (seed 004): the current team's fields with an input per type, saved as
 * each is left or chosen, required ones marked with a red asterisk (closing asks for them); below, read-only,
 * what earlier teams filled before a transfer. Another agent's change shows at once.
 */
export function ConversationFormPanel({ conversationId, readOnly = false }: ConversationFormPanelProps) {
  const { t } = useTranslation();
  const form = useConversationForm(conversationId);
  const conversation = useConversation(conversationId).data;
  useConversationFormLive(conversationId);
  const closed = conversation?.status === 'closed';

  if (form.isPending) {
    return (
      <Center py="md">
        <Loader size="sm" />
      </Center>
    );
  }
  if (form.isError) {
    return (
      <Alert color="red" m="sm" role="alert">
        <Group justify="space-between" wrap="nowrap">
          <span>{errorMessage(t, form.error)}</span>
          <Button size="compact-xs" variant="light" color="red" onClick={() => void form.refetch()}>
            {t('common.retry')}
          </Button>
        </Group>
      </Alert>
    );
  }
  const { current, earlier } = form.data;
  const teamName = conversation?.team?.name ?? '';
  return (
    <Stack gap="xs" px="sm" py="xs" data-testid="conversation-form">
      <Text size="xs" fw={700} tt="uppercase" c="dimmed">
        {teamName ? t('conversation.form.titleTeam', { team: teamName }) : t('conversation.form.title')}
      </Text>
      {!current ? (
        <Text size="sm" c="dimmed">
          {t('conversation.form.noTeam')}
        </Text>
      ) : current.fields.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('conversation.form.noFields')}
        </Text>
      ) : readOnly || closed ? (
        <>
          {closed && (
            <Text size="xs" c="dimmed">
              {t('conversation.form.closed')}
            </Text>
          )}
          <ReadOnlyValues fields={current.fields} values={current.values} />
        </>
      ) : (
        <CurrentForm conversationId={conversationId} teamId={current.teamId} fields={current.fields} values={current.values} />
      )}
      {earlier.length > 0 && (
        <>
          <Divider mt="xs" />
          <Text size="xs" fw={700} tt="uppercase" c="dimmed">
            {t('conversation.form.earlier')}
          </Text>
          {earlier.map((e) => (
            <Box key={e.teamId} data-testid={`earlier-form-${e.teamId}`}>
              <Text size="sm" fw={600}>
                {e.teamName}
              </Text>
              <ReadOnlyValues fields={e.fields} values={e.values} onlyFilled />
            </Box>
          ))}
        </>
      )}
    </Stack>
  );
}

function CurrentForm({ conversationId, teamId, fields, values }: { conversationId: number; teamId: number; fields: FormField[]; values: FormValues }) {
  const { t } = useTranslation();
  const save = useSaveConversationForm(conversationId);
  const onSave = async (key: string, value: FormValue | null) => {
    try {
      await save.mutateAsync({ teamId, values: { [key]: value } });
    } catch (err) {
      throw new Error(err instanceof ApiError && invalidFields(err).length ? t('contacts.invalidValue') : errorMessage(t, err));
    }
  };
  return (
    <Stack gap={8}>
      {fields.some((f) => f.required) && (
        <Text size="xs" c="dimmed">
          {t('conversation.form.requiredHint')}
        </Text>
      )}
      {fields.map((field) => {
        const value = values[field.key];
        const testId = `form-field-${field.key}`;
        if (field.type === 'checkbox') {
          return <InlineCheckboxField key={field.key} label={field.label} required={field.required} value={value === true} onSave={(v) => onSave(field.key, v)} testId={testId} />;
        }
        if (field.type === 'select') {
          return (
            <InlineSelectField
              key={field.key}
              label={field.label}
              required={field.required}
              clearable
              value={typeof value === 'string' ? value : null}
              options={field.options.map((o) => ({ value: o, label: o }))}
              onSave={(v) => onSave(field.key, v)}
              testId={testId}
            />
          );
        }
        return (
          <InlineTextField
            key={field.key}
            label={field.label}
            required={field.required}
            type={field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text'}
            value={value === undefined ? '' : String(value)}
            display={value === undefined ? undefined : <ShownValue field={field} value={value} />}
            validate={(raw) => (parseFieldInput(field.type, raw) === undefined ? t('contacts.invalidValue') : raw.trim().length > 2000 ? t('conversation.form.tooLong') : null)}
            onSave={(raw) => onSave(field.key, parseFieldInput(field.type, raw) ?? null)}
            testId={testId}
          />
        );
      })}
    </Stack>
  );
}

/** Label and value pairs; `onlyFilled` leaves out empty fields (earlier teams). Keys no longer in the form show by key. */
function ReadOnlyValues({ fields, values, onlyFilled = false }: { fields: FormField[]; values: FormValues; onlyFilled?: boolean }) {
  const { t } = useTranslation();
  const defined = new Set(fields.map((f) => f.key));
  const rows: Array<{ key: string; label: ReactNode; value: ReactNode }> = [
    ...fields
      .filter((f) => !onlyFilled || values[f.key] !== undefined)
      .map((f) => ({
        key: f.key,
        label: (
          <>
            {f.label}
            {f.required && (
              <Text span c="red" ml={2} aria-hidden>
                *
              </Text>
            )}
          </>
        ),
        value: values[f.key] === undefined ? t('conversation.form.empty') : <ShownValue field={f} value={values[f.key]!} />,
      })),
    ...Object.entries(values)
      .filter(([key]) => !defined.has(key))
      .map(([key, value]) => ({ key, label: key, value: String(value) })),
  ];
  return (
    <Stack gap={4}>
      {rows.map((r) => (
        <Box key={r.key}>
          <Text size="xs" c="dimmed">
            {r.label}
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
            {r.value}
          </Text>
        </Box>
      ))}
    </Stack>
  );
}

/** A value as people read it: yes/no, a long date, a number in their language. */
function ShownValue({ field, value }: { field: Pick<FormField, 'type'>; value: FormValue }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'es';
  if (field.type === 'checkbox' || typeof value === 'boolean') return <>{value === true ? t('conversation.form.yes') : t('conversation.form.no')}</>;
  if (field.type === 'number' && typeof value === 'number') return <>{new Intl.NumberFormat(language).format(value)}</>;
  if (field.type === 'date' && typeof value === 'string') {
    const date = new Date(`${value}T00:00:00`);
    if (!Number.isNaN(date.getTime())) return <>{new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(date)}</>;
  }
  return <>{String(value)}</>;
}

/**
 * Refetches the form when someone fills it (`conversation.form_updated`), when the conversation moves to
 * another team (its events carry the team), and when an admin changes the form of a team shown here.
 */
function useConversationFormLive(conversationId: number) {
  const queryClient = useQueryClient();
  useRealtimeEvent((event) => {
    const key = conversationFormKey(conversationId);
    const form = queryClient.getQueryData<ConversationForm>(key);
    const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
    if (event.conversationId === conversationId) {
      const teamId = (event.payload.conversation as { teamId?: number | null } | undefined)?.teamId;
      if (event.type === 'conversation.form_updated' || (form && teamId !== undefined && teamId !== (form.current?.teamId ?? null))) refresh();
      return;
    }
    if (event.type === 'team.updated' && form) {
      const payload = event.payload as { teamId?: number; changes?: { form?: boolean } };
      const shown = [form.current?.teamId, ...form.earlier.map((e) => e.teamId)];
      if (payload.changes?.form && shown.includes(payload.teamId)) refresh();
    }
  });
}
