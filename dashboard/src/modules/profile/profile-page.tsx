import { Alert, Center, Container, Loader, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/error-message';
import { useProfile } from './profile.api';
import { PersonalSection } from './personal-section';
import { PasswordSection } from './password-section';
import { NotificationSection } from './notification-section';

/** The signed-in person's own settings: who they are, how they sign in, how they are told about things. */
export function ProfilePage() {
  const { t } = useTranslation();
  const profile = useProfile();
  return (
    <Container size="md" px={0}>
      <Stack gap="lg">
        <Title order={2}>{t('profile.title')}</Title>
        {profile.isPending ? (
          <Center p="xl">
            <Loader />
          </Center>
        ) : profile.isError ? (
          <Alert color="red" role="alert">
            {errorMessage(t, profile.error)}
          </Alert>
        ) : (
          <>
            <PersonalSection profile={profile.data} />
            <PasswordSection />
            <NotificationSection profile={profile.data} />
          </>
        )}
      </Stack>
    </Container>
  );
}
