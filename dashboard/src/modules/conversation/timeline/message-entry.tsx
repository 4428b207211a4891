import { memo } from 'react';
import { ActionIcon, Box, Button, Group, Menu, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Message } from '../conversation.api';
import { RichText } from '../rich-text';
import { AlertIcon, ClockIcon, CopyIcon, DotsIcon, DoubleCheckIcon, CheckIcon, LockIcon, RetryIcon, TrashIcon } from '../icons';
import { AttachmentView } from './attachment-view';
import { activitySentence, type ActivityContext } from './activity-sentence';
import { EditedMark, MessageOrigin, Reactions } from './message-extras';

export interface EntryContext extends ActivityContext {
  contactName: string;
  meId: number;
  /** Supervisors and up may delete anyone's replies and notes. */
  mayDeleteAny: boolean;
  timeOf: (iso: string) => string;
  fullTimeOf: (iso: string) => string;
  onDelete: (m: Message) => void;
  onRetry: (m: Message) => void;
  retryingId: number | null;
}

/** The subject of an email the customer sent (meta.email.subject), unless it only repeats the text (an empty mail). */
export function emailSubjectOf(m: Pick<Message, 'meta' | 'body'>): string | null {
  const subject = (m.meta.email as { subject?: unknown } | undefined)?.subject;
  return typeof subject === 'string' && subject.trim() && subject.trim() !== m.body.trim() ? subject.trim() : null;
}

/** Who wrote a message or note, as the timeline names them. */
function authorName(m: Message, ctx: EntryContext, t: (k: string) => string): string {
  if (m.direction === 'inbound') return ctx.contactName;
  if (m.sender.type === 'user') return (m.sender.id !== null && ctx.userName(m.sender.id)) || t('conversation.activity.actors.someone');
  if (m.sender.type === 'bot') return t('conversation.timeline.bot');
  if (m.sender.type === 'api') return t('conversation.timeline.integration');
  if (m.meta.echo === true) return t('conversation.timeline.echo');
  return t('conversation.activity.actors.system');
}

export const TimelineEntry = memo(function TimelineEntry({ message, continued, ctx }: { message: Message; continued: boolean; ctx: EntryContext }) {
  if (message.kind === 'activity') return <ActivityEntry message={message} ctx={ctx} />;
  return <MessageBubble message={message} continued={continued} ctx={ctx} />;
});

function ActivityEntry({ message, ctx }: { message: Message; ctx: EntryContext }) {
  const { t } = useTranslation();
  const summary = message.meta.action === 'closed' && typeof message.meta.summary === 'string' ? message.meta.summary : null;
  return (
    <Box px="md" py={4} data-testid="timeline-activity">
      <Text size="xs" c="dimmed" ta="center" style={{ overflowWrap: 'anywhere' }}>
        {activitySentence(t, message, ctx)} ·{' '}
        <span title={ctx.fullTimeOf(message.createdAt)}>{ctx.timeOf(message.createdAt)}</span>
      </Text>
      {summary && (
        <Text size="xs" c="dimmed" ta="center" fs="italic" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {t('conversation.timeline.closingSummary', { summary })}
        </Text>
      )}
    </Box>
  );
}

function MessageBubble({ message: m, continued, ctx }: { message: Message; continued: boolean; ctx: EntryContext }) {
  const { t } = useTranslation();
  const note = m.kind === 'note';
  const mine = m.direction === 'outbound' || note;
  const deleted = m.deletedAt !== null;
  const own = m.sender.type === 'user' && m.sender.id === ctx.meId;
  const deletable = !deleted && (note || m.direction === 'outbound') && (own || ctx.mayDeleteAny);
  const background = note ? 'var(--mantine-color-yellow-1)' : mine ? 'var(--mantine-color-teal-0)' : 'var(--mantine-color-gray-1)';
  const border = note ? '1px solid var(--mantine-color-yellow-4)' : '1px solid transparent';
  const copy = () => void navigator.clipboard?.writeText(m.body);
  const subject = emailSubjectOf(m);

  return (
    <Group justify={mine ? 'flex-end' : 'flex-start'} px="md" pt={continued ? 2 : 8} wrap="nowrap" align="flex-start" gap={4} data-testid={note ? 'timeline-note' : 'timeline-message'} data-message-id={m.id}>
      {mine && !deleted && <EntryMenu m={m} deletable={deletable} onCopy={copy} onDelete={() => ctx.onDelete(m)} />}
      <Box maw="78%" miw={0}>
        {!continued && (
          <Group gap={4} justify={mine ? 'flex-end' : 'flex-start'} mb={2} wrap="nowrap">
            {note && <LockIcon size={12} />}
            <Text size="xs" c="dimmed" truncate>
              {note ? t('conversation.timeline.noteBy', { name: authorName(m, ctx, t) }) : authorName(m, ctx, t)}
            </Text>
          </Group>
        )}
        <Box px="sm" py={6} style={{ background, border, borderRadius: 10 }}>
          {deleted ? (
            <Text size="sm" c="dimmed" fs="italic">
              {note ? t('conversation.timeline.noteDeleted') : t('conversation.timeline.deleted')}
            </Text>
          ) : (
            <Stack gap={6}>
              <MessageOrigin message={m} />
              {subject && (
                <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="email-subject">
                  {subject}
                </Text>
              )}
              {m.attachments.map((a) => (
                <AttachmentView key={a.id} attachment={a} />
              ))}
              {m.body && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  <RichText text={m.body} />
                </Text>
              )}
            </Stack>
          )}
          <Group gap={4} justify="flex-end" mt={2} wrap="nowrap">
            {!deleted && <EditedMark message={m} />}
            <Text size="10px" c="dimmed" title={ctx.fullTimeOf(m.createdAt)}>
              {ctx.timeOf(m.createdAt)}
            </Text>
            {m.kind === 'message' && m.direction === 'outbound' && !deleted && <DeliveryTicks message={m} />}
          </Group>
        </Box>
        {!deleted && <Reactions message={m} mine={mine} />}
        {m.deliveryStatus === 'failed' && !deleted && <FailedNotice m={m} ctx={ctx} />}
      </Box>
      {!mine && !deleted && <EntryMenu m={m} deletable={false} onCopy={copy} onDelete={() => {}} />}
    </Group>
  );
}

function FailedNotice({ m, ctx }: { m: Message; ctx: EntryContext }) {
  const { t } = useTranslation();
  const retried = m.meta.retriedBy !== undefined && m.meta.retriedBy !== null;
  return (
    <Group gap={6} justify="flex-end" mt={4} wrap="wrap">
      <Text size="xs" c="red" style={{ overflowWrap: 'anywhere' }}>
        {m.failureReason ? t('conversation.timeline.failedWithReason', { reason: m.failureReason }) : t('conversation.timeline.failed')}
      </Text>
      {retried ? (
        <Text size="xs" c="dimmed">
          {t('conversation.timeline.retried')}
        </Text>
      ) : (
        <Button size="compact-xs" variant="light" color="red" leftSection={<RetryIcon size={12} />} loading={ctx.retryingId === m.id} onClick={() => ctx.onRetry(m)}>
          {t('conversation.timeline.retry')}
        </Button>
      )}
    </Group>
  );
}

function EntryMenu({ m, deletable, onCopy, onDelete }: { m: Message; deletable: boolean; onCopy: () => void; onDelete: () => void }) {
  const { t } = useTranslation();
  if (!m.body && !deletable) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" size="sm" mt={18} aria-label={t('conversation.timeline.messageActions')} style={{ opacity: 0.6 }}>
          <DotsIcon size={14} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {m.body && (
          <Menu.Item leftSection={<CopyIcon size={14} />} onClick={onCopy}>
            {t('conversation.timeline.copy')}
          </Menu.Item>
        )}
        {deletable && (
          <Menu.Item color="red" leftSection={<TrashIcon size={14} />} onClick={onDelete}>
            {t('conversation.timeline.delete')}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

/** Queued (clock), sent (✓), delivered (✓✓), read (blue ✓✓), failed (red). */
export function DeliveryTicks({ message }: { message: Message }) {
  const { t } = useTranslation();
  const status = message.deliveryStatus;
  if (!status) return null;
  const label = t(`conversation.delivery.${status}`);
  const iconFor = {
    queued: <ClockIcon size={12} />,
    sent: <CheckIcon size={12} />,
    delivered: <DoubleCheckIcon size={14} />,
    read: <DoubleCheckIcon size={14} color="var(--mantine-color-blue-6)" />,
    failed: <AlertIcon size={12} color="var(--mantine-color-red-6)" />,
  }[status];
  return (
    <Tooltip label={label} withinPortal>
      <Box component="span" c="dimmed" style={{ display: 'inline-flex' }} role="img" aria-label={label} data-delivery={status}>
        {iconFor}
      </Box>
    </Tooltip>
  );
}
