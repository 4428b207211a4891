import { useState } from 'react';
import { Alert, Badge, Button, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../../app/error-message';
import { useFormatTime } from '../../../app/format';
import { useRealtimeEvent } from '../../../app/realtime/realtime-provider';
import { downloadJson } from '../../bots/settings/intents-file';
import { useSettingsAccess } from '../../settings/settings-access';
import { ConfirmMutation, EmptyRow, QueryState, SettingsSection } from '../../settings/settings-ui';
import { fetchWorkflowExport, useDeleteWorkflow, useWorkflowCommand, useWorkflows, workflowKeys, type WorkflowSummary } from '../workflows.api';
import { WorkflowStatusBadge } from '../workflow-status';
import { ImportFailure, ImportWorkflowButton } from './import-workflow-button';
import { NewWorkflowModal } from './new-workflow-modal';

/** The file name of an export: `flujo-<name>.json`, in plain letters. */
function workflowFileName(name: string): string {
  const slug = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `flujo-${slug || 'sin-nombre'}.json`;
}

function RowActions({ workflow, onDelete }: { workflow: WorkflowSummary; onDelete: () => void }) {
  const { t } = useTranslation();
  const stop = useWorkflowCommand('stop');
  const start = useWorkflowCommand('start');
  const exportFile = async () => {
    try {
      downloadJson(workflowFileName(workflow.name), await fetchWorkflowExport(workflow.id));
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(t, err) });
    }
  };
  const command = (mutation: typeof stop) =>
    mutation.mutate(workflow.id, { onError: (err) => notifications.show({ color: 'red', message: errorMessage(t, err) }) });
  return (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      <Button component={Link} to={`/workflows/${workflow.id}`} size="compact-xs" variant="subtle">
        {t('settings.edit')}
      </Button>
      <Button size="compact-xs" variant="subtle" onClick={() => void exportFile()}>
        {t('workflows.actions.export')}
      </Button>
      {workflow.status === 'published' && (
        <Button size="compact-xs" variant="subtle" color="orange" loading={stop.isPending} onClick={() => command(stop)}>
          {t('workflows.actions.stop')}
        </Button>
      )}
      {workflow.status === 'stopped' && (
        <Button size="compact-xs" variant="subtle" loading={start.isPending} onClick={() => command(start)}>
          {t('workflows.actions.start')}
        </Button>
      )}
      <Button size="compact-xs" variant="subtle" color="red" onClick={onDelete}>
        {t('settings.delete')}
      </Button>
    </Group>
  );
}

/** /workflows: the workspace's workflows; admins create, import, export, stop, start and delete them, supervisors read. */
export function WorkflowsPage() {
  const { t } = useTranslation();
  const time = useFormatTime();
  const queryClient = useQueryClient();
  const { me, isAdmin } = useSettingsAccess();
  const workflows = useWorkflows();
  const remove = useDeleteWorkflow();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<WorkflowSummary | null>(null);
  const [importFailure, setImportFailure] = useState<unknown>(null);

  useRealtimeEvent((event) => {
    if (event.type.startsWith('workflow.')) void queryClient.invalidateQueries({ queryKey: workflowKeys.list });
  });

  if (!me) return null;
  if (me.role === 'agent') {
    return (
      <Alert m="md" color="yellow">
        {t('workflows.forbidden')}
      </Alert>
    );
  }
  const columns = isAdmin ? 7 : 6;
  return (
    <SettingsSection
      title={t('workflows.title')}
      description={t('workflows.intro')}
      readOnly={!isAdmin}
      actions={
        isAdmin && (
          <>
            <ImportWorkflowButton onFailure={setImportFailure} />
            <Button onClick={() => setCreating(true)}>{t('workflows.new.button')}</Button>
          </>
        )
      }
    >
      <ImportFailure failure={importFailure} onClose={() => setImportFailure(null)} />
      <QueryState query={workflows}>
        {() => (
          <Table.ScrollContainer minWidth={800}>
            <Table verticalSpacing="xs" data-testid="workflows-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('workflows.fields.name')}</Table.Th>
                  <Table.Th>{t('workflows.fields.status')}</Table.Th>
                  <Table.Th>{t('workflows.fields.trigger')}</Table.Th>
                  <Table.Th>{t('workflows.fields.version')}</Table.Th>
                  <Table.Th>{t('workflows.fields.runs')}</Table.Th>
                  <Table.Th>{t('workflows.fields.updated')}</Table.Th>
                  {isAdmin && <Table.Th />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {!workflows.data!.length && <EmptyRow colSpan={columns}>{t('workflows.empty')}</EmptyRow>}
                {workflows.data!.map((w) => (
                  <Table.Tr key={w.id} data-testid="workflow-row">
                    <Table.Td maw={320}>
                      <Text component={Link} to={`/workflows/${w.id}`} size="sm" fw={500} c="teal.8">
                        {w.name}
                      </Text>
                      {w.description && (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {w.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td miw={130}>
                      <Group gap={4}>
                        <WorkflowStatusBadge status={w.status} />
                        {w.hasUnpublishedChanges && w.version > 0 && (
                          <Badge size="xs" variant="outline" color="yellow">
                            {t('workflows.editor.unpublished')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{w.triggerType ? t(`workflows.triggers.${w.triggerType}`, { defaultValue: w.triggerType }) : '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{w.version ? `v${w.version}` : '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" title={t('workflows.runsHint')}>
                        {t('workflows.runCounts', { active: w.runs.active, total: w.runs.total })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{time(w.updatedAt)}</Text>
                    </Table.Td>
                    {isAdmin && (
                      <Table.Td>
                        <RowActions workflow={w} onDelete={() => setDeleting(w)} />
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      {isAdmin && <NewWorkflowModal opened={creating} onClose={() => setCreating(false)} />}
      <ConfirmMutation
        target={deleting}
        mutation={remove}
        onDone={() => setDeleting(null)}
        onSuccess={() => notifications.show({ color: 'teal', message: t('settings.deleted') })}
        title={t('workflows.deleteTitle')}
        message={t('workflows.deleteConfirm', { name: deleting?.name ?? '', count: deleting?.runs.total ?? 0 })}
        confirmLabel={t('settings.delete')}
      />
    </SettingsSection>
  );
}
