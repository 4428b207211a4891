import { useEffect, useState } from 'react';
import { Button, Group, Modal, Radio, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/error-message';
import type { Conversation } from '../../inbox/conversations.api';
import { conversationActions } from '../conversation.api';

const looksLikeEmail = (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.trim());

/** Send the transcript by e-mail (seed 002): to the contact's address or to any other. */
export function TranscriptModal({ conversation, opened, onClose }: { conversation: Conversation; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const contactEmail = conversation.contact.email;
  const [target, setTarget] = useState<'contact' | 'other'>(contactEmail ? 'contact' : 'other');
  const [other, setOther] = useState('');
  useEffect(() => {
    if (opened) {
      setTarget(contactEmail ? 'contact' : 'other');
      setOther('');
    }
  }, [opened, contactEmail]);
  const send = useMutation({
    mutationFn: () => conversationActions.transcript(conversation.id, target === 'other' ? other.trim() : undefined),
    onSuccess: ({ to }) => {
      notifications.show({ color: 'teal', message: t('conversation.transcript.sent', { to }) });
      onClose();
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(t, err) }),
  });
  const valid = target === 'contact' ? !!contactEmail : looksLikeEmail(other);
  return (
    <Modal opened={opened} onClose={onClose} title={t('conversation.transcript.title')} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) send.mutate();
        }}
      >
        <Stack gap="sm">
          <Radio.Group value={target} onChange={(v) => setTarget(v as 'contact' | 'other')}>
            <Stack gap="xs">
              <Radio value="contact" disabled={!contactEmail} label={contactEmail ? t('conversation.transcript.toContact', { email: contactEmail }) : t('conversation.transcript.noContactEmail')} />
              <Radio value="other" label={t('conversation.transcript.toOther')} />
            </Stack>
          </Radio.Group>
          {target === 'other' && (
            <TextInput
              type="email"
              label={t('conversation.transcript.email')}
              value={other}
              onChange={(e) => setOther(e.currentTarget.value)}
              error={other && !looksLikeEmail(other) ? t('validation.email') : undefined}
              data-autofocus
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('conversation.cancel')}
            </Button>
            <Button type="submit" disabled={!valid} loading={send.isPending}>
              {t('conversation.transcript.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
