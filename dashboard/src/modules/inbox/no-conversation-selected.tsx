import { Center, Kbd, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The pane while no conversation is open. */
export function NoConversationSelected() {
  const { t } = useTranslation();
  return (
    <Center h="100%" p="xl" data-testid="no-conversation-selected">
      <Stack gap={6} align="center" maw={360} ta="center">
        <svg width={56} height={56} viewBox="0 0 24 24" fill="none" stroke="var(--mantine-color-gray-4)" strokeWidth={1.2} strokeLinecap="round" strokeLinejoin="round" aria-hidden>
          <path d="M4 5h16v11H9l-5 4z" />
          <path d="M8 9.5h8M8 12.5h5" />
        </svg>
        <Text fw={600}>{t('inbox.empty.title')}</Text>
        <Text size="sm" c="dimmed">
          {t('inbox.empty.body')}
        </Text>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">j</Kbd> <Kbd size="xs">k</Kbd> <Kbd size="xs">/</Kbd> · {t('inbox.empty.keys')}
        </Text>
      </Stack>
    </Center>
  );
}
