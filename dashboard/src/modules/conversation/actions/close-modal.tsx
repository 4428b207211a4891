import { useEffect, useState } from 'react';
import { Alert, Button, Group, List, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../app/auth';
import type { Conversation } from '../../inbox/conversations.api';
import { conversationActions } from '../conversation.api';
import { useClosingCategories } from '../conversation-queries';
import { closeErrors, type CloseErrors } from './close-errors';
import type { ConversationAction } from './use-conversation-action';

const noErrors: CloseErrors = { category: false, summary: false, form: [] };

/**
 * Close with the closing note (seed 003) the workspace's policy asks for: none (no note fields), optional, a
 * category, or a category and a summary (marked required). A refused close marks the note fields the server named
 * and lists the team form's required fields still empty.
 */
export function CloseModal({ conversation, opened, onClose, action }: { conversation: Conversation; opened: boolean; onClose: () => void; action: ConversationAction }) {
  const { t } = useTranslation();
  const policy = useMe().data?.workspace.closingNotePolicy ?? 'optional';
  const withNote = policy !== 'disabled';
  const categoryRequired = policy === 'category' || policy === 'category_and_summary';
  const summaryRequired = policy === 'category_and_summary';
  const categories = useClosingCategories();
  const [category, setCategory] = useState<string | null>(null);
  const [summary, setSummary] = useState('');
  const [invalid, setInvalid] = useState<CloseErrors>(noErrors);
  useEffect(() => {
    if (opened) {
      setCategory(null);
      setSummary('');
      setInvalid(noErrors);
    }
  }, [opened]);
  const submit = () => {
    const missing: CloseErrors = { category: categoryRequired && !category, summary: summaryRequired && !summary.trim(), form: [] };
    setInvalid(missing);
    if (missing.category || missing.summary) return;
    const note = withNote ? { ...(category ? { category } : {}), ...(summary.trim() ? { summary: summary.trim() } : {}) } : {};
    action.mutate(
      { run: () => conversationActions.close(conversation.id, note), success: t('conversation.close.done') },
      { onSuccess: onClose, onError: (err) => setInvalid(closeErrors(err)) },
    );
  };
  const required = t('validation.required');
  return (
    <Modal opened={opened} onClose={onClose} title={t('conversation.close.title')} centered>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {withNote ? t('conversation.close.intro') : t('conversation.close.introNoNote')}
        </Text>
        {invalid.form.length > 0 && (
          <Alert color="red" variant="light" title={t('conversation.close.formIncomplete')} data-testid="close-form-errors">
            <List size="sm">
              {invalid.form.map((message) => (
                <List.Item key={message}>{message}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {withNote && (
          <>
            <Select
              label={t('conversation.close.category')}
              placeholder={categories.data?.length ? t('conversation.close.categoryPlaceholder') : t('conversation.close.noCategories')}
              data={(categories.data ?? []).map((c) => c.name)}
              value={category}
              onChange={(value) => {
                setCategory(value);
                setInvalid((x) => ({ ...x, category: false }));
              }}
              required={categoryRequired}
              error={invalid.category ? required : undefined}
              clearable
              searchable
              disabled={!categories.data?.length}
              comboboxProps={{ withinPortal: true }}
              data-autofocus
              data-testid="close-category"
            />
            <Textarea
              label={t('conversation.close.summary')}
              placeholder={t('conversation.close.summaryPlaceholder')}
              value={summary}
              onChange={(e) => {
                setSummary(e.currentTarget.value);
                setInvalid((x) => ({ ...x, summary: false }));
              }}
              required={summaryRequired}
              error={invalid.summary ? required : undefined}
              autosize
              minRows={3}
              maxRows={8}
              maxLength={5000}
              data-testid="close-summary"
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
              }}
            />
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('conversation.cancel')}
          </Button>
          <Button color="red" onClick={submit} loading={action.isPending} data-testid="close-submit" data-autofocus={withNote ? undefined : true}>
            {t('conversation.close.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
