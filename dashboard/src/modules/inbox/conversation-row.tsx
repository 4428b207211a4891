import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ChannelIcon } from './channel-icon';
import type { Conversation, Priority } from './conversations.api';
import { contactLabel } from './inbox-export';
import { formatWaiting, waiting, waitingSince } from './waiting-time';

const priorityColor: Record<Priority, string> = { none: 'gray', low: 'gray', medium: 'blue', high: 'orange', urgent: 'red' };
const statusColor: Record<string, string> = { open: 'teal', queued: 'yellow', bot: 'violet', snoozed: 'blue', closed: 'gray' };
const MAX_TAGS = 2;

export interface ConversationRowProps {
  conversation: Conversation;
  to: string;
  selected: boolean;
  flagged: boolean;
  showStatus: boolean;
  now: number;
}

/**
 * One conversation in the list: who, where from, the last message, how long the customer has been
 * waiting, unread count, team and assignee, priority and tags. Everything people typed is rendered as
 * text by React, never as HTML.
 */
export const ConversationRow = memo(function ConversationRow({ conversation: c, to, selected, flagged, showStatus, now }: ConversationRowProps) {
  const { t } = useTranslation();
  const name = contactLabel(c, t);
  const since = waitingSince(c);
  const wait = since ? waiting(since, now) : null;
  const waitText = wait ? formatWaiting(wait, { now: t('inbox.waiting.now'), min: t('inbox.waiting.min'), h: t('inbox.waiting.h'), d: t('inbox.waiting.d') }) : null;
  const unread = c.unreadCount > 0;
  const channelType = t(`channels.types.${c.channel.type}`, { defaultValue: c.channel.type });
  const extraTags = c.tags.length - MAX_TAGS;

  return (
    <Link
      to={to}
      className="atiende-inbox-row"
      data-testid="conversation-row"
      data-conversation-id={c.id}
      data-new={flagged ? 'true' : undefined}
      aria-current={selected ? 'true' : undefined}
    >
      <Group gap={8} wrap="nowrap" align="center">
        <ChannelIcon type={c.channel.type} label={channelType} />
        <Text fw={unread ? 700 : 500} size="sm" truncate style={{ flex: 1, minWidth: 0 }}>
          {name}
        </Text>
        {waitText && wait && (
          <Tooltip label={t('inbox.list.waitingFor', { time: waitText })} openDelay={400}>
            <Text size="xs" c="dimmed" className="atiende-inbox-waiting" data-level={wait.level} style={{ whiteSpace: 'nowrap' }}>
              {waitText}
            </Text>
          </Tooltip>
        )}
      </Group>
      <Group gap={6} wrap="nowrap" mt={2} align="center">
        <Text size="sm" c={unread ? undefined : 'dimmed'} fw={unread ? 500 : 400} truncate style={{ flex: 1, minWidth: 0 }}>
          {c.lastMessagePreview}
        </Text>
        {unread && (
          <Badge size="sm" circle color="teal" aria-label={t('inbox.list.unread', { count: c.unreadCount })} style={{ flexShrink: 0 }}>
            {c.unreadCount > 99 ? '99+' : c.unreadCount}
          </Badge>
        )}
      </Group>
      <Group gap={4} mt={4} wrap="wrap" align="center">
        <Text size="xs" c="dimmed" truncate style={{ maxWidth: '100%' }}>
          {[c.channel.name, c.team?.name, c.assignee?.name ?? t('inbox.list.unassigned')].filter(Boolean).join(' · ')}
        </Text>
        {flagged && (
          <Badge size="xs" color="yellow" variant="filled">
            {t('inbox.list.newAssignment')}
          </Badge>
        )}
        {showStatus && (
          <Badge size="xs" variant="light" color={statusColor[c.status] ?? 'gray'}>
            {t(`inbox.statuses.${c.status}`)}
          </Badge>
        )}
        {c.priority !== 'none' && (
          <Badge size="xs" variant="light" color={priorityColor[c.priority] ?? 'gray'}>
            {t(`inbox.priorities.${c.priority}`)}
          </Badge>
        )}
        {c.tags.slice(0, MAX_TAGS).map((tag) => (
          <Badge key={tag} size="xs" variant="outline" color="gray" style={{ textTransform: 'none' }} maw={110}>
            {tag}
          </Badge>
        ))}
        {extraTags > 0 && (
          <Tooltip label={c.tags.slice(MAX_TAGS).join(', ')}>
            <Badge size="xs" variant="outline" color="gray">
              {t('inbox.list.more', { count: extraTags })}
            </Badge>
          </Tooltip>
        )}
      </Group>
    </Link>
  );
});
