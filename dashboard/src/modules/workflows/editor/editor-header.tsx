import { Alert, Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api-client';
import { errorMessage } from '../../../app/error-message';
import { useWorkflowCommand, type Workflow } from '../workflows.api';
import { WorkflowStatusBadge } from '../workflow-status';
import type { WorkflowDraft } from './use-workflow-draft';

/** The name, the state (status, published version, unsaved and unpublished changes) and the commands. */
export function EditorHeader({ workflow, draft, canManage, onTest }: { workflow: Workflow; draft: WorkflowDraft; canManage: boolean; onTest: () => void }) {
  const { t } = useTranslation();
  const stop = useWorkflowCommand('stop');
  const start = useWorkflowCommand('start');
  const failure = draft.publishError ?? draft.saveError ?? stop.error ?? start.error;
  const invalid = failure instanceof ApiError && (failure.code === 'workflow_invalid' || failure.status === 422);

  const save = () => draft.save().then(() => notifications.show({ color: 'teal', message: t('workflows.editor.saved') }), () => undefined);
  const publish = () =>
    draft.publish().then(
      (w) => notifications.show({ color: 'teal', message: t('workflows.editor.published', { version: w.version }) }),
      () => undefined,
    );

  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <TextInput
          label={t('workflows.fields.name')}
          value={draft.draft.name}
          onChange={(e) => draft.setName(e.currentTarget.value)}
          readOnly={!canManage}
          maxLength={120}
          style={{ flex: 1, minWidth: 240 }}
          styles={{ input: { fontWeight: 600, fontSize: 18 } }}
        />
        {canManage && (
          <Group gap="xs">
            <Button variant="default" onClick={onTest}>
              {t('workflows.editor.test')}
            </Button>
            {workflow.status === 'published' && (
              <Button variant="light" color="orange" loading={stop.isPending} onClick={() => stop.mutate(workflow.id)}>
                {t('workflows.actions.stop')}
              </Button>
            )}
            {workflow.status === 'stopped' && (
              <Button variant="light" loading={start.isPending} onClick={() => start.mutate(workflow.id)}>
                {t('workflows.actions.start')}
              </Button>
            )}
            <Button variant="default" disabled={!draft.dirty || !draft.draft.name.trim()} loading={draft.saving} onClick={() => void save()}>
              {t('workflows.editor.save')}
            </Button>
            <Button loading={draft.publishing} disabled={!draft.draft.name.trim() || (workflow.status === 'published' && !workflow.hasUnpublishedChanges && !draft.dirty)} onClick={() => void publish()}>
              {t('workflows.editor.publish')}
            </Button>
          </Group>
        )}
      </Group>
      <Group gap="xs">
        <WorkflowStatusBadge status={workflow.status} />
        <Text size="xs" c="dimmed" data-testid="workflow-version">
          {workflow.version ? t('workflows.editor.version', { version: workflow.version }) : t('workflows.editor.neverPublished')}
        </Text>
        {workflow.hasUnpublishedChanges && workflow.version > 0 && (
          <Badge size="xs" variant="outline" color="yellow">
            {t('workflows.editor.unpublished')}
          </Badge>
        )}
        {draft.dirty && (
          <Badge size="xs" variant="dot" color="orange" data-testid="unsaved">
            {t('workflows.editor.unsaved')}
          </Badge>
        )}
      </Group>
      {failure && (
        <Alert color="red" role="alert" data-testid="editor-error">
          {invalid ? t('workflows.editor.publishRefused') : errorMessage(t, failure)}
        </Alert>
      )}
    </Stack>
  );
}
