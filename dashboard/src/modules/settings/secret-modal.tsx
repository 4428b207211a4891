import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChannelWithSecret } from './channels.api';

/** A value with a button that copies it. */
export function CopyField({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="center">
        <Code block style={{ flex: 1, minWidth: 0, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid={testId}>
          {value}
        </Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button size="xs" variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : undefined} onClick={copy} aria-label={`${t('settings.copy')}: ${label}`}>
              {copied ? t('settings.copied') : t('settings.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

/**
 * The channel's signing secret, shown once after creation or rotation, with the hook URL and how to sign:
 * the server keeps it sealed and never shows it again.
 */
/** How the receiver checks our signature, and the button that closes a shown-once secret. */
export function SigningHelp({ text, onDone }: { text: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" c="dimmed">
        {text}
      </Text>
      <Code block>{'x-atiende-signature: sha256=<HMAC-SHA256(secret, body)>'}</Code>
      <Group justify="flex-end">
        <Button onClick={onDone}>{t('settings.channels.secretSaved')}</Button>
      </Group>
    </>
  );
}

export function SecretModal({ channel, onClose }: { channel: ChannelWithSecret | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={channel !== null} onClose={onClose} title={t('settings.channels.secretTitle', { name: channel?.name ?? '' })} centered size="lg" closeOnClickOutside={false}>
      {channel && (
        <Stack gap="md" data-testid="channel-secret">
          <Alert color="yellow" variant="light">
            {t('settings.channels.secretOnce')}
          </Alert>
          <CopyField label={t('settings.channels.secret')} value={channel.secret} testId="channel-secret-value" />
          <CopyField label={t('settings.channels.hookUrl')} value={channel.webhookUrl} testId="channel-hook-url" />
          <SigningHelp text={t('settings.channels.signingHelp', { header: 'x-atiende-signature' })} onDone={onClose} />
        </Stack>
      )}
    </Modal>
  );
}
