import type { ReactNode } from 'react';
import { Box, Center, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch';

/** The frame of the screens before signing in: brand, language choice, one card. */
export function AuthLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="gray.0">
      <Group justify="space-between" px="lg" py="md">
        <Text fw={700} size="xl" c="teal.8">
          Atiende
        </Text>
        <LanguageSwitch />
      </Group>
      <Center px="md" pb="xl">
        <Stack w="100%" maw={480} gap="xs">
          <Paper withBorder shadow="sm" p="xl" component="main">
            {children}
          </Paper>
          <Text size="xs" c="dimmed" ta="center">
            {t('app.tagline')}
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
