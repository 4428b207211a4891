import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Button, Drawer, Group, Stack, Text, Textarea, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { closeCall, markServiceRequest, type Call } from './calls.api';

/** One call: who called, the way through the IVR step by step (menu → choice → time), transcript, recording, actions. */
export function CallDrawer({ call, onClose }: { call: Call | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const time = new Intl.DateTimeFormat(i18n.resolvedLanguage ?? 'es', { timeStyle: 'medium' });
  const act = useMutation({
    mutationFn: (action: 'close' | 'service') => (action === 'close' ? closeCall(call!.id, note) : markServiceRequest(call!.id)),
    onSuccess: () => {
      setNote('');
      void queryClient.invalidateQueries({ queryKey: ['calls'] });
      onClose();
    },
    onError: (err: Error) => notifications.show({ color: 'red', message: t('calls.actionFailed', { message: err.message }) }),
  });
  return (
    <Drawer opened={call !== null} onClose={onClose} position="right" size="lg" title={call ? t('calls.detail.title', { id: call.callId }) : ''}>
      {call && (
        <Stack gap="md">
          <Group gap="xs">
            <Badge>{t(`calls.status.${call.status}`)}</Badge>
            <Text fw={600}>{call.contact?.name ?? t('calls.detail.unknownCaller')}</Text>
            <Text c="dimmed">{call.from}</Text>
          </Group>
          <Text size="sm">{t('calls.detail.to', { number: call.to })}{call.reason ? ` · ${call.reason}` : ''}{call.city ? ` · ${call.city}` : ''}</Text>
          {call.closedBy && <Text size="sm">{t('calls.detail.closedBy', { name: call.closedBy.name })}{call.closingNote ? `: ${call.closingNote}` : ''}</Text>}
          <Title order={5}>{t('calls.detail.flow')}</Title>
          {call.ivrPath.length === 0 ? (
            <Text c="dimmed">{t('calls.detail.noFlow')}</Text>
          ) : (
            <Timeline active={call.ivrPath.length - 1} bulletSize={14} data-testid="ivr-flow">
              {call.ivrPath.map((step, i) => (
                <Timeline.Item key={i} title={step.menu}>
                  {step.prompt && <Text size="sm" c="dimmed">{step.prompt}</Text>}
                  <Text size="sm">{step.choice ? t('calls.detail.choice', { choice: step.choice }) : t('calls.detail.noChoice')} · {time.format(new Date(step.at))}</Text>
                </Timeline.Item>
              ))}
            </Timeline>
          )}
          <Title order={5}>{t('calls.detail.transcript')}</Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{call.transcript ?? t('calls.detail.noTranscript')}</Text>
          {call.recordingUrl && (
            <>
              <Title order={5}>{t('calls.detail.recording')}</Title>
              <audio controls preload="none" src={call.recordingUrl} style={{ width: '100%' }} data-testid="call-recording" />
            </>
          )}
          {call.status !== 'closed' && (
            <Stack gap="xs">
              <Textarea label={t('calls.detail.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} rows={3} maxLength={5000} />
              <Group>
                <Button loading={act.isPending} onClick={() => act.mutate('close')}>{t('calls.detail.close')}</Button>
                {call.status === 'open' && (
                  <Button variant="light" loading={act.isPending} onClick={() => act.mutate('service')}>{t('calls.detail.serviceRequest')}</Button>
                )}
              </Group>
            </Stack>
          )}
        </Stack>
      )}
    </Drawer>
  );
}
