import { Alert, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CopyField, SigningHelp } from '../../settings/secret-modal';
import type { BotCredentials } from '../bots.api';

export interface ShownCredentials {
  botName: string;
  credentials: BotCredentials;
}

/**
 * A webhook bot's API token and signing secret, shown once after creation or rotation (the server keeps them
 * sealed), with how the external bot uses each.
 */
export function BotCredentialsModal({ shown, onClose }: { shown: ShownCredentials | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={shown !== null} onClose={onClose} title={t('bots.credentials.title', { name: shown?.botName ?? '' })} centered size="lg" closeOnClickOutside={false}>
      {shown && (
        <Stack gap="md" data-testid="bot-credentials">
          <Alert color="yellow" variant="light">
            {t('bots.credentials.once')}
          </Alert>
          <CopyField label={t('bots.credentials.apiToken')} value={shown.credentials.apiToken} testId="bot-api-token" />
          <Text size="sm" c="dimmed">
            {t('bots.credentials.apiTokenHelp')}
          </Text>
          <CopyField label={t('bots.credentials.signingSecret')} value={shown.credentials.signingSecret} testId="bot-signing-secret" />
          <SigningHelp text={t('bots.credentials.signingHelp', { header: 'x-atiende-signature' })} onDone={onClose} />
        </Stack>
      )}
    </Modal>
  );
}
