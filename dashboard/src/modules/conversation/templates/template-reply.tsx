import { useEffect, useState } from 'react';
import { Alert, Button, Group, Loader, Modal, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/error-message';
import type { Conversation } from '../../inbox/conversations.api';
import { addToTimeline } from '../conversation-queries';
import { replyWindow } from '../pane-format';
import { fillTemplate, sendTemplateReply, useChannelCapabilities, useSendableTemplates, type ChannelTemplate } from './templates.api';

/** The server's end of the reply window, when it sends one (`replyWindowEndsAt`); else the pane's estimate. */
function windowClosed(conversation: Conversation, now: number): boolean {
  const endsAt = (conversation as Conversation & { replyWindowEndsAt?: string | null }).replyWindowEndsAt;
  if (endsAt !== undefined) return endsAt !== null && Date.parse(endsAt) <= now;
  return !!replyWindow(conversation.channel.type, conversation.lastInboundAt, now)?.expired;
}

interface TemplateReplyProps {
  conversation: Conversation;
  /** The composer is in reply mode (not writing a note). */
  active: boolean;
  onSent?: () => void;
}

/**
 * Above the composer, when the channel's reply window closed and the channel has templates (WhatsApp):
 * says that only templates can be sent now and offers them, with their variables filled in.
 */
export function TemplateReply({ conversation, active, onSent }: TemplateReplyProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const closed = active && windowClosed(conversation, Date.now());
  const capabilities = useChannelCapabilities(conversation.channel.id, closed).data;
  if (!closed || !capabilities?.templates) return null;
  const hours = Math.round((capabilities.replyWindow.durationMs ?? 0) / 3_600_000);
  return (
    <Alert color="orange" variant="light" p="xs" mb={6} data-testid="template-reply-notice">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm">{t('conversation.templates.windowClosed', { hours })}</Text>
        <Button size="compact-xs" variant="light" color="orange" onClick={() => setOpen(true)}>
          {t('conversation.templates.choose')}
        </Button>
      </Group>
      <TemplatePicker conversation={conversation} opened={open} onClose={() => setOpen(false)} onSent={onSent} />
    </Alert>
  );
}

interface PickerProps {
  conversation: Conversation;
  opened: boolean;
  onClose: () => void;
  onSent?: () => void;
}

function TemplatePicker({ conversation, opened, onClose, onSent }: PickerProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const templates = useSendableTemplates(conversation.channel.id, opened);
  const [selected, setSelected] = useState<string | null>(null);
  const [variables, setVariables] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const template: ChannelTemplate | undefined = templates.data?.find((x) => String(x.id) === selected);

  useEffect(() => {
    if (!opened) setSelected(null);
  }, [opened]);
  useEffect(() => setVariables(Array.from({ length: template?.variables ?? 0 }, () => '')), [template?.id, template?.variables]);

  const complete = !!template && variables.every((v) => v.trim());
  const send = async () => {
    if (!template || !complete || sending) return;
    setSending(true);
    try {
      const message = await sendTemplateReply(conversation.id, { name: template.name, language: template.language, variables: variables.map((v) => v.trim()) });
      addToTimeline(queryClient, message);
      onClose();
      onSent?.();
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(t, err) });
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('conversation.templates.title')} centered size="lg">
      <Stack gap="sm">
        {templates.isLoading && <Loader size="sm" />}
        {templates.data?.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('conversation.templates.none')}
          </Text>
        )}
        {!!templates.data?.length && (
          <Select
            label={t('conversation.templates.template')}
            placeholder={t('conversation.templates.pick')}
            data={templates.data.map((x) => ({ value: String(x.id), label: `${x.name} · ${x.language}` }))}
            value={selected}
            onChange={setSelected}
            searchable
            data-autofocus
          />
        )}
        {template && (
          <>
            {variables.map((value, i) => (
              <TextInput
                key={`${template.id}-${i}`}
                label={t('conversation.templates.variable', { n: i + 1 })}
                value={value}
                required
                onChange={(e) => {
                  const next = e.currentTarget.value;
                  setVariables((vs) => vs.map((v, j) => (j === i ? next : v)));
                }}
              />
            ))}
            <Paper withBorder p="sm" radius="md" bg="var(--mantine-color-gray-0)">
              <Text size="xs" c="dimmed" mb={4}>
                {t('conversation.templates.preview')}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="template-preview">
                {fillTemplate(template.body, variables)}
              </Text>
            </Paper>
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('conversation.templates.cancel')}
          </Button>
          <Button color="teal" onClick={() => void send()} disabled={!complete} loading={sending}>
            {t('conversation.templates.send')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
