import { useState } from 'react';
import { Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../inbox/conversations.api';
import { conversationActions, type SnoozeInput } from '../conversation.api';
import { ChevronDownIcon, ClockIcon } from '../icons';
import { toLocalInput } from '../pane-format';
import type { ConversationAction } from './use-conversation-action';

/** Snooze (seed 002): until the customer replies, tomorrow, next week, or a chosen date and time. */
export function SnoozeMenu({ conversation, action, onUnsnooze }: { conversation: Conversation; action: ConversationAction; onUnsnooze?: () => void }) {
  const { t } = useTranslation();
  const [customOpen, setCustomOpen] = useState(false);
  const snoozed = conversation.status === 'snoozed';
  const snooze = (input: SnoozeInput, done?: () => void) =>
    action.mutate({ run: () => conversationActions.snooze(conversation.id, input), success: t('conversation.snooze.done') }, { onSuccess: done });

  return (
    <>
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button size="compact-sm" variant="default" leftSection={<ClockIcon size={14} />} rightSection={<ChevronDownIcon size={12} />} data-testid="action-snooze">
            {snoozed ? t('conversation.snooze.snoozed') : t('conversation.snooze.button')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {snoozed && onUnsnooze && (
            <>
              <Menu.Item onClick={onUnsnooze}>{t('conversation.snooze.unsnooze')}</Menu.Item>
              <Menu.Divider />
            </>
          )}
          <Menu.Item onClick={() => snooze({ kind: 'until_reply' })}>{t('conversation.snooze.untilReply')}</Menu.Item>
          <Menu.Item onClick={() => snooze({ kind: 'tomorrow' })}>{t('conversation.snooze.tomorrow')}</Menu.Item>
          <Menu.Item onClick={() => snooze({ kind: 'next_week' })}>{t('conversation.snooze.nextWeek')}</Menu.Item>
          <Menu.Item onClick={() => setCustomOpen(true)}>{t('conversation.snooze.custom')}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <CustomSnoozeModal opened={customOpen} onClose={() => setCustomOpen(false)} pending={action.isPending} onSubmit={(until) => snooze({ kind: 'until', until }, () => setCustomOpen(false))} />
    </>
  );
}

function CustomSnoozeModal({ opened, onClose, onSubmit, pending }: { opened: boolean; onClose: () => void; onSubmit: (iso: string) => void; pending: boolean }) {
  const { t } = useTranslation();
  const tomorrowMorning = () => {
    const d = new Date();
    d.setDate(d.getDate() + 1);
    d.setHours(9, 0, 0, 0);
    return toLocalInput(d);
  };
  const [value, setValue] = useState(tomorrowMorning);
  const date = value ? new Date(value) : null;
  const valid = date !== null && !Number.isNaN(date.getTime()) && date.getTime() > Date.now();
  return (
    <Modal opened={opened} onClose={onClose} title={t('conversation.snooze.customTitle')} centered size="sm">
      <Stack gap="sm">
        <TextInput
          type="datetime-local"
          label={t('conversation.snooze.until')}
          value={value}
          min={toLocalInput(new Date())}
          onChange={(e) => setValue(e.currentTarget.value)}
          error={value && !valid ? t('conversation.snooze.mustBeFuture') : undefined}
          data-autofocus
        />
        <Text size="xs" c="dimmed">
          {t('conversation.snooze.customHint')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('conversation.cancel')}
          </Button>
          <Button onClick={() => valid && onSubmit(date!.toISOString())} disabled={!valid} loading={pending}>
            {t('conversation.snooze.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
