import { Anchor, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Message } from '../conversation.api';

/** What the channel adds to a message: the post a comment is on, the story a reply or mention is about. */
export function MessageOrigin({ message: m }: { message: Message }) {
  const { t } = useTranslation();
  const comment = m.meta.comment as { permalink?: unknown } | undefined;
  const story = m.meta.story as { kind?: unknown; url?: unknown } | undefined;
  const label = comment ? t('conversation.timeline.comment') : story?.kind === 'mention' ? t('conversation.timeline.storyMention') : story ? t('conversation.timeline.storyReply') : null;
  if (!label) return null;
  const link = typeof comment?.permalink === 'string' ? comment.permalink : typeof story?.url === 'string' ? story.url : null;
  return (
    <Text size="xs" c="dimmed" data-testid="message-origin">
      {label}
      {link && (
        <>
          {' · '}
          <Anchor href={link} target="_blank" rel="noopener noreferrer" size="xs">
            {t(comment ? 'conversation.timeline.openPost' : 'conversation.timeline.openStory')}
          </Anchor>
        </>
      )}
    </Text>
  );
}

/** "edited", with the first text the customer sent on hover. */
export function EditedMark({ message: m }: { message: Message }) {
  const { t } = useTranslation();
  if (typeof m.meta.editedAt !== 'string') return null;
  const first = typeof m.meta.editedFrom === 'string' ? m.meta.editedFrom : '';
  return (
    <Tooltip label={t('conversation.timeline.editedFrom', { text: first })} withinPortal disabled={!first} multiline maw={320}>
      <Text size="10px" c="dimmed" fs="italic" data-testid="message-edited">
        {t('conversation.timeline.edited')}
      </Text>
    </Tooltip>
  );
}

/** The customer's reactions (meta.reactions), under the message. */
export function Reactions({ message: m, mine }: { message: Message; mine: boolean }) {
  const { t } = useTranslation();
  const reactions = Array.isArray(m.meta.reactions) ? (m.meta.reactions as Array<{ emoji?: unknown }>).filter((r) => typeof r.emoji === 'string') : [];
  if (reactions.length === 0) return null;
  return (
    <Group gap={4} justify={mine ? 'flex-end' : 'flex-start'} mt={2} data-testid="message-reactions">
      {reactions.map((r, i) => (
        <Text key={i} span size="sm" px={6} style={{ background: 'var(--mantine-color-gray-0)', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 12 }} aria-label={t('conversation.timeline.reaction', { emoji: r.emoji })}>
          {String(r.emoji)}
        </Text>
      ))}
    </Group>
  );
}
