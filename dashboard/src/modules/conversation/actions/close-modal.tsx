import { useEffect, useState } from 'react';
import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../inbox/conversations.api';
import { conversationActions } from '../conversation.api';
import { useClosingCategories } from '../conversation-queries';
import type { ConversationAction } from './use-conversation-action';

/** Close with the closing note (seed 003): a category from the workspace's list and a summary, both optional. */
export function CloseModal({ conversation, opened, onClose, action }: { conversation: Conversation; opened: boolean; onClose: () => void; action: ConversationAction }) {
  const { t } = useTranslation();
  const categories = useClosingCategories();
  const [category, setCategory] = useState<string | null>(null);
  const [summary, setSummary] = useState('');
  useEffect(() => {
    if (opened) {
      setCategory(null);
      setSummary('');
    }
  }, [opened]);
  const submit = () =>
    action.mutate(
      {
        run: () => conversationActions.close(conversation.id, { ...(category ? { category } : {}), ...(summary.trim() ? { summary: summary.trim() } : {}) }),
        success: t('conversation.close.done'),
      },
      { onSuccess: onClose },
    );
  return (
    <Modal opened={opened} onClose={onClose} title={t('conversation.close.title')} centered>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('conversation.close.intro')}
        </Text>
        <Select
          label={t('conversation.close.category')}
          placeholder={categories.data?.length ? t('conversation.close.categoryPlaceholder') : t('conversation.close.noCategories')}
          data={(categories.data ?? []).map((c) => c.name)}
          value={category}
          onChange={setCategory}
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
          onChange={(e) => setSummary(e.currentTarget.value)}
          autosize
          minRows={3}
          maxRows={8}
          maxLength={5000}
          data-testid="close-summary"
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
          }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('conversation.cancel')}
          </Button>
          <Button color="red" onClick={submit} loading={action.isPending} data-testid="close-submit">
            {t('conversation.close.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
