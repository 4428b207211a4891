import { Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The incoming webhook's address (it carries its token) with a copy button; it exists once the workflow is published. */
export function HookUrl({ url }: { url: string | null }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t('workflows.trigger.hookUrl')}
      </Text>
      {url ? (
        <Group gap="xs" wrap="nowrap">
          <Code style={{ flex: 1, overflowWrap: 'anywhere' }} data-testid="hook-url">
            {url}
          </Code>
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button size="compact-xs" variant="light" color={copied ? 'teal' : undefined} onClick={copy}>
                {copied ? t('workflows.trigger.copied') : t('workflows.trigger.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      ) : (
        <Text size="xs" c="dimmed">
          {t('workflows.trigger.hookUrlAfterPublish')}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {t('workflows.trigger.hookUrlHint')}
      </Text>
    </Stack>
  );
}
