import { useEffect, useState, type Ref } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useRealtimeEvent } from '../../app/realtime/realtime-provider';
import { conversationKeys } from '../inbox/conversations.api';
import { ActionIcon, Badge, Box, CopyButton, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../app/auth';
import type { Conversation } from '../inbox/conversations.api';
import { conversationActions } from './conversation.api';
import { ActionBar, type ActionBarHandle } from './actions/action-bar';
import type { ConversationAction } from './actions/use-conversation-action';
import { EarlierConversationsButton, statusBadgeColor } from './earlier-conversations';
import { ClockIcon, PanelRightIcon, RobotIcon } from './icons';
import { contactLabel, replyWindow, splitDuration } from './pane-format';
import { TagEditor } from './tag-editor';
import { ConversationWorkflowsMenu } from '../workflows/shortcut/conversation-workflows-menu';
import { priorityName, statusName } from './timeline/activity-sentence';

interface HeaderProps {
  conversation: Conversation;
  me: Me;
  action: ConversationAction;
  actionBarRef: Ref<ActionBarHandle>;
  contactOpen: boolean;
  onToggleContact: () => void;
}

const priorityColor: Record<string, string> = { low: 'gray', medium: 'yellow', high: 'orange', urgent: 'red' };

/** Who, where and in what state (seed 004: name or number, the attention's id, the remaining time), with the actions. */
export function ConversationHeader({ conversation: c, me, action, actionBarRef, contactOpen, onToggleContact }: HeaderProps) {
  const { t, i18n } = useTranslation();
  const dateTime = new Intl.DateTimeFormat(i18n.resolvedLanguage ?? 'es', { dateStyle: 'medium', timeStyle: 'short' });
  const tagsDisabled = c.status === 'closed';
  return (
    <Box px="sm" py={8} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} data-testid="conversation-header">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Group gap={6} wrap="nowrap" miw={0}>
          <UnstyledButton onClick={onToggleContact} miw={0} aria-label={t('conversation.header.showContact')}>
            <Text fw={600} size="md" truncate data-testid="conversation-contact-name">
              {contactLabel(c.contact)}
            </Text>
          </UnstyledButton>
          <CopyButton value={String(c.id)}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? t('conversation.header.copied') : t('conversation.header.copyId')} withinPortal>
                <UnstyledButton onClick={copy}>
                  <Text size="xs" c="dimmed" data-testid="conversation-id">
                    #{c.id}
                  </Text>
                </UnstyledButton>
              </Tooltip>
            )}
          </CopyButton>
          <Badge size="sm" variant="outline" color="gray" style={{ flexShrink: 0, textTransform: 'none' }} title={c.channel.type}>
            {c.channel.name}
          </Badge>
        </Group>
        <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
          <ReplyWindowBadge channelType={c.channel.type} lastInboundAt={c.lastInboundAt} />
          <ConversationWorkflowsMenu conversationId={c.id} />
          <EarlierConversationsButton contactId={c.contact.id} currentId={c.id} />
          <Tooltip label={contactOpen ? t('conversation.header.hideContact') : t('conversation.header.showContact')} withinPortal>
            <ActionIcon variant={contactOpen ? 'light' : 'subtle'} color="gray" onClick={onToggleContact} aria-label={t('conversation.header.toggleContact')} aria-pressed={contactOpen}>
              <PanelRightIcon />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <Group justify="space-between" gap="xs" mt={6} wrap="wrap" align="center">
        <Group gap={6} wrap="wrap" miw={0}>
          <Badge size="sm" variant="light" color={statusBadgeColor(c.status)} data-testid="conversation-status">
            {statusName(t, c.status)}
          </Badge>
          {c.status === 'queued' && <QueuePosition conversation={c} />}
          <Text size="xs" c="dimmed" data-testid="conversation-assignee">
            {c.assignee ? t('conversation.header.assignedTo', { name: c.assignee.id === me.user.id ? t('conversation.header.you') : c.assignee.name }) : t('conversation.header.unassigned')}
            {c.team ? ` · ${c.team.name}` : ''}
          </Text>
          {c.priority !== 'none' && (
            <Badge size="xs" variant="dot" color={priorityColor[c.priority]}>
              {priorityName(t, c.priority)}
            </Badge>
          )}
          {c.status === 'snoozed' && (
            <Text size="xs" c="blue">
              {c.snooze?.until ? t('conversation.header.snoozedUntil', { until: dateTime.format(new Date(c.snooze.until)) }) : t('conversation.header.snoozedUntilReply')}
            </Text>
          )}
          {c.botActive && (
            <Badge size="xs" variant="light" color="grape" leftSection={<RobotIcon size={10} />}>
              {t('conversation.header.botActive')}
            </Badge>
          )}
        </Group>
        <ActionBar conversation={c} me={me} action={action} handleRef={actionBarRef} />
      </Group>
      <Box mt={6}>
        <TagEditor
          label={t('conversation.tags.label')}
          tags={c.tags}
          disabled={tagsDisabled}
          onAdd={(tag) => action.mutate({ run: () => conversationActions.tags(c.id, { add: [tag] }) })}
          onRemove={(tag) => action.mutate({ run: () => conversationActions.tags(c.id, { remove: [tag] }) })}
        />
      </Box>
    </Box>
  );
}

/** Seed 004's remaining time: how long free-form replies are still allowed on channels with a window. */
function ReplyWindowBadge({ channelType, lastInboundAt }: { channelType: string; lastInboundAt: string | null }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const state = replyWindow(channelType, lastInboundAt, now);
  if (!state) return null;
  if (state.expired) {
    return (
      <Tooltip label={t('conversation.header.windowClosedHint')} withinPortal multiline w={240}>
        <Badge size="sm" color="orange" variant="light" leftSection={<ClockIcon size={10} />}>
          {t('conversation.header.windowClosed')}
        </Badge>
      </Tooltip>
    );
  }
  const { hours, minutes } = splitDuration(state.remainingMs);
  return (
    <Tooltip label={t('conversation.header.windowHint')} withinPortal multiline w={240}>
      <Badge size="sm" color={hours < 1 ? 'orange' : 'gray'} variant="light" leftSection={<ClockIcon size={10} />} data-testid="reply-window">
        {t('conversation.header.windowLeft', { hours, minutes })}
      </Badge>
    </Tooltip>
  );
}

/** Where it waits in its team's queue; refreshed when that queue moves. */
function QueuePosition({ conversation: c }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  useRealtimeEvent((event) => {
    if (event.conversationId !== c.id && event.teamId === (c.team?.id ?? null) && event.type.startsWith('conversation.')) {
      void queryClient.invalidateQueries({ queryKey: conversationKeys.detail(c.id) });
    }
  });
  if (!c.queuePosition) return null;
  return (
    <Text size="xs" c="orange" data-testid="queue-position">
      {t('conversation.header.queuePosition', { position: c.queuePosition })}
    </Text>
  );
}
