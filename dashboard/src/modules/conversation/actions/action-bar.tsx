import { useImperativeHandle, useState, type Ref } from 'react';
import { ActionIcon, Button, Group, Menu, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../app/auth';
import { priorities, type Conversation, type Priority } from '../../inbox/conversations.api';
import { conversationActions } from '../conversation.api';
import { isSupervisorUp } from '../composer/composer-rules';
import { DotsIcon, MailIcon, RobotIcon } from '../icons';
import { priorityName } from '../timeline/activity-sentence';
import { AssignModal } from './assign-modal';
import { CloseModal } from './close-modal';
import { SnoozeMenu } from './snooze-menu';
import { TranscriptModal } from './transcript-modal';
import type { ConversationAction } from './use-conversation-action';

export interface ActionBarHandle {
  take: () => void;
  openClose: () => void;
}

export interface ActionAvailability {
  take: boolean;
  /** Taking from another agent (supervisors). */
  takeOver: boolean;
  return: boolean;
  close: boolean;
  reopen: boolean;
  snooze: boolean;
}

/** Which actions make sense for this conversation and person (the server decides in the end). */
export function availableActions(c: Pick<Conversation, 'status' | 'assignee'>, me: Pick<Me, 'role'> & { id: number }): ActionAvailability {
  const closed = c.status === 'closed';
  const mine = c.assignee?.id === me.id;
  const others = c.assignee !== null && !mine;
  const supervisor = isSupervisorUp(me.role);
  return {
    // My own snoozed conversation comes back with "Resume now" in the snooze menu instead.
    take: !closed && (mine ? c.status === 'queued' || c.status === 'bot' : !others || supervisor),
    takeOver: !closed && others && supervisor,
    return: !closed && c.assignee !== null && (mine || supervisor) && c.status !== 'queued',
    close: !closed,
    reopen: closed,
    snooze: c.status === 'open' || c.status === 'queued' || c.status === 'snoozed',
  };
}

interface ActionBarProps {
  conversation: Conversation;
  me: Me;
  action: ConversationAction;
  handleRef?: Ref<ActionBarHandle>;
}

/** Take, return, assign/transfer, snooze, close with closing note, reopen; the rest (bot, priority, transcript) in a menu. */
export function ActionBar({ conversation: c, me, action, handleRef }: ActionBarProps) {
  const { t } = useTranslation();
  const [assignOpen, setAssignOpen] = useState(false);
  const [closeOpen, setCloseOpen] = useState(false);
  const [transcriptOpen, setTranscriptOpen] = useState(false);
  const can = availableActions(c, { id: me.user.id, role: me.role });

  const take = () =>
    action.mutate({
      run: () => conversationActions.take(c.id),
      kind: 'take',
      conflictMessage: t('conversation.actions.takeConflict'),
    });
  useImperativeHandle(handleRef, () => ({
    take: () => {
      if (can.take && !action.isPending) take();
    },
    openClose: () => {
      if (can.close) setCloseOpen(true);
    },
  }));

  const run = (fn: () => Promise<Conversation>, success?: string) => action.mutate({ run: fn, success });
  const pending = action.isPending;

  return (
    <Group gap={6} wrap="wrap" data-testid="action-bar">
      {can.take && (
        <Tooltip label={t('conversation.shortcuts.take')} withinPortal>
          <Button size="compact-sm" onClick={take} loading={pending && action.variables?.kind === 'take'} data-testid="action-take">
            {can.takeOver ? t('conversation.actions.takeOver') : t('conversation.actions.take')}
          </Button>
        </Tooltip>
      )}
      {can.return && (
        <Button size="compact-sm" variant="default" onClick={() => run(() => conversationActions.return(c.id), t('conversation.actions.returned'))} disabled={pending} data-testid="action-return">
          {t('conversation.actions.return')}
        </Button>
      )}
      {!can.reopen && (
        <Button size="compact-sm" variant="default" onClick={() => setAssignOpen(true)} data-testid="action-assign">
          {t('conversation.actions.assign')}
        </Button>
      )}
      {can.snooze && <SnoozeMenu conversation={c} action={action} onUnsnooze={c.assignee?.id === me.user.id || c.assignee === null ? take : undefined} />}
      {can.close && (
        <Tooltip label={t('conversation.shortcuts.close')} withinPortal>
          <Button size="compact-sm" color="red" variant="light" onClick={() => setCloseOpen(true)} data-testid="action-close">
            {t('conversation.actions.close')}
          </Button>
        </Tooltip>
      )}
      {can.reopen && (
        <Button size="compact-sm" onClick={() => run(() => conversationActions.reopen(c.id))} loading={pending} data-testid="action-reopen">
          {t('conversation.actions.reopen')}
        </Button>
      )}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="default" size="md" aria-label={t('conversation.actions.more')} data-testid="action-more">
            <DotsIcon size={16} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {!can.reopen && (
            <Menu.Item leftSection={<RobotIcon size={14} />} onClick={() => run(() => conversationActions.bot(c.id, !c.botActive))}>
              {c.botActive ? t('conversation.actions.pauseBot') : t('conversation.actions.resumeBot')}
            </Menu.Item>
          )}
          <Menu.Item leftSection={<MailIcon size={14} />} onClick={() => setTranscriptOpen(true)}>
            {t('conversation.actions.transcript')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Label>{t('conversation.actions.priority')}</Menu.Label>
          {priorities.map((p: Priority) => (
            <Menu.Item key={p} onClick={() => p !== c.priority && run(() => conversationActions.priority(c.id, p))} rightSection={c.priority === p ? '✓' : null} aria-current={c.priority === p ? 'true' : undefined}>
              {priorityName(t, p)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <AssignModal conversation={c} opened={assignOpen} onClose={() => setAssignOpen(false)} action={action} />
      <CloseModal conversation={c} opened={closeOpen} onClose={() => setCloseOpen(false)} action={action} />
      <TranscriptModal conversation={c} opened={transcriptOpen} onClose={() => setTranscriptOpen(false)} />
    </Group>
  );
}
