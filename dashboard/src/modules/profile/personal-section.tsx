import { useEffect, useState, type FormEvent } from 'react';
import { Avatar, Button, FileButton, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { invalidFields } from '../../app/api-client';
import { errorMessage } from '../../app/error-message';
import { initials } from '../../app/shell/user-menu';
import { chooseLanguage, isLanguage, languages } from '../../i18n/i18n';
import { AVATAR_MAX_BYTES, avatarTypes, useAvatar, useUpdateProfile, type Profile } from './profile.api';
import { validateAvatarFile, validateName } from './profile-validation';

/** Name, photo and language. The language applies at once and follows the person to other browsers. */
export function PersonalSection({ profile }: { profile: Profile }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateProfile();
  const { upload, remove } = useAvatar();
  const [name, setName] = useState(profile.name);
  const [nameError, setNameError] = useState<string | undefined>();
  const [avatarError, setAvatarError] = useState<string | undefined>();

  useEffect(() => setName(profile.name), [profile.name]);

  const saveName = (event: FormEvent) => {
    event.preventDefault();
    const error = validateName(name);
    setNameError(error && t(error));
    if (error) return;
    update.mutate(
      { name: name.trim() },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('profile.saved') }),
        onError: (err) => {
          if (invalidFields(err).includes('name')) setNameError(t('validation.invalid'));
          else notifications.show({ color: 'red', message: errorMessage(t, err) });
        },
      },
    );
  };

  const pickAvatar = (file: File | null) => {
    if (!file) return;
    const error = validateAvatarFile(file, AVATAR_MAX_BYTES, avatarTypes);
    setAvatarError(error && t(error, { size: '2 MB' }));
    if (error) return;
    upload.mutate(file, { onError: (err) => setAvatarError(errorMessage(t, err)) });
  };

  const language = i18n.resolvedLanguage ?? profile.language;

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="profile-personal">
      <Stack gap="md">
        <Title order={3} size="h4" id="profile-personal">
          {t('profile.personal')}
        </Title>
        <Group gap="md" align="center">
          <Avatar src={profile.avatarUrl} size={72} radius="xl" color="teal" alt={t('profile.avatar.alt')}>
            {initials(profile.name)}
          </Avatar>
          <Stack gap={6}>
            <Group gap="xs">
              <FileButton onChange={pickAvatar} accept={avatarTypes.join(',')}>
                {(props) => (
                  <Button {...props} size="xs" variant="light" loading={upload.isPending}>
                    {profile.avatarUrl ? t('profile.avatar.change') : t('profile.avatar.upload')}
                  </Button>
                )}
              </FileButton>
              {profile.avatarUrl && (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  loading={remove.isPending}
                  onClick={() => remove.mutate(undefined, { onError: (err) => setAvatarError(errorMessage(t, err)) })}
                >
                  {t('profile.avatar.remove')}
                </Button>
              )}
            </Group>
            <Text size="xs" c={avatarError ? 'red' : 'dimmed'} role={avatarError ? 'alert' : undefined}>
              {avatarError ?? t('profile.avatar.hint', { size: '2 MB' })}
            </Text>
          </Stack>
        </Group>
        <form onSubmit={saveName} noValidate>
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t('profile.name')}
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setNameError(undefined);
              }}
              error={nameError}
              autoComplete="name"
              required
              style={{ flex: 1, minWidth: 220 }}
            />
            <Button type="submit" loading={update.isPending && update.variables?.name !== undefined} disabled={name.trim() === profile.name}>
              {t('profile.saveName')}
            </Button>
          </Group>
        </form>
        <Group grow align="flex-start">
          <TextInput label={t('fields.email')} value={profile.email} readOnly description={t('profile.emailHint')} />
          <Select
            label={t('fields.language')}
            description={t('profile.languageHint')}
            value={language}
            allowDeselect={false}
            data={languages.map((lng) => ({ value: lng, label: t(`language.name.${lng}`) }))}
            onChange={(value) => {
              if (!isLanguage(value) || value === language) return;
              chooseLanguage(value);
              update.mutate({ language: value }, { onError: (err) => notifications.show({ color: 'red', message: errorMessage(t, err) }) });
            }}
          />
        </Group>
      </Stack>
    </Paper>
  );
}
