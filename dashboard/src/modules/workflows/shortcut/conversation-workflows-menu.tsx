import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/error-message';
import { useConversationWorkflows, useRunConversationWorkflow } from '../workflow-runs.api';

/**
 * "Flujos" in a conversation's header: the published shortcut workflows this agent may run here. Hidden when there
 * are none (or the list cannot be read), so conversations without shortcuts keep their header as it was.
 */
export function ConversationWorkflowsMenu({ conversationId }: { conversationId: number }) {
  const { t } = useTranslation();
  const workflows = useConversationWorkflows(conversationId);
  const run = useRunConversationWorkflow(conversationId);
  if (!workflows.data?.length) return null;
  const start = (workflow: { id: number; name: string }) =>
    run.mutate(workflow.id, {
      onSuccess: () => notifications.show({ color: 'teal', message: t('workflows.shortcut.started', { name: workflow.name }) }),
      onError: (err) => notifications.show({ color: 'red', title: t('workflows.shortcut.failed', { name: workflow.name }), message: errorMessage(t, err) }),
    });
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="compact-sm" variant="default" loading={run.isPending} data-testid="conversation-workflows">
          {t('workflows.shortcut.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('workflows.shortcut.label')}</Menu.Label>
        {workflows.data.map((w) => (
          <Menu.Item key={w.id} onClick={() => start(w)}>
            {w.name}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
