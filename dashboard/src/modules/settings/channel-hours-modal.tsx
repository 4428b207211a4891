import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api-client';
import { errorMessage } from '../../app/error-message';
import { BusinessHoursEditor, businessHoursValid, type BusinessHours } from './business-hours-editor';
import { useReplaceInList, type Channel } from './channels.api';
import { FormActions } from './settings-ui';

/** A channel's opening hours: outside them its customers get the away message and wait for the opening. */
export function ChannelHoursModal({ channel, onClose }: { channel: Channel | null; onClose: () => void }) {
  const { t } = useTranslation();
  const replace = useReplaceInList();
  const save = useMutation({
    mutationFn: ({ id, businessHours }: { id: number; businessHours: BusinessHours | null }) => api<Channel>(`/channels/${id}`, { method: 'PATCH', body: { businessHours } }),
    onSuccess: replace,
  });
  const [hours, setHours] = useState<BusinessHours | null>(null);
  const { reset } = save;
  useEffect(() => {
    setHours(channel?.businessHours ?? null);
    reset();
  }, [channel, reset]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!channel || !businessHoursValid(hours)) return;
    save.mutate(
      { id: channel.id, businessHours: hours },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('settings.saved') });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened={channel !== null} onClose={onClose} title={t('settings.channels.hoursTitle', { name: channel?.name ?? '' })} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {save.error && (
            <Alert color="red" role="alert">
              {errorMessage(t, save.error)}
            </Alert>
          )}
          <Text size="sm" c="dimmed">
            {t('settings.channels.hoursHint')}
          </Text>
          <BusinessHoursEditor value={hours} onChange={setHours} />
          <FormActions onCancel={onClose} loading={save.isPending} submitLabel={t('settings.save')} />
        </Stack>
      </form>
    </Modal>
  );
}
