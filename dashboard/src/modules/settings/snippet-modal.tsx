import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Group, Modal, SegmentedControl, Select, Stack, Switch, Text, Textarea, TextInput, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../auth/validation';
import { useContactFields } from './contact-fields.api';
import { serverErrors } from './form-errors';
import { validateSnippet } from './settings-validation';
import { snippetVariables, useSaveSnippet, type Snippet, type SnippetScope } from './snippets.api';
import { FormActions } from './settings-ui';
import { useTeams } from './teams.api';

type Field = 'shortcut' | 'title' | 'body' | 'teamId';
const fields: Field[] = ['shortcut', 'title', 'body'];

/** Puts `insert` where the cursor is (replacing a selection); returns the new text and where the cursor goes. */
export function insertAtCursor(text: string, start: number, end: number, insert: string): { text: string; cursor: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + insert + text.slice(to), cursor: from + insert.length };
}

/** The variables offered in the editor: the built-in ones and one per contact custom field. */
export function variablesFor(customFieldKeys: string[]): string[] {
  return [...snippetVariables, ...customFieldKeys.map((key) => `contact.${key}`).filter((v) => !(snippetVariables as readonly string[]).includes(v))];
}

export function SnippetModal({
  opened,
  snippet,
  canManageWorkspace,
  defaultScope,
  onClose,
}: {
  opened: boolean;
  snippet: Snippet | null;
  canManageWorkspace: boolean;
  defaultScope: SnippetScope;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveSnippet();
  const contactFields = useContactFields();
  const teams = useTeams();
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const [form, setForm] = useState({ shortcut: '', title: '', body: '', scope: 'personal' as SnippetScope, teamId: null as string | null, resumeBot: false });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!opened) return;
    setForm({
      shortcut: snippet?.shortcut ?? '',
      title: snippet?.title ?? '',
      body: snippet?.body ?? '',
      scope: snippet?.scope ?? (canManageWorkspace ? defaultScope : 'personal'),
      teamId: snippet?.team ? String(snippet.team.id) : null,
      resumeBot: snippet?.action === 'resume_bot',
    });
    setErrors({});
    setError(null);
  }, [opened, snippet, canManageWorkspace, defaultScope]);

  const set = (field: Field) => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((x) => ({ ...x, [field]: undefined }));
  };

  const insertVariable = (name: string) => {
    const area = bodyRef.current;
    const token = `{{${name}}}`;
    const { text, cursor } = insertAtCursor(form.body, area?.selectionStart ?? form.body.length, area?.selectionEnd ?? form.body.length, token);
    set('body')(text);
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(cursor, cursor);
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const found: FieldErrors<Field> = validateSnippet(t, form);
    if (!snippet && form.scope === 'team' && !form.teamId) found.teamId = t('settings.snippets.teamRequired');
    setErrors(found);
    if (Object.keys(found).length) return;
    const action = form.resumeBot ? 'resume_bot' : null;
    save.mutate(
      {
        id: snippet?.id,
        shortcut: form.shortcut.trim().replace(/^\//, '').toLowerCase(),
        title: form.title.trim(),
        body: form.body.trim(),
        scope: form.scope,
        ...(!snippet && form.scope === 'team' && form.teamId ? { teamId: Number(form.teamId) } : {}),
        ...(action !== (snippet?.action ?? null) ? { action } : {}),
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('settings.saved') });
          onClose();
        },
        onError: (err) => {
          const result = serverErrors(t, err, fields, { conflictField: 'shortcut' });
          setErrors(result.fieldErrors);
          setError(result.message);
        },
      },
    );
  };

  const variables = variablesFor((contactFields.data ?? []).map((f) => f.key));

  return (
    <Modal opened={opened} onClose={onClose} title={snippet ? t('settings.snippets.editTitle') : t('settings.snippets.createTitle')} centered size="xl">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          {canManageWorkspace && !snippet && (
            <SegmentedControl
              value={form.scope}
              onChange={(scope) => setForm((f) => ({ ...f, scope: scope as SnippetScope }))}
              data={[
                { value: 'workspace', label: t('settings.snippets.scope.workspace') },
                { value: 'team', label: t('settings.snippets.scope.team') },
                { value: 'personal', label: t('settings.snippets.scope.personal') },
              ]}
              aria-label={t('settings.snippets.scopeLabel')}
            />
          )}
          {canManageWorkspace && !snippet && form.scope === 'team' && (
            <Select
              label={t('settings.snippets.team')}
              data={(teams.data ?? []).map((team) => ({ value: String(team.id), label: team.name }))}
              value={form.teamId}
              onChange={(teamId) => {
                setForm((f) => ({ ...f, teamId }));
                setErrors((x) => ({ ...x, teamId: undefined }));
              }}
              error={errors.teamId}
              required
            />
          )}
          <Group grow align="flex-start">
            <TextInput
              label={t('settings.snippets.shortcut')}
              description={t('settings.snippets.shortcutHint')}
              leftSection="/"
              value={form.shortcut}
              onChange={(e) => set('shortcut')(e.currentTarget.value)}
              error={errors.shortcut}
              required
              data-autofocus
            />
            <TextInput
              label={t('settings.snippets.titleLabel')}
              description={t('settings.snippets.titleHint')}
              value={form.title}
              onChange={(e) => set('title')(e.currentTarget.value)}
              error={errors.title}
            />
          </Group>
          <Textarea
            ref={bodyRef}
            label={t('settings.snippets.body')}
            value={form.body}
            onChange={(e) => set('body')(e.currentTarget.value)}
            error={errors.body}
            autosize
            minRows={5}
            maxRows={14}
            required
          />
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              {t('settings.snippets.variablesHint')}
            </Text>
            <Group gap={6} data-testid="snippet-variables">
              {variables.map((name) => (
                <UnstyledButton
                  key={name}
                  onClick={() => insertVariable(name)}
                  aria-label={t('settings.snippets.insertVariable', { name })}
                  px={6}
                  py={2}
                  style={{ borderRadius: 4, background: 'var(--mantine-color-gray-1)', fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 }}
                >
                  {`{{${name}}}`}
                </UnstyledButton>
              ))}
            </Group>
          </Stack>
          <Switch
            label={t('settings.snippets.resumeBot')}
            description={t('settings.snippets.resumeBotHint')}
            checked={form.resumeBot}
            onChange={(e) => {
              const resumeBot = e.currentTarget.checked;
              setForm((f) => ({ ...f, resumeBot }));
            }}
          />
          <FormActions onCancel={onClose} loading={save.isPending} submitLabel={snippet ? t('settings.save') : t('settings.create')} />
        </Stack>
      </form>
    </Modal>
  );
}
