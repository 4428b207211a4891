import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './error-message';

export function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="100vh">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

export function FullPageError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Center h="100vh" p="md">
      <Stack maw={420}>
        <Alert color="red" title={t('errors.title')}>
          {errorMessage(t, error)}
        </Alert>
        <Button onClick={onRetry}>{t('common.retry')}</Button>
      </Stack>
    </Center>
  );
}
