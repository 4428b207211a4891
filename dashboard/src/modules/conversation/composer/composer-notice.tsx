import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LockIcon } from '../icons';
import type { ComposerAccess } from './composer-rules';

interface NoticeProps {
  access: ComposerAccess;
  onTakeOver?: () => void;
  onReopen?: () => void;
  pending?: boolean;
}

/**
 * Why the composer offers only notes, where only the assignee replies: another agent holds the conversation (Take
 * over for supervisors, who may also reply), it must be taken first (Take), or it is closed (Reopen).
 */
export function ComposerNotice({ access, onTakeOver, onReopen, pending }: NoticeProps) {
  const { t } = useTranslation();
  if (access.reason === 'unassigned') {
    return (
      <Alert color="gray" variant="light" p="xs" mb={6} icon={<LockIcon size={16} />} data-testid="composer-unassigned">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text size="sm">{t('conversation.composer.takeToReply')}</Text>
          {onTakeOver && (
            <Button size="compact-xs" onClick={onTakeOver} loading={pending}>
              {t('conversation.actions.take')}
            </Button>
          )}
        </Group>
      </Alert>
    );
  }
  if (access.reason === 'held') {
    return (
      <Alert color="gray" variant="light" p="xs" mb={6} icon={<LockIcon size={16} />} data-testid="composer-held">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text size="sm">{t(access.reply ? 'conversation.composer.heldByOverride' : 'conversation.composer.heldBy', { name: access.holder!.name })}</Text>
          {access.mayTakeOver && onTakeOver && (
            <Button size="compact-xs" variant="light" onClick={onTakeOver} loading={pending}>
              {t('conversation.actions.takeOver')}
            </Button>
          )}
        </Group>
      </Alert>
    );
  }
  if (access.reason === 'closed') {
    return (
      <Alert color="gray" variant="light" p="xs" mb={6} data-testid="composer-closed">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text size="sm">{t('conversation.composer.closed')}</Text>
          {onReopen && (
            <Button size="compact-xs" onClick={onReopen} loading={pending}>
              {t('conversation.actions.reopen')}
            </Button>
          )}
        </Group>
      </Alert>
    );
  }
  return null;
}
