import { useState } from 'react';
import { Badge, CloseButton, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api-client';
import { errorMessage } from '../../../app/error-message';
import { conversationActions, type Snippet } from '../conversation.api';
import { RobotIcon } from '../icons';
import type { ComposerMode } from './draft-store';

/**
 * A snippet's action (seed 000: agents "re-hook the robot" with a snippet) waits for the message the
 * snippet went into: inserting a `resume_bot` snippet arms it for that draft, sending the draft runs it,
 * and the agent may disarm it before sending. Nothing is resumed unless the message went out.
 */
export function useSnippetAction(conversationId: number) {
  const { t } = useTranslation();
  const [armedFor, setArmedFor] = useState<ComposerMode | null>(null);
  return {
    armed: (mode: ComposerMode) => armedFor === mode,
    inserted: (snippet: Snippet, mode: ComposerMode) => {
      if (snippet.action === 'resume_bot') setArmedFor(mode);
    },
    cancel: (mode: ComposerMode) => setArmedFor((armed) => (armed === mode ? null : armed)),
    /** The draft of `mode` was sent. The bot button follows the realtime event, so nothing is patched here. */
    sent: async (mode: ComposerMode) => {
      if (armedFor !== mode) return;
      setArmedFor(null);
      try {
        await conversationActions.bot(conversationId, true);
      } catch (err) {
        // 409 conflict: the bot was already active, which is what the snippet asked for.
        if (err instanceof ApiError && err.code === 'conflict') return;
        notifications.show({ color: 'red', message: t('conversation.composer.resumeBotFailed', { error: errorMessage(t, err) }) });
      }
    },
  };
}

/** Under the text while armed: what sending will also do, and a way out. */
export function ResumeBotNotice({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <Group px="sm" pb={4} data-testid="composer-resume-bot">
      <Badge
        variant="light"
        color="grape"
        size="md"
        style={{ textTransform: 'none' }}
        leftSection={<RobotIcon size={12} />}
        rightSection={<CloseButton size="xs" variant="transparent" aria-label={t('conversation.composer.cancelResumeBot')} onClick={onCancel} />}
      >
        {t('conversation.composer.resumeBotArmed')}
      </Badge>
    </Group>
  );
}

/** Marks, in the snippet lists, the snippets that resume the bot. */
export function ResumesBotBadge() {
  const { t } = useTranslation();
  return (
    <Badge component="span" size="xs" variant="light" color="grape" ml={6} style={{ textTransform: 'none', verticalAlign: 'middle' }}>
      {t('conversation.composer.resumesBot')}
    </Badge>
  );
}
