import { useState } from 'react';
import { Badge, Box, Button, Group, Loader, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type { Conversation, ConversationStatus } from '../inbox/conversations.api';
import { useContactConversations } from './conversation-queries';
import { HistoryIcon } from './icons';
import { statusName } from './timeline/activity-sentence';

const statusColor: Record<ConversationStatus, string> = { open: 'teal', queued: 'orange', bot: 'grape', snoozed: 'blue', closed: 'gray' };

export const statusBadgeColor = (status: ConversationStatus) => statusColor[status];

/** Opens another conversation of the same contact in this pane, remembering where the agent came from. */
export function useOpenConversation() {
  const navigate = useNavigate();
  const location = useLocation();
  return (id: number, returnTo?: number) => navigate(`/conversations/${id}${location.search}`, { state: returnTo ? { returnTo } : undefined });
}

/** The contact's other conversations, newest first (seed 002's "previous conversations"). */
export function ConversationHistoryList({ contactId, currentId, onOpen }: { contactId: number; currentId: number; onOpen?: () => void }) {
  const { t, i18n } = useTranslation();
  const history = useContactConversations(contactId);
  const open = useOpenConversation();
  const date = new Intl.DateTimeFormat(i18n.resolvedLanguage ?? 'es', { dateStyle: 'medium', timeStyle: 'short' });
  const others = (history.data?.items ?? []).filter((c) => c.id !== currentId);
  if (history.isPending) return <Loader size="xs" />;
  if (history.isError) return <Text size="xs" c="red">{t('conversation.history.failed')}</Text>;
  if (!others.length) {
    return (
      <Text size="xs" c="dimmed">
        {t('conversation.history.none')}
      </Text>
    );
  }
  return (
    <Stack gap={4} data-testid="conversation-history">
      {others.map((c: Conversation) => (
        <UnstyledButton
          key={c.id}
          onClick={() => {
            open(c.id, currentId);
            onOpen?.();
          }}
          p={6}
          style={{ borderRadius: 6, border: '1px solid var(--mantine-color-gray-3)' }}
          aria-label={t('conversation.history.open', { id: c.id })}
        >
          <Group justify="space-between" gap={4} wrap="nowrap">
            <Text size="xs" fw={500} truncate>
              #{c.id} · {date.format(new Date(c.createdAt))}
            </Text>
            <Badge size="xs" variant="light" color={statusColor[c.status]}>
              {statusName(t, c.status)}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed" truncate>
            {c.channel.name}
            {c.closingNote?.category ? ` · ${c.closingNote.category}` : ''}
          </Text>
          {c.lastMessagePreview && (
            <Text size="xs" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
              {c.lastMessagePreview}
            </Text>
          )}
        </UnstyledButton>
      ))}
    </Stack>
  );
}

/** "Earlier conversations" one click from the header. */
export function EarlierConversationsButton({ contactId, currentId }: { contactId: number; currentId: number }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const history = useContactConversations(contactId);
  const count = (history.data?.items ?? []).filter((c) => c.id !== currentId).length;
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={320} shadow="md" withinPortal>
      <Popover.Target>
        <Button size="compact-sm" variant="subtle" color="gray" leftSection={<HistoryIcon size={14} />} onClick={() => setOpened((o) => !o)} data-testid="earlier-conversations">
          {history.data ? t('conversation.history.button', { count }) : t('conversation.history.title')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Text size="sm" fw={600} mb={6}>
          {t('conversation.history.title')}
        </Text>
        <ScrollArea.Autosize mah={360}>
          <Box pr={6}>
            <ConversationHistoryList contactId={contactId} currentId={currentId} onOpen={() => setOpened(false)} />
          </Box>
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
